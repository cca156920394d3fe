# 05-cors-rest: CORS env vars on a REST Api and what overrides them (linking.md §4.2, §6.3).
# - CorsConfig with a specific origin, allow_credentials and expose_headers; a second Api
#   whose cors is a plain dict;
# - environment= overriding both a link variable and STLV_CORS_ALLOW_ORIGIN (the CorsResource
#   class stays: it follows the Api, not the env);
# - a link named "cors" next to real CORS: two CorsResource classes and two `cors` attributes;
# - the ordering pitfall: Function instances used as route handlers get no CORS at all,
#   because a Function was instantiated before the first Api, so every Function instance is
#   created before the Api registers its CORS variables, even `docs`, made after the Api.
from stelvio.app import StelvioApp
from stelvio.aws.api_gateway import Api
from stelvio.aws.cors import CorsConfig
from stelvio.aws.dynamo_db import DynamoTable
from stelvio.aws.function import Function
from stelvio.link import Link

app = StelvioApp("storefront")


@app.run
def run() -> None:
    products = DynamoTable("products", fields={"sku": "S"}, partition_key="sku")
    health = Function("health", handler="ops/health.check", links=[products])

    api = Api(
        "store-api",
        cors=CorsConfig(
            allow_origins="https://shop.example.com",
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", "Authorization"],
            allow_credentials=True,
            expose_headers=["X-Request-Id", "ETag"],
            max_age=600,
        ),
    )
    api.route("GET", "/health", health)
    api.route(
        "GET",
        "/products",
        "api/products.list_products",
        links=[products],
        environment={
            "STLV_CORS_ALLOW_ORIGIN": "https://admin.example.com",
            "STLV_PRODUCTS_TABLE_NAME": "products-read-replica",
        },
    )
    partner = Link("cors", {"allow_origin": "https://partner.example.com"}, [])
    api.route("POST", "/products", "api/products.create_product", links=[products, partner])
    docs = Function("docs", handler="api/docs.serve", links=[products])
    api.route("GET", "/docs", docs)

    ops = Api("ops-api", cors={"allow_origins": "https://ops.example.com", "allow_credentials": True})
    ops.route("POST", "/reindex", "admin/reindex.handler", links=[products])
