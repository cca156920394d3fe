import os
from dataclasses import dataclass
from typing import Final
from functools import cached_property


@dataclass(frozen=True)
class ReceiptsResource:
    @cached_property
    def email_identity_sender(self) -> str:
        return os.environ["STLV_RECEIPTS_EMAIL_IDENTITY_SENDER"]

    @cached_property
    def configuration_set_name(self) -> str:
        return os.environ["STLV_RECEIPTS_CONFIGURATION_SET_NAME"]


@dataclass(frozen=True)
class LinkedResources:
    receipts: Final[ReceiptsResource] = ReceiptsResource()


Resources: Final = LinkedResources()