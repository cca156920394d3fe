# 19-static-unresolved: values no static reader can know; Stelvio itself runs the app fine.
# - os.environ["DEPLOY_SLOT"] (with a KeyError fallback) inside a component name;
# - a loop over data read with json.load(open(...)) that creates functions;
# - getattr on a module with an attribute name taken from that data, whose result supplies
#   **kwargs (links, and possibly folder or environment) to a Function;
# - next to them, components that are fully known.
import json
import os
from pathlib import Path

from stelvio.app import StelvioApp
from stelvio.aws.dynamo_db import DynamoTable
from stelvio.aws.function import Function
from stelvio.aws.queue import Queue

import infra.presets

app = StelvioApp("fleet")

ROOT = Path(__file__).parent


@app.run
def run() -> None:
    try:
        slot = os.environ["DEPLOY_SLOT"]
    except KeyError:
        slot = "blue"
    vehicles = DynamoTable("vehicles", fields={"vin": "S"}, partition_key="vin")
    telemetry = Queue(f"telemetry-{slot}")
    Function("ingest", handler="ingest/ingest.handler", links=[vehicles, telemetry])

    with open(ROOT / "regions.json", encoding="utf-8") as fh:
        regions = json.load(fh)
    for region in regions:
        Function(f"sync-{region['code']}", handler="sync/region.handler", links=[vehicles],
                 environment={"REGION": region["code"]})

    preset = getattr(infra.presets, regions[0]["preset"])
    Function("dispatch", handler="dispatch/dispatch.handler", **preset(vehicles))

    Function("status", handler="status/status.handler", links=[vehicles], environment={"SLOTS": "blue,green"})
