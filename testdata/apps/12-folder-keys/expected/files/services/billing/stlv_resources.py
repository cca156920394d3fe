import os
from dataclasses import dataclass
from typing import Final
from functools import cached_property


@dataclass(frozen=True)
class InvoicesResource:
    @cached_property
    def table_arn(self) -> str:
        return os.environ["STLV_INVOICES_TABLE_ARN"]

    @cached_property
    def table_name(self) -> str:
        return os.environ["STLV_INVOICES_TABLE_NAME"]


@dataclass(frozen=True)
class InvoicePdfsResource:
    @cached_property
    def bucket_arn(self) -> str:
        return os.environ["STLV_INVOICE_PDFS_BUCKET_ARN"]

    @cached_property
    def bucket_name(self) -> str:
        return os.environ["STLV_INVOICE_PDFS_BUCKET_NAME"]


@dataclass(frozen=True)
class TasksResource:
    @cached_property
    def queue_url(self) -> str:
        return os.environ["STLV_TASKS_QUEUE_URL"]

    @cached_property
    def queue_arn(self) -> str:
        return os.environ["STLV_TASKS_QUEUE_ARN"]

    @cached_property
    def queue_name(self) -> str:
        return os.environ["STLV_TASKS_QUEUE_NAME"]


@dataclass(frozen=True)
class LinkedResources:
    invoices: Final[InvoicesResource] = InvoicesResource()
    invoice_pdfs: Final[InvoicePdfsResource] = InvoicePdfsResource()
    tasks: Final[TasksResource] = TasksResource()


Resources: Final = LinkedResources()