import json


def custom(event, context):
    print(json.dumps({"handler": "messages.custom", "records": len(event.get("Records", []))}))
    return {"ok": True}
