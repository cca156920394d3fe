import os
from dataclasses import dataclass
from typing import Final
from functools import cached_property


@dataclass(frozen=True)
class PreviewsResource:
    @cached_property
    def bucket_arn(self) -> str:
        return os.environ["STLV_PREVIEWS_BUCKET_ARN"]

    @cached_property
    def bucket_name(self) -> str:
        return os.environ["STLV_PREVIEWS_BUCKET_NAME"]


@dataclass(frozen=True)
class CatalogResource:
    @cached_property
    def table_arn(self) -> str:
        return os.environ["STLV_CATALOG_TABLE_ARN"]

    @cached_property
    def table_name(self) -> str:
        return os.environ["STLV_CATALOG_TABLE_NAME"]


@dataclass(frozen=True)
class VisionApiResource:
    @cached_property
    def endpoint(self) -> str:
        return os.environ["STLV_VISION_API_ENDPOINT"]

    @cached_property
    def model(self) -> str:
        return os.environ["STLV_VISION_API_MODEL"]


@dataclass(frozen=True)
class LinkedResources:
    previews: Final[PreviewsResource] = PreviewsResource()
    catalog: Final[CatalogResource] = CatalogResource()
    vision_api: Final[VisionApiResource] = VisionApiResource()


Resources: Final = LinkedResources()