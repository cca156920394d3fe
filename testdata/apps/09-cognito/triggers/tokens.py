import json


def enrich(event, context):
    print(json.dumps({"handler": "tokens.enrich", "records": len(event.get("Records", []))}))
    return {"ok": True}
