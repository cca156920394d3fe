import os
from dataclasses import dataclass
from typing import Final
from functools import cached_property


@dataclass(frozen=True)
class SessionsResource:
    @cached_property
    def table_name(self) -> str:
        return os.environ["STLV_SESSIONS_TABLE_NAME"]


@dataclass(frozen=True)
class KmsResource:
    @cached_property
    def alias(self) -> str:
        return os.environ["STLV_KMS_ALIAS"]


@dataclass(frozen=True)
class LinkedResources:
    sessions: Final[SessionsResource] = SessionsResource()
    kms: Final[KmsResource] = KmsResource()


Resources: Final = LinkedResources()