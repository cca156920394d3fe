# 17-reject-duplicate-name: Stelvio rejects the app (app-and-cli.md §1.5).
# A user Function named `orders-worker` and the function that `orders.subscribe("worker", ...)`
# derives share one name. The subscription component (`orders-worker-subscription`) registers
# fine; the clash surfaces only in drive(), when the subscription creates its Function.
from stelvio.app import StelvioApp
from stelvio.aws.dynamo_db import DynamoTable
from stelvio.aws.function import Function
from stelvio.aws.queue import Queue

app = StelvioApp("fulfilment")


@app.run
def run() -> None:
    shipments = DynamoTable("shipments", fields={"id": "S"}, partition_key="id")
    orders = Queue("orders")
    Function("orders-worker", handler="functions/worker.manual", links=[orders, shipments])
    orders.subscribe("worker", "functions/worker.handler", links=[shipments])
