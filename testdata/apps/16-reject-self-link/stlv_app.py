# 16-reject-self-link: Stelvio rejects the app (linking.md §8, §10 #16).
# Two functions share one mutable `links` list. Appending the first function to that list
# afterwards makes it link itself (FunctionConfig keeps the list object, it does not copy it).
# Creating `ingest` then re-enters its own creation: RecursionError during drive().
from stelvio.app import StelvioApp
from stelvio.aws.dynamo_db import DynamoTable
from stelvio.aws.function import Function

app = StelvioApp("telemetry")


@app.run
def run() -> None:
    readings = DynamoTable("readings", fields={"device_id": "S", "ts": "N"}, partition_key="device_id", sort_key="ts")
    common = [readings]
    ingest = Function("ingest", handler="functions/ingest.handler", links=common)
    common.append(ingest)  # meant for `query` only, but `ingest` holds the same list
    Function("query", handler="functions/query.handler", links=common)
