import os
from dataclasses import dataclass
from typing import Final
from functools import cached_property


@dataclass(frozen=True)
class AlphaDataResource:
    @cached_property
    def table_arn(self) -> str:
        return os.environ["STLV_ALPHA_DATA_TABLE_ARN"]

    @cached_property
    def table_name(self) -> str:
        return os.environ["STLV_ALPHA_DATA_TABLE_NAME"]


@dataclass(frozen=True)
class AuditGold3Resource:
    @cached_property
    def table_arn(self) -> str:
        return os.environ["STLV_AUDIT_GOLD_3_TABLE_ARN"]

    @cached_property
    def table_name(self) -> str:
        return os.environ["STLV_AUDIT_GOLD_3_TABLE_NAME"]


@dataclass(frozen=True)
class DeltaDataResource:
    @cached_property
    def table_arn(self) -> str:
        return os.environ["STLV_DELTA_DATA_TABLE_ARN"]

    @cached_property
    def table_name(self) -> str:
        return os.environ["STLV_DELTA_DATA_TABLE_NAME"]


@dataclass(frozen=True)
class GammaDataResource:
    @cached_property
    def table_arn(self) -> str:
        return os.environ["STLV_GAMMA_DATA_TABLE_ARN"]

    @cached_property
    def table_name(self) -> str:
        return os.environ["STLV_GAMMA_DATA_TABLE_NAME"]


@dataclass(frozen=True)
class InboxResource:
    @cached_property
    def queue_url(self) -> str:
        return os.environ["STLV_INBOX_QUEUE_URL"]

    @cached_property
    def queue_arn(self) -> str:
        return os.environ["STLV_INBOX_QUEUE_ARN"]

    @cached_property
    def queue_name(self) -> str:
        return os.environ["STLV_INBOX_QUEUE_NAME"]


@dataclass(frozen=True)
class OutboxResource:
    @cached_property
    def queue_url(self) -> str:
        return os.environ["STLV_OUTBOX_QUEUE_URL"]

    @cached_property
    def queue_arn(self) -> str:
        return os.environ["STLV_OUTBOX_QUEUE_ARN"]

    @cached_property
    def queue_name(self) -> str:
        return os.environ["STLV_OUTBOX_QUEUE_NAME"]


@dataclass(frozen=True)
class LinkedResources:
    alpha_data: Final[AlphaDataResource] = AlphaDataResource()
    audit_gold3: Final[AuditGold3Resource] = AuditGold3Resource()
    delta_data: Final[DeltaDataResource] = DeltaDataResource()
    gamma_data: Final[GammaDataResource] = GammaDataResource()
    inbox: Final[InboxResource] = InboxResource()
    outbox: Final[OutboxResource] = OutboxResource()


Resources: Final = LinkedResources()