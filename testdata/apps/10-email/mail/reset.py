import json


def send(event, context):
    print(json.dumps({"handler": "reset.send", "records": len(event.get("Records", []))}))
    return {"ok": True}
