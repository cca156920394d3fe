# 04-customize-env: `customize` replacing a function's whole environment (linking.md §4.2 row 5).
# - global StelvioAppConfig(customize={Function: {"function": {"environment": ...}}}) in prod:
#   every Function, derived ones included, loses its link and user variables;
# - per-instance customize={"function": {"environment": ...}} wins over the global one;
# - a per-instance "function" customize without "environment" keeps the global environment
#   (shallow merge per resource key); a "role" customize does not touch env at all;
# - the nested customize of Cron ({"function": {"function": ...}}), Topic.subscribe and
#   Bucket.notify_function ({"subscriptions": {"function": {"function": ...}}}).
# Codegen ignores customize: the files still list every link's properties.
from stelvio.app import StelvioApp
from stelvio.aws.cron import Cron
from stelvio.aws.dynamo_db import DynamoTable
from stelvio.aws.function import Function
from stelvio.aws.s3 import Bucket
from stelvio.aws.topic import Topic
from stelvio.config import StelvioAppConfig

app = StelvioApp("reports")


@app.config
def configuration(env: str) -> StelvioAppConfig:
    customize = {}
    if env == "prod":
        customize[Function] = {"function": {"environment": {"variables": {"LOG_LEVEL": "WARN", "STAGE": env}}}}
    return StelvioAppConfig(environments=["staging", "prod"], customize=customize)


@app.run
def run() -> None:
    reports = DynamoTable("reports", fields={"id": "S"}, partition_key="id")
    exports = Bucket(
        "exports",
        customize={"subscriptions": {"function": {"function": {"environment": {"variables": {"SINK": "s3"}}}}}},
    )
    done = Topic("report-done")

    Function("build", handler="jobs/build.handler", links=[reports], environment={"FORMAT": "pdf"})
    Function(
        "publish",
        handler="jobs/publish.handler",
        links=[reports, done],
        customize={"function": {"environment": {"variables": {"ONLY": "publish"}}}},
    )
    Function("archive", handler="jobs/archive.handler", links=[exports], customize={"function": {"memory_size": 2048}})
    Function("audit", handler="audit/audit.handler", links=[reports], customize={"role": {"description": "audit"}})

    Cron(
        "nightly",
        "cron(0 3 * * ? *)",
        "jobs/nightly.handler",
        links=[reports],
        customize={"function": {"function": {"environment": {"variables": {"TRIGGER": "cron"}}}}},
    )
    done.subscribe(
        "notify",
        "notify/notify.handler",
        links=[reports],
        customize={"function": {"function": {"environment": {"variables": {"CHANNEL": "email"}}}}},
    )
    exports.notify_function("index", events=["s3:ObjectCreated:*"], function="jobs/index.handler", links=[reports])
