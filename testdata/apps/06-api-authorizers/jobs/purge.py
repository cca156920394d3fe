import json


def handler(event, context):
    print(json.dumps({"handler": "purge.handler", "records": len(event.get("Records", []))}))
    return {"ok": True}
