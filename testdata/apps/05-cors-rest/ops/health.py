import json


def check(event, context):
    print(json.dumps({"handler": "health.check", "records": len(event.get("Records", []))}))
    return {"ok": True}
