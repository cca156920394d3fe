import json


def serve(event, context):
    print(json.dumps({"handler": "docs.serve", "records": len(event.get("Records", []))}))
    return {"ok": True}
