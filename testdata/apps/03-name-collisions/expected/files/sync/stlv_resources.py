import os
from dataclasses import dataclass
from typing import Final
from functools import cached_property


@dataclass(frozen=True)
class OrdersResource:
    @cached_property
    def region(self) -> str:
        return os.environ["STLV_ORDERS_REGION"]


@dataclass(frozen=True)
class MyTableResource:
    @cached_property
    def table_arn(self) -> str:
        return os.environ["STLV_MY_TABLE_TABLE_ARN"]

    @cached_property
    def table_name(self) -> str:
        return os.environ["STLV_MY_TABLE_TABLE_NAME"]


@dataclass(frozen=True)
class MyTableResource:
    @cached_property
    def table_arn(self) -> str:
        return os.environ["STLV_MY_TABLE_TABLE_ARN"]

    @cached_property
    def table_name(self) -> str:
        return os.environ["STLV_MY_TABLE_TABLE_NAME"]


@dataclass(frozen=True)
class AbcResource:
    @cached_property
    def mode(self) -> str:
        return os.environ["STLV_ABC_MODE"]


@dataclass(frozen=True)
class JobsSqsResource:
    @cached_property
    def dlq_url(self) -> str:
        return os.environ["STLV_JOBS_SQS_DLQ_URL"]


@dataclass(frozen=True)
class LinkedResources:
    orders: Final[OrdersResource] = OrdersResource()
    my_table: Final[MyTableResource] = MyTableResource()
    my_table: Final[MyTableResource] = MyTableResource()
    abc: Final[AbcResource] = AbcResource()
    jobs_sqs: Final[JobsSqsResource] = JobsSqsResource()


Resources: Final = LinkedResources()