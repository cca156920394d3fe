import os
from dataclasses import dataclass
from typing import Final
from functools import cached_property


@dataclass(frozen=True)
class LedgerResource:
    @cached_property
    def table_arn(self) -> str:
        return os.environ["STLV_LEDGER_TABLE_ARN"]

    @cached_property
    def table_name(self) -> str:
        return os.environ["STLV_LEDGER_TABLE_NAME"]


@dataclass(frozen=True)
class ReceiptsFifoResource:
    @cached_property
    def topic_arn(self) -> str:
        return os.environ["STLV_RECEIPTS_FIFO_TOPIC_ARN"]

    @cached_property
    def topic_name(self) -> str:
        return os.environ["STLV_RECEIPTS_FIFO_TOPIC_NAME"]


@dataclass(frozen=True)
class PaymentEventsResource:
    @cached_property
    def topic_arn(self) -> str:
        return os.environ["STLV_PAYMENT_EVENTS_TOPIC_ARN"]

    @cached_property
    def topic_name(self) -> str:
        return os.environ["STLV_PAYMENT_EVENTS_TOPIC_NAME"]


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
    ledger: Final[LedgerResource] = LedgerResource()
    receipts_fifo: Final[ReceiptsFifoResource] = ReceiptsFifoResource()
    payment_events: Final[PaymentEventsResource] = PaymentEventsResource()
    refunds: Final[RefundsResource] = RefundsResource()


Resources: Final = LinkedResources()