import os
from dataclasses import dataclass
from typing import Final
from functools import cached_property


@dataclass(frozen=True)
class ApiKeysResource:
    @cached_property
    def table_arn(self) -> str:
        return os.environ["STLV_API_KEYS_TABLE_ARN"]

    @cached_property
    def table_name(self) -> str:
        return os.environ["STLV_API_KEYS_TABLE_NAME"]


@dataclass(frozen=True)
class AuthAuditResource:
    @cached_property
    def queue_url(self) -> str:
        return os.environ["STLV_AUTH_AUDIT_QUEUE_URL"]

    @cached_property
    def queue_arn(self) -> str:
        return os.environ["STLV_AUTH_AUDIT_QUEUE_ARN"]

    @cached_property
    def queue_name(self) -> str:
        return os.environ["STLV_AUTH_AUDIT_QUEUE_NAME"]


@dataclass(frozen=True)
class LinkedResources:
    api_keys: Final[ApiKeysResource] = ApiKeysResource()
    auth_audit: Final[AuthAuditResource] = AuthAuditResource()


Resources: Final = LinkedResources()