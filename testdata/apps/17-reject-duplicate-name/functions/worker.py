import json


def manual(event, context):
    print(json.dumps({"handler": "worker.manual", "records": len(event.get("Records", []))}))
    return {"ok": True}


def handler(event, context):
    print(json.dumps({"handler": "worker.handler", "records": len(event.get("Records", []))}))
    return {"ok": True}
