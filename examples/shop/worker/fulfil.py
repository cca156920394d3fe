import json

import boto3

from stlv_resources import Resources

_orders = boto3.resource("dynamodb").Table(Resources.orders.table_name)


def handler(event, context):
    failures = []
    for record in event["Records"]:
        try:
            order_id = json.loads(record["body"])["order_id"]
            _orders.update_item(
                Key={"order_id": order_id},
                UpdateExpression="SET #s = :s",
                ExpressionAttributeNames={"#s": "status"},
                ExpressionAttributeValues={":s": "fulfilled"},
            )
        except Exception as err:  # report the message as failed, keep the rest of the batch
            print(json.dumps({"message_id": record["messageId"], "error": str(err)}))
            failures.append({"itemIdentifier": record["messageId"]})
    return {"batchItemFailures": failures}
