import os
from dataclasses import dataclass
from typing import Final
from functools import cached_property


@dataclass(frozen=True)
class RefundsResource:
    @cached_property
    def queue_url(self) -> str:
        return os.environ["STLV_REFUNDS_QUEUE_URL"]

    @cached_property
    def queue_arn(self) -> str:
        return os.environ["STLV_REFUNDS_QUEUE_ARN"]

    @cached_property
    def queue_name(self) -> str:
        return os.environ["STLV_REFUNDS_QUEUE_NAME"]


@dataclass(frozen=True)
class LinkedResources:
    refunds: Final[RefundsResource] = RefundsResource()


Resources: Final = LinkedResources()