import os
from dataclasses import dataclass
from typing import Final
from functools import cached_property


@dataclass(frozen=True)
class MembersResource:
    @cached_property
    def user_pool_id(self) -> str:
        return os.environ["STLV_MEMBERS_USER_POOL_ID"]

    @cached_property
    def user_pool_arn(self) -> str:
        return os.environ["STLV_MEMBERS_USER_POOL_ARN"]


@dataclass(frozen=True)
class MembersServerResource:
    @cached_property
    def client_id(self) -> str:
        return os.environ["STLV_MEMBERS_SERVER_CLIENT_ID"]

    @cached_property
    def user_pool_id(self) -> str:
        return os.environ["STLV_MEMBERS_SERVER_USER_POOL_ID"]

    @cached_property
    def client_secret(self) -> str:
        return os.environ["STLV_MEMBERS_SERVER_CLIENT_SECRET"]


@dataclass(frozen=True)
class GuestsResource:
    @cached_property
    def identity_pool_id(self) -> str:
        return os.environ["STLV_GUESTS_IDENTITY_POOL_ID"]

    @cached_property
    def authenticated_role_arn(self) -> str:
        return os.environ["STLV_GUESTS_AUTHENTICATED_ROLE_ARN"]

    @cached_property
    def unauthenticated_role_arn(self) -> str:
        return os.environ["STLV_GUESTS_UNAUTHENTICATED_ROLE_ARN"]


@dataclass(frozen=True)
class StaffResource:
    @cached_property
    def identity_pool_id(self) -> str:
        return os.environ["STLV_STAFF_IDENTITY_POOL_ID"]

    @cached_property
    def authenticated_role_arn(self) -> str:
        return os.environ["STLV_STAFF_AUTHENTICATED_ROLE_ARN"]


@dataclass(frozen=True)
class MembersWebResource:
    @cached_property
    def client_id(self) -> str:
        return os.environ["STLV_MEMBERS_WEB_CLIENT_ID"]

    @cached_property
    def user_pool_id(self) -> str:
        return os.environ["STLV_MEMBERS_WEB_USER_POOL_ID"]


@dataclass(frozen=True)
class LinkedResources:
    members: Final[MembersResource] = MembersResource()
    members_server: Final[MembersServerResource] = MembersServerResource()
    guests: Final[GuestsResource] = GuestsResource()
    staff: Final[StaffResource] = StaffResource()
    members_web: Final[MembersWebResource] = MembersWebResource()


Resources: Final = LinkedResources()