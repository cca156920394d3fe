import os
from dataclasses import dataclass
from typing import Final
from functools import cached_property


@dataclass(frozen=True)
class UploadsResource:
    @cached_property
    def bucket_arn(self) -> str:
        return os.environ["STLV_UPLOADS_BUCKET_ARN"]

    @cached_property
    def bucket_name(self) -> str:
        return os.environ["STLV_UPLOADS_BUCKET_NAME"]


@dataclass(frozen=True)
class LimitsResource:
    @cached_property
    def max_batch(self) -> str:
        return os.environ["STLV_LIMITS_MAX_BATCH"]

    @cached_property
    def region(self) -> str:
        return os.environ["STLV_LIMITS_REGION"]


@dataclass(frozen=True)
class JobsResource:
    @cached_property
    def queue_url(self) -> str:
        return os.environ["STLV_JOBS_QUEUE_URL"]

    @cached_property
    def queue_arn(self) -> str:
        return os.environ["STLV_JOBS_QUEUE_ARN"]

    @cached_property
    def queue_name(self) -> str:
        return os.environ["STLV_JOBS_QUEUE_NAME"]


@dataclass(frozen=True)
class LinkedResources:
    uploads: Final[UploadsResource] = UploadsResource()
    limits: Final[LimitsResource] = LimitsResource()
    jobs: Final[JobsResource] = JobsResource()


Resources: Final = LinkedResources()