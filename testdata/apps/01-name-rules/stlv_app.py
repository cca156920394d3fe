# 01-name-rules: link names and property names that stress Stelvio's name conversions.
# - Unicode letters: the env var keeps them and upper-cases with Python's full mapping
#   (straße -> STRASSE, ﬁ -> FI), the class name drops every non-ASCII letter (café -> Caf);
# - camel case with an acronym (getHTTPResponseCode), doubled separators (x--y style),
#   a FIFO queue whose name carries a dot, and leading digits (3d-models, 24h-digest);
# - hand-made Link property names that are only upper-cased, never cleaned (api-url, größe).
from stelvio.app import StelvioApp
from stelvio.aws.dynamo_db import DynamoTable
from stelvio.aws.function import Function
from stelvio.aws.queue import Queue
from stelvio.aws.s3 import Bucket
from stelvio.link import Link

app = StelvioApp("name-rules")


@app.run
def run() -> None:
    models = Bucket("3d-models")
    digest = Queue("24h-digest")
    orders = Queue("orders.fifo", fifo=True)
    sessions = DynamoTable("user--sessions", fields={"sid": "S"}, partition_key="sid")

    cafe = Link("café", {"menu_url": "https://café.example.com/menu"}, [])
    strasse = Link("straße", {"größe": "XL", "api-url": "https://maps.example.com/v2"}, [])
    ligature = Link("ﬁle-cache", {"maxEntries": "500", "ttl_s": "60"}, [])
    greek = Link("Ωmega-feed", {"feed": "omega"}, [])

    probe = Function(
        "getHTTPResponseCode",
        handler="probes/http.get_code",
        links=[cafe, strasse, ligature, greek],
    )
    Function(
        "render-model",
        handler="render/model.handler",
        links=[models, digest, orders, sessions, probe],
    )
