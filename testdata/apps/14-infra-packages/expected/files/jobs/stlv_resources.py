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
class AccountsResource:
    @cached_property
    def table_arn(self) -> str:
        return os.environ["STLV_ACCOUNTS_TABLE_ARN"]

    @cached_property
    def table_name(self) -> str:
        return os.environ["STLV_ACCOUNTS_TABLE_NAME"]


@dataclass(frozen=True)
class BillingJobsResource:
    @cached_property
    def queue_url(self) -> str:
        return os.environ["STLV_BILLING_JOBS_QUEUE_URL"]

    @cached_property
    def queue_arn(self) -> str:
        return os.environ["STLV_BILLING_JOBS_QUEUE_ARN"]

    @cached_property
    def queue_name(self) -> str:
        return os.environ["STLV_BILLING_JOBS_QUEUE_NAME"]


@dataclass(frozen=True)
class UsageResource:
    @cached_property
    def table_arn(self) -> str:
        return os.environ["STLV_USAGE_TABLE_ARN"]

    @cached_property
    def table_name(self) -> str:
        return os.environ["STLV_USAGE_TABLE_NAME"]


@dataclass(frozen=True)
class JobInvoiceResource:
    @cached_property
    def function_arn(self) -> str:
        return os.environ["STLV_JOB_INVOICE_FUNCTION_ARN"]

    @cached_property
    def function_name(self) -> str:
        return os.environ["STLV_JOB_INVOICE_FUNCTION_NAME"]


@dataclass(frozen=True)
class LinkedResources:
    invoices: Final[InvoicesResource] = InvoicesResource()
    accounts: Final[AccountsResource] = AccountsResource()
    billing_jobs: Final[BillingJobsResource] = BillingJobsResource()
    usage: Final[UsageResource] = UsageResource()
    job_invoice: Final[JobInvoiceResource] = JobInvoiceResource()


Resources: Final = LinkedResources()