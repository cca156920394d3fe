import os
from dataclasses import dataclass
from typing import Final
from functools import cached_property


@dataclass(frozen=True)
class GammaDataResource:
    @cached_property
    def table_arn(self) -> str:
        return os.environ["STLV_GAMMA_DATA_TABLE_ARN"]

    @cached_property
    def table_name(self) -> str:
        return os.environ["STLV_GAMMA_DATA_TABLE_NAME"]


@dataclass(frozen=True)
class DeltaDataResource:
    @cached_property
    def table_arn(self) -> str:
        return os.environ["STLV_DELTA_DATA_TABLE_ARN"]

    @cached_property
    def table_name(self) -> str:
        return os.environ["STLV_DELTA_DATA_TABLE_NAME"]


@dataclass(frozen=True)
class AlphaDataResource:
    @cached_property
    def table_arn(self) -> str:
        return os.environ["STLV_ALPHA_DATA_TABLE_ARN"]

    @cached_property
    def table_name(self) -> str:
        return os.environ["STLV_ALPHA_DATA_TABLE_NAME"]


@dataclass(frozen=True)
class LinkedResources:
    gamma_data: Final[GammaDataResource] = GammaDataResource()
    delta_data: Final[DeltaDataResource] = DeltaDataResource()
    alpha_data: Final[AlphaDataResource] = AlphaDataResource()


Resources: Final = LinkedResources()