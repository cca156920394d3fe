import json


def handler(event, context):
    print(json.dumps({"handler": "preview.handler", "records": len(event.get("Records", []))}))
    return {"ok": True}
