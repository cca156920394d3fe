# 11-creation-order: the order in which functions are created decides one shared folder file
# (linking.md §5.6, §5.7). Every function here lives in functions/.
# - `.link()` on a Function inside @app.run creates `publish` before drive() starts;
# - the Api is the first component, so its route function is created before the other
#   Functions; its link to `enrich` creates `enrich` even earlier, in the middle of the route;
# - `archive`, instantiated before `enrich`, is created after it, by the second route's link;
# - the queue subscriber is driven last (its subscription component is registered last);
# - the last function created has no CORS, so the file has no CorsResource although two
#   route functions in this folder have CORS.
from stelvio.app import StelvioApp
from stelvio.aws.api_gateway import Api
from stelvio.aws.dynamo_db import DynamoTable
from stelvio.aws.function import Function
from stelvio.aws.queue import Queue
from stelvio.aws.s3 import Bucket
from stelvio.aws.topic import Topic

app = StelvioApp("pipeline")


@app.run
def run() -> None:
    api = Api("pipeline-api", cors=True)
    store = DynamoTable("store", fields={"id": "S"}, partition_key="id")
    blobs = Bucket("blobs")
    updates = Topic("updates")
    backlog = Queue("backlog")

    archive = Function("archive", handler="functions/archive.handler", links=[blobs])
    enrich = Function("enrich", handler="functions/enrich.handler", links=[updates])
    publish = Function("publish", handler="functions/publish.handler", links=[updates, store]).link()

    api.route("POST", "/items", "functions/items.create", links=[enrich, store])
    api.route("GET", "/items", "functions/items.list_items", links=[store, archive])
    backlog.subscribe("drain", "functions/drain.handler", links=[backlog, publish])
