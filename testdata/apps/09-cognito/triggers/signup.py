import json


def pre_sign_up(event, context):
    print(json.dumps({"handler": "signup.pre_sign_up", "records": len(event.get("Records", []))}))
    return {"ok": True}
