import os
from dataclasses import dataclass
from typing import Final
from functools import cached_property


@dataclass(frozen=True)
class CorsResource:
    @cached_property
    def allow_origin(self) -> str:
        return os.environ.get("STLV_CORS_ALLOW_ORIGIN", "")

    @cached_property
    def expose_headers(self) -> str:
        return os.environ.get("STLV_CORS_EXPOSE_HEADERS", "")

    @cached_property
    def allow_credentials(self) -> bool:
        return os.environ.get("STLV_CORS_ALLOW_CREDENTIALS", "false") == "true"

    def get_headers(self) -> dict[str, str]:
        """Returns CORS headers for API Gateway responses."""
        headers = {"Access-Control-Allow-Origin": self.allow_origin}
        if self.expose_headers:
            headers["Access-Control-Expose-Headers"] = self.expose_headers
        if self.allow_credentials:
            headers["Access-Control-Allow-Credentials"] = "true"
        return headers


@dataclass(frozen=True)
class ProductsResource:
    @cached_property
    def table_arn(self) -> str:
        return os.environ["STLV_PRODUCTS_TABLE_ARN"]

    @cached_property
    def table_name(self) -> str:
        return os.environ["STLV_PRODUCTS_TABLE_NAME"]


@dataclass(frozen=True)
class LinkedResources:
    cors: Final[CorsResource] = CorsResource()
    products: Final[ProductsResource] = ProductsResource()


Resources: Final = LinkedResources()