def send(event, context):
    return {"sent": True}
