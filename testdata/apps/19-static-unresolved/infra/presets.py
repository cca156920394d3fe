from stelvio.aws.dynamo_db import DynamoTable
from stelvio.aws.topic import Topic


def standard(table: DynamoTable) -> dict:
    return {"links": [table], "memory": 256}


def priority(table: DynamoTable) -> dict:
    alerts = Topic("priority-alerts")
    return {"links": [table, alerts], "memory": 1024, "environment": {"PRIORITY": "1"}}
