import json
import uuid
from datetime import datetime, timezone

import boto3
from boto3.dynamodb.conditions import Key

from stlv_resources import Resources

_orders = boto3.resource("dynamodb").Table(Resources.orders.table_name)
_sqs = boto3.client("sqs")


def _response(status: int, body) -> dict:
    return {
        "statusCode": status,
        "headers": Resources.cors.get_headers(),
        "body": json.dumps(body, default=str),
    }


def list_orders(event, context):
    customer_id = event["pathParameters"]["customer_id"]
    page = _orders.query(
        IndexName="by-customer",
        KeyConditionExpression=Key("customer_id").eq(customer_id),
        ScanIndexForward=False,
    )
    return _response(200, page["Items"])


def get_order(event, context):
    order_id = event["pathParameters"]["order_id"]
    item = _orders.get_item(Key={"order_id": order_id}).get("Item")
    if item is None:
        return _response(404, {"error": f"order {order_id} not found"})
    return _response(200, item)


def create_order(event, context):
    body = json.loads(event.get("body") or "{}")
    if not body.get("customer_id") or not body.get("items"):
        return _response(400, {"error": "customer_id and items are required"})
    order = {
        "order_id": str(uuid.uuid4()),
        "customer_id": body["customer_id"],
        "items": body["items"],
        "status": "placed",
        "created_at": datetime.now(timezone.utc).isoformat(),
    }
    _orders.put_item(Item=order)
    _sqs.send_message(QueueUrl=Resources.checkout.queue_url, MessageBody=json.dumps({"order_id": order["order_id"]}))
    return _response(201, order)
