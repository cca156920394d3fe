import json


def handler(event, context):
    print(json.dumps({"handler": "unseal.handler", "records": len(event.get("Records", []))}))
    return {"ok": True}
