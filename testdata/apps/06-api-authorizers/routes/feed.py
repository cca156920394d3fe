import json


def handler(event, context):
    print(json.dumps({"handler": "feed.handler", "records": len(event.get("Records", []))}))
    return {"ok": True}


def status(event, context):
    print(json.dumps({"handler": "feed.status", "records": len(event.get("Records", []))}))
    return {"ok": True}


def rotate(event, context):
    print(json.dumps({"handler": "feed.rotate", "records": len(event.get("Records", []))}))
    return {"ok": True}
