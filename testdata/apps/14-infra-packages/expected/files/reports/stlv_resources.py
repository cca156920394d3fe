import os
from dataclasses import dataclass
from typing import Final
from functools import cached_property


@dataclass(frozen=True)
class AccountsResource:
    @cached_property
    def table_arn(self) -> str:
        return os.environ["STLV_ACCOUNTS_TABLE_ARN"]

    @cached_property
    def table_name(self) -> str:
        return os.environ["STLV_ACCOUNTS_TABLE_NAME"]


@dataclass(frozen=True)
class UsageResource:
    @cached_property
    def table_arn(self) -> str:
        return os.environ["STLV_USAGE_TABLE_ARN"]

    @cached_property
    def table_name(self) -> str:
        return os.environ["STLV_USAGE_TABLE_NAME"]


@dataclass(frozen=True)
class LinkedResources:
    accounts: Final[AccountsResource] = AccountsResource()
    usage: Final[UsageResource] = UsageResource()


Resources: Final = LinkedResources()