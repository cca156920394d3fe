# 07-subscriptions: derived subscriber functions and their implicit links (linking.md §3.3, §6.1).
# - a FIFO queue with a dot in its name: subscriber `payments-fifo-settle` (dots become dashes in
#   the function name) but the implicit link keeps the dot (`payments.fifo-sqs`);
# - Queue.subscribe with `filters=` and a FunctionConfig handler; a second subscriber on the
#   same queue;
# - DynamoTable(stream="keys-only").subscribe with `filters=` and a folder handler in a dict;
# - Topic.subscribe with `filter_` and a FunctionConfig; a FIFO topic linked (its name keeps
#   `.fifo`); Topic.subscribe_queue, which creates no function.
from stelvio.app import StelvioApp
from stelvio.aws.dynamo_db import DynamoTable
from stelvio.aws.function import FunctionConfig
from stelvio.aws.queue import Queue
from stelvio.aws.topic import Topic

app = StelvioApp("payments")


@app.run
def run() -> None:
    payments = Queue("payments.fifo", fifo=True, visibility_timeout=60)
    ledger = DynamoTable("ledger", fields={"entry_id": "S"}, partition_key="entry_id", stream="keys-only")
    receipts = Topic("receipts.fifo", fifo=True)
    events = Topic("payment-events")
    refunds = Queue("refunds")

    payments.subscribe("settle", "workers/settle.handler", links=[ledger, receipts], batch_size=1)
    payments.subscribe(
        "flag-large",
        FunctionConfig(handler="workers/fraud.handler", links=[events], memory=512),
        filters=[{"body": {"amount": [{"numeric": [">", 10000]}]}}],
    )
    ledger.subscribe(
        "replicate",
        {"handler": "streams::replicate/copy.handler", "links": [refunds]},
        filters=[{"eventName": ["INSERT", "MODIFY"]}],
        batch_size=25,
    )
    events.subscribe(
        "refund-requested",
        FunctionConfig(handler="workers/refunds.request", links=[refunds, ledger]),
        filter_={"type": ["refund_requested"]},
    )
    events.subscribe_queue("refund-inbox", refunds, filter_={"type": ["refund_requested"]})
    refunds.subscribe("process", "workers/refunds.process", links=[ledger, events])
