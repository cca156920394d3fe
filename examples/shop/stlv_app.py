from stelvio.app import StelvioApp
from stelvio.aws.api_gateway import Api
from stelvio.aws.cron import Cron
from stelvio.aws.dynamo_db import DynamoTable, FieldType, GlobalIndex
from stelvio.aws.queue import Queue
from stelvio.config import StelvioAppConfig

app = StelvioApp("shop")


@app.config
def configuration(env: str) -> StelvioAppConfig:
    return StelvioAppConfig(environments=["staging", "prod"])


@app.run
def run() -> None:
    orders = DynamoTable(
        "orders",
        fields={
            "order_id": FieldType.STRING,
            "customer_id": FieldType.STRING,
            "created_at": FieldType.STRING,
        },
        partition_key="order_id",
        global_indexes={
            "by-customer": GlobalIndex(partition_key="customer_id", sort_key="created_at"),
        },
    )

    # Checkout hands paid orders to a worker; the queue's visibility timeout stays above the
    # worker's Lambda timeout so a slow batch is not delivered twice.
    checkout = Queue("checkout", visibility_timeout=120)
    checkout.subscribe("fulfil", "worker/fulfil.handler", links=[orders], batch_size=10, timeout=60)

    api = Api("shop-api", cors=True)
    api.route("GET", "/customers/{customer_id}/orders", "api/orders.list_orders", links=[orders])
    api.route("GET", "/orders/{order_id}", "api/orders.get_order", links=[orders])
    api.route("POST", "/orders", "api/orders.create_order", links=[orders, checkout], memory=256)

    Cron("daily-report", "cron(0 6 * * ? *)", "jobs/report.daily", links=[orders])
