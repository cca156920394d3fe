import json


def get_code(event, context):
    print(json.dumps({"handler": "http.get_code", "records": len(event.get("Records", []))}))
    return {"ok": True}
