import json


def check(event, context):
    print(json.dumps({"handler": "partner.check", "records": len(event.get("Records", []))}))
    return {"ok": True}
