# 13-python-eval: ordinary Python a static reader must evaluate to find every component.
# Helpers with defaults, keyword-only arguments and **kwargs; a closure factory; dict and list
# comprehensions; `for` with `continue`, `break` and `else`; enumerate/zip; %-formatting and
# str.format; a walrus; `match` on the env; try/except KeyError; tuple unpacking; a lambda.
from stelvio import context
from stelvio.app import StelvioApp
from stelvio.aws.dynamo_db import DynamoTable
from stelvio.aws.function import Function
from stelvio.aws.queue import Queue
from stelvio.config import StelvioAppConfig

app = StelvioApp("evaluator")

LIMITS = {"staging": 128, "default": 256}
SHARDS = ("alpha", "beta", "gamma", "delta")
RETIRED = {"beta"}


def table(name, *, key="id", **extra):
    return DynamoTable(name, fields={key: "S", **extra.pop("fields", {})}, partition_key=key, **extra)


def worker_factory(prefix, **defaults):
    def make(name, handler, **kwargs):
        return Function("{}-{}".format(prefix, name), handler=handler, **{**defaults, **kwargs})

    return make


@app.config
def configuration(env: str) -> StelvioAppConfig:
    return StelvioAppConfig(environments=["staging", "prod"])


@app.run
def run() -> None:
    env = context().env
    match env:
        case "prod":
            tier = "gold"
        case "staging" | "dev":
            tier = "silver"
        case _:
            tier = "bronze"
    try:
        memory = LIMITS[env]
    except KeyError:
        memory = LIMITS["default"]

    tables = {s: table("%s-data" % s) for s in SHARDS if s not in RETIRED}
    audit = table("audit-%s-%d" % (tier, len(tables)), key="event_id", fields={"ts": "N"}, sort_key="ts")
    inbox, outbox = (Queue(n) for n in ["inbox", "outbox"])
    worker = worker_factory("shard", memory=memory, links=[audit])

    for i, (name, tbl) in enumerate(zip(tables, tables.values())):
        if i == 1:
            continue
        worker(name, "workers/shard.handler", links=[tbl, audit], environment={"SHARD_INDEX": str(i)})

    for candidate in ["beta", "gamma", "alpha"]:
        if candidate in tables:
            primary = tables[candidate]
            break
    else:
        primary = audit

    if (count := len(tables)) > 2:
        worker("router", "workers/router.handler", links=[primary, inbox], environment={"SHARDS": f"{count}"})
    pick = lambda q, fallback: q if tier == "gold" else fallback  # noqa: E731
    worker("relay", "workers/relay.handler", links=[pick(outbox, inbox)])
    Function("report", handler="reports/daily.handler", links=sorted(tables.values(), key=lambda t: t.name)[::-1])
