import os
from dataclasses import dataclass
from typing import Final
from functools import cached_property


@dataclass(frozen=True)
class UpdatesResource:
    @cached_property
    def topic_arn(self) -> str:
        return os.environ["STLV_UPDATES_TOPIC_ARN"]

    @cached_property
    def topic_name(self) -> str:
        return os.environ["STLV_UPDATES_TOPIC_NAME"]


@dataclass(frozen=True)
class StoreResource:
    @cached_property
    def table_arn(self) -> str:
        return os.environ["STLV_STORE_TABLE_ARN"]

    @cached_property
    def table_name(self) -> str:
        return os.environ["STLV_STORE_TABLE_NAME"]


@dataclass(frozen=True)
class EnrichResource:
    @cached_property
    def function_arn(self) -> str:
        return os.environ["STLV_ENRICH_FUNCTION_ARN"]

    @cached_property
    def function_name(self) -> str:
        return os.environ["STLV_ENRICH_FUNCTION_NAME"]


@dataclass(frozen=True)
class BlobsResource:
    @cached_property
    def bucket_arn(self) -> str:
        return os.environ["STLV_BLOBS_BUCKET_ARN"]

    @cached_property
    def bucket_name(self) -> str:
        return os.environ["STLV_BLOBS_BUCKET_NAME"]


@dataclass(frozen=True)
class ArchiveResource:
    @cached_property
    def function_arn(self) -> str:
        return os.environ["STLV_ARCHIVE_FUNCTION_ARN"]

    @cached_property
    def function_name(self) -> str:
        return os.environ["STLV_ARCHIVE_FUNCTION_NAME"]


@dataclass(frozen=True)
class BacklogResource:
    @cached_property
    def queue_url(self) -> str:
        return os.environ["STLV_BACKLOG_QUEUE_URL"]

    @cached_property
    def queue_arn(self) -> str:
        return os.environ["STLV_BACKLOG_QUEUE_ARN"]

    @cached_property
    def queue_name(self) -> str:
        return os.environ["STLV_BACKLOG_QUEUE_NAME"]


@dataclass(frozen=True)
class PublishResource:
    @cached_property
    def function_arn(self) -> str:
        return os.environ["STLV_PUBLISH_FUNCTION_ARN"]

    @cached_property
    def function_name(self) -> str:
        return os.environ["STLV_PUBLISH_FUNCTION_NAME"]


@dataclass(frozen=True)
class LinkedResources:
    updates: Final[UpdatesResource] = UpdatesResource()
    store: Final[StoreResource] = StoreResource()
    enrich: Final[EnrichResource] = EnrichResource()
    blobs: Final[BlobsResource] = BlobsResource()
    archive: Final[ArchiveResource] = ArchiveResource()
    backlog: Final[BacklogResource] = BacklogResource()
    publish: Final[PublishResource] = PublishResource()


Resources: Final = LinkedResources()