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
class TelemetryBlueResource:
    @cached_property
    def queue_url(self) -> str:
        return os.environ["STLV_TELEMETRY_BLUE_QUEUE_URL"]

    @cached_property
    def queue_arn(self) -> str:
        return os.environ["STLV_TELEMETRY_BLUE_QUEUE_ARN"]

    @cached_property
    def queue_name(self) -> str:
        return os.environ["STLV_TELEMETRY_BLUE_QUEUE_NAME"]


@dataclass(frozen=True)
class LinkedResources:
    vehicles: Final[VehiclesResource] = VehiclesResource()
    telemetry_blue: Final[TelemetryBlueResource] = TelemetryBlueResource()


Resources: Final = LinkedResources()