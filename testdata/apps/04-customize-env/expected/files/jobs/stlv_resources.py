import os
from dataclasses import dataclass
from typing import Final
from functools import cached_property


@dataclass(frozen=True)
class ReportsResource:
    @cached_property
    def table_arn(self) -> str:
        return os.environ["STLV_REPORTS_TABLE_ARN"]

    @cached_property
    def table_name(self) -> str:
        return os.environ["STLV_REPORTS_TABLE_NAME"]


@dataclass(frozen=True)
class ReportDoneResource:
    @cached_property
    def topic_arn(self) -> str:
        return os.environ["STLV_REPORT_DONE_TOPIC_ARN"]

    @cached_property
    def topic_name(self) -> str:
        return os.environ["STLV_REPORT_DONE_TOPIC_NAME"]


@dataclass(frozen=True)
class ExportsResource:
    @cached_property
    def bucket_arn(self) -> str:
        return os.environ["STLV_EXPORTS_BUCKET_ARN"]

    @cached_property
    def bucket_name(self) -> str:
        return os.environ["STLV_EXPORTS_BUCKET_NAME"]


@dataclass(frozen=True)
class LinkedResources:
    reports: Final[ReportsResource] = ReportsResource()
    report_done: Final[ReportDoneResource] = ReportDoneResource()
    exports: Final[ExportsResource] = ExportsResource()


Resources: Final = LinkedResources()