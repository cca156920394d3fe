import json


def request(event, context):
    print(json.dumps({"handler": "refunds.request", "records": len(event.get("Records", []))}))
    return {"ok": True}


def process(event, context):
    print(json.dumps({"handler": "refunds.process", "records": len(event.get("Records", []))}))
    return {"ok": True}
