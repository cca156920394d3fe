import json


def verify(event, context):
    print(json.dumps({"handler": "jwt.verify", "records": len(event.get("Records", []))}))
    return {"ok": True}
