import os
from dataclasses import dataclass
from typing import Final
from functools import cached_property


@dataclass(frozen=True)
class ProfilesResource:
    @cached_property
    def table_arn(self) -> str:
        return os.environ["STLV_PROFILES_TABLE_ARN"]

    @cached_property
    def table_name(self) -> str:
        return os.environ["STLV_PROFILES_TABLE_NAME"]


@dataclass(frozen=True)
class WelcomeEmailsResource:
    @cached_property
    def queue_url(self) -> str:
        return os.environ["STLV_WELCOME_EMAILS_QUEUE_URL"]

    @cached_property
    def queue_arn(self) -> str:
        return os.environ["STLV_WELCOME_EMAILS_QUEUE_ARN"]

    @cached_property
    def queue_name(self) -> str:
        return os.environ["STLV_WELCOME_EMAILS_QUEUE_NAME"]


@dataclass(frozen=True)
class LinkedResources:
    profiles: Final[ProfilesResource] = ProfilesResource()
    welcome_emails: Final[WelcomeEmailsResource] = WelcomeEmailsResource()


Resources: Final = LinkedResources()