# 12-folder-keys: which folder a function's stlv_resources.py goes to (linking.md §5.5, §10 #21).
# - `folder="workers/"` and `folder="workers"`: two registry keys, one file on disk; the last
#   writer wins and the two maps are not merged;
# - folder handlers with a sub-path, `services/billing::jobs/invoice.run`: the folder key is
#   `services/billing`, the Lambda handler `jobs/invoice.run`;
# - a single-file handler inside that folder shares the key `services/billing`;
# - `services::billing/refund.handler`: key `services`, a different file;
# - FunctionConfig(handler="jobs/invoice.retry", folder="services/billing");
# - a folder function without links next to a stale stlv_resources.py: Stelvio deletes the
#   file, after it has put the stale copy into the Lambda archive (linking.md §10 #22).
from stelvio.app import StelvioApp
from stelvio.aws.dynamo_db import DynamoTable
from stelvio.aws.function import Function, FunctionConfig
from stelvio.aws.queue import Queue
from stelvio.aws.s3 import Bucket

app = StelvioApp("monorepo")


@app.run
def run() -> None:
    invoices = DynamoTable("invoices", fields={"id": "S"}, partition_key="id")
    pdfs = Bucket("invoice-pdfs")
    tasks = Queue("tasks")

    Function("invoice", handler="services/billing::jobs/invoice.run", links=[invoices, pdfs])
    Function("billing-webhook", handler="services/billing/webhook.handler", links=[tasks])
    Function("retry-invoice", config=FunctionConfig(handler="jobs/invoice.retry", folder="services/billing"))
    Function("refund", handler="services::billing/refund.handler", links=[invoices])

    Function("sweep", config=FunctionConfig(handler="jobs.sweep", folder="workers/", links=[tasks, pdfs]))
    Function("compact", config=FunctionConfig(handler="jobs.compact", folder="workers", links=[invoices]))

    Function("ping", config=FunctionConfig(handler="ping.handler", folder="tools"))
