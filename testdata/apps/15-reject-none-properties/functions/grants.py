import json


def issue(event, context):
    print(json.dumps({"handler": "grants.issue", "records": len(event.get("Records", []))}))
    return {"ok": True}
