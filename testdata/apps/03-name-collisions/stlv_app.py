# 03-name-collisions: links that share a name or an env-var prefix (linking.md §10 #4, #5, #19).
# - the same table twice under one name: the component and table.link().with_permissions(...);
#   a hand-made Link that reuses a component's name with other properties;
# - two tables whose names normalise alike (my-table / my_table): one env prefix and two
#   classes named MyTableResource; two Links aBC / ABC: one env prefix, two classes;
# - a Link named like the implicit queue-subscription link (jobs-sqs) on the subscriber;
# - a later function in the same folder that links a name with no properties, which hides
#   the earlier function's class in the folder file.
from stelvio.app import StelvioApp
from stelvio.aws.dynamo_db import DynamoTable
from stelvio.aws.function import Function
from stelvio.aws.permission import AwsPermission
from stelvio.aws.queue import Queue
from stelvio.link import Link

app = StelvioApp("collisions")


@app.run
def run() -> None:
    orders = DynamoTable("orders", fields={"id": "S"}, partition_key="id")
    dashed = DynamoTable("my-table", fields={"id": "S"}, partition_key="id")
    snake = DynamoTable("my_table", fields={"id": "S"}, partition_key="id")
    jobs = Queue("jobs")

    Function(
        "sync",
        handler="sync/run.handler",
        links=[
            orders,
            orders.link().with_permissions(
                AwsPermission(actions=["dynamodb:DescribeTable"], resources=[orders.arn]),
            ),
            Link("orders", {"region": "eu-west-1"}, []),
            dashed,
            snake,
            Link("aBC", {"mode": "camel"}, []),
            Link("ABC", {"mode": "upper"}, []),
        ],
    )
    jobs.subscribe(
        "drain",
        "sync/drain.handler",
        links=[Link("jobs-sqs", {"dlq_url": "https://sqs.us-east-1.amazonaws.com/123456789012/jobs-dlq"}, [])],
    )
    # created after sync in the same folder: "aBC" becomes an empty entry and loses its class;
    # jobs-drain is created last of all (its subscription component is driven after Function)
    Function("audit", handler="sync/audit.handler", links=[dashed, Link("aBC", {}, [])])
