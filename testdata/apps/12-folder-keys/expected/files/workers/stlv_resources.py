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
class LinkedResources:
    invoices: Final[InvoicesResource] = InvoicesResource()


Resources: Final = LinkedResources()