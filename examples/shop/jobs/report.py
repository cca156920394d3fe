import json
from collections import Counter

import boto3

from stlv_resources import Resources

_orders = boto3.resource("dynamodb").Table(Resources.orders.table_name)


def daily(event, context):
    counts = Counter()
    kwargs = {"ProjectionExpression": "#s", "ExpressionAttributeNames": {"#s": "status"}}
    while True:
        page = _orders.scan(**kwargs)
        counts.update(item.get("status", "unknown") for item in page["Items"])
        if "LastEvaluatedKey" not in page:
            break
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]
    print(json.dumps({"orders_by_status": counts}))
    return dict(counts)
