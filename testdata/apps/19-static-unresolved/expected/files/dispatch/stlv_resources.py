import os
from dataclasses import dataclass
from typing import Final
from functools import cached_property


@dataclass(frozen=True)
class VehiclesResource:
    @cached_property
    def table_arn(self) -> str:
        return os.environ["STLV_VEHICLES_TABLE_ARN"]

    @cached_property
    def table_name(self) -> str:
        return os.environ["STLV_VEHICLES_TABLE_NAME"]


@dataclass(frozen=True)
class PriorityAlertsResource:
    @cached_property
    def topic_arn(self) -> str:
        return os.environ["STLV_PRIORITY_ALERTS_TOPIC_ARN"]

    @cached_property
    def topic_name(self) -> str:
        return os.environ["STLV_PRIORITY_ALERTS_TOPIC_NAME"]


@dataclass(frozen=True)
class LinkedResources:
    vehicles: Final[VehiclesResource] = VehiclesResource()
    priority_alerts: Final[PriorityAlertsResource] = PriorityAlertsResource()


Resources: Final = LinkedResources()