import os
from dataclasses import dataclass
from typing import Final
from functools import cached_property


@dataclass(frozen=True)
class ThreeDModelsResource:
    @cached_property
    def bucket_arn(self) -> str:
        return os.environ["STLV_THREED_MODELS_BUCKET_ARN"]

    @cached_property
    def bucket_name(self) -> str:
        return os.environ["STLV_THREED_MODELS_BUCKET_NAME"]


@dataclass(frozen=True)
class Two4HDigestResource:
    @cached_property
    def queue_url(self) -> str:
        return os.environ["STLV_TWO4H_DIGEST_QUEUE_URL"]

    @cached_property
    def queue_arn(self) -> str:
        return os.environ["STLV_TWO4H_DIGEST_QUEUE_ARN"]

    @cached_property
    def queue_name(self) -> str:
        return os.environ["STLV_TWO4H_DIGEST_QUEUE_NAME"]


@dataclass(frozen=True)
class OrdersFifoResource:
    @cached_property
    def queue_url(self) -> str:
        return os.environ["STLV_ORDERS_FIFO_QUEUE_URL"]

    @cached_property
    def queue_arn(self) -> str:
        return os.environ["STLV_ORDERS_FIFO_QUEUE_ARN"]

    @cached_property
    def queue_name(self) -> str:
        return os.environ["STLV_ORDERS_FIFO_QUEUE_NAME"]


@dataclass(frozen=True)
class UserSessionsResource:
    @cached_property
    def table_arn(self) -> str:
        return os.environ["STLV_USER__SESSIONS_TABLE_ARN"]

    @cached_property
    def table_name(self) -> str:
        return os.environ["STLV_USER__SESSIONS_TABLE_NAME"]


@dataclass(frozen=True)
class GetHttpResponseCodeResource:
    @cached_property
    def function_arn(self) -> str:
        return os.environ["STLV_GETHTTPRESPONSECODE_FUNCTION_ARN"]

    @cached_property
    def function_name(self) -> str:
        return os.environ["STLV_GETHTTPRESPONSECODE_FUNCTION_NAME"]


@dataclass(frozen=True)
class LinkedResources:
    three_d_models: Final[ThreeDModelsResource] = ThreeDModelsResource()
    two4_h_digest: Final[Two4HDigestResource] = Two4HDigestResource()
    orders_fifo: Final[OrdersFifoResource] = OrdersFifoResource()
    user_sessions: Final[UserSessionsResource] = UserSessionsResource()
    get_http_response_code: Final[GetHttpResponseCodeResource] = GetHttpResponseCodeResource()


Resources: Final = LinkedResources()