import json


def handler(event, context):
    print(json.dumps({"handler": "ping.handler", "records": len(event.get("Records", []))}))
    return {"ok": True}
