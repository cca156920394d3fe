import json


def list_products(event, context):
    print(json.dumps({"handler": "products.list_products", "records": len(event.get("Records", []))}))
    return {"ok": True}


def create_product(event, context):
    print(json.dumps({"handler": "products.create_product", "records": len(event.get("Records", []))}))
    return {"ok": True}
