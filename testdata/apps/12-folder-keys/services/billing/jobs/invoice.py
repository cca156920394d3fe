import json


def run(event, context):
    print(json.dumps({"handler": "invoice.run", "records": len(event.get("Records", []))}))
    return {"ok": True}


def retry(event, context):
    print(json.dumps({"handler": "invoice.retry", "records": len(event.get("Records", []))}))
    return {"ok": True}
