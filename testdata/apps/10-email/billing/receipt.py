import json


def send(event, context):
    print(json.dumps({"handler": "receipt.send", "records": len(event.get("Records", []))}))
    return {"ok": True}
