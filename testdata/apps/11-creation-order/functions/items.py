import json


def create(event, context):
    print(json.dumps({"handler": "items.create", "records": len(event.get("Records", []))}))
    return {"ok": True}


def list_items(event, context):
    print(json.dumps({"handler": "items.list_items", "records": len(event.get("Records", []))}))
    return {"ok": True}
