# 02-link-methods: every Link customisation method at its edges.
# - Link(..., properties={}) (permissions only) and Link(..., {}, None) (a name and nothing else);
# - with_properties() and with_permissions() with no arguments ({} and [] respectively);
# - add_permissions chained twice, with positional AwsPermission arguments;
# - remove_properties of every key (leaves {}), and on a link whose properties are already {}
#   (returns the same link); add_properties on a permissions-only link;
# - with_config(properties=..., permissions=...) with both arguments, and with ({}, []).
# The last function in web/ links only empty links, so the file keeps read-session's classes.
from stelvio.app import StelvioApp
from stelvio.aws.dynamo_db import DynamoTable
from stelvio.aws.function import Function
from stelvio.aws.permission import AwsPermission
from stelvio.aws.queue import Queue
from stelvio.aws.s3 import Bucket
from stelvio.aws.topic import Topic
from stelvio.link import Link

app = StelvioApp("link-methods")

KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/7b0c4a52-6a8e-4c43-9d1e-2f5d7c1e9a10"


@app.run
def run() -> None:
    sessions = DynamoTable("sessions", fields={"sid": "S"}, partition_key="sid")
    uploads = Bucket("uploads")
    jobs = Queue("jobs")
    alerts = Topic("alerts")

    kms = Link("kms", {}, [AwsPermission(actions=["kms:Decrypt"], resources=[KEY_ARN])])
    marker = Link("marker", {}, None)
    limits = Link("limits", {"max_batch": "25", "region": "us-east-1"}, [])

    Function(
        "rotate",
        handler="jobs/rotate.handler",
        links=[
            kms,
            sessions.link().with_properties(),  # IAM only
            uploads.link().with_permissions(),  # env and class only
            limits,
        ],
    )
    Function(
        "enqueue",
        handler="jobs/enqueue.handler",
        links=[
            jobs.link()
            .add_permissions(AwsPermission(["sqs:PurgeQueue"], [jobs.arn]))
            .add_permissions(AwsPermission(actions=["sqs:ChangeMessageVisibility"], resources=[jobs.arn])),
            alerts.link().remove_properties("topic_arn", "topic_name"),
            kms.remove_properties("key_arn"),
        ],
    )
    Function(
        "read-session",
        handler="web/session.handler",
        links=[
            sessions.link().with_config(
                properties={"table_name": sessions.resources.table.name},
                permissions=[AwsPermission(actions=["dynamodb:GetItem"], resources=[sessions.arn])],
            ),
            kms.add_properties(alias="alias/sessions"),
        ],
    )
    Function(
        "noop",
        handler="web/noop.handler",
        links=[alerts.link().with_config(properties={}, permissions=[]), marker],
    )
