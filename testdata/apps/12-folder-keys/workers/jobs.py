import json


def sweep(event, context):
    print(json.dumps({"handler": "jobs.sweep", "records": len(event.get("Records", []))}))
    return {"ok": True}


def compact(event, context):
    print(json.dumps({"handler": "jobs.compact", "records": len(event.get("Records", []))}))
    return {"ok": True}
