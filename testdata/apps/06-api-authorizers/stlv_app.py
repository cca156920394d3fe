# 06-api-authorizers: Api authorizers with links, and a Cron driven by a Function instance.
# - add_token_authorizer with a string handler and links (function `partner-api-auth-jwt`);
#   add_request_authorizer with a Function instance and a list identity_source;
#   authorizers never get CORS env vars even though the Api has cors=True;
# - the Api is the first component created, so the Api is driven before every Function:
#   the Function instance used as a route handler (`orders`) does get CORS here (compare 05);
# - one Function instance behind two routes; auth=False and auth="IAM" routes;
# - Cron with a Function instance (no `-fn` function is derived) and a Cron with a string handler.
from stelvio.app import StelvioApp
from stelvio.aws.api_gateway import Api
from stelvio.aws.cron import Cron
from stelvio.aws.dynamo_db import DynamoTable
from stelvio.aws.function import Function
from stelvio.aws.queue import Queue

app = StelvioApp("partner-api")


@app.run
def run() -> None:
    api = Api("partner-api", cors=True)
    keys = DynamoTable("api-keys", fields={"key_hash": "S"}, partition_key="key_hash")
    audit = Queue("auth-audit")

    jwt = api.add_token_authorizer("jwt", "auth/jwt.verify", links=[keys], ttl=600, memory=256)
    partner_check = Function("partner-auth", handler="auth/partner.check", links=[keys, audit])
    partner = api.add_request_authorizer(
        "partner",
        partner_check,
        identity_source=["method.request.header.X-Partner-Id", "method.request.querystring.key"],
    )

    orders = Function("orders", handler="routes/orders.handler", links=[audit])
    api.route("GET", "/orders", orders, auth=jwt)
    api.route("POST", "/orders", orders, auth=jwt)
    api.route("GET", "/partner/feed", "routes/feed.handler", auth=partner, links=[keys])
    api.route("GET", "/public/status", "routes/feed.status", auth=False)
    api.route("POST", "/internal/rotate", "routes/feed.rotate", auth="IAM", links=[keys, audit])

    rotate = Function("rotate-keys", handler="jobs/rotate.handler", links=[keys], timeout=300)
    Cron("weekly-rotation", "rate(7 days)", rotate)
    Cron("purge-audit", "rate(1 day)", "jobs/purge.handler", links=[audit])
