import os
from dataclasses import dataclass
from typing import Final
from functools import cached_property


@dataclass(frozen=True)
class NewsletterResource:
    @cached_property
    def email_identity_sender(self) -> str:
        return os.environ["STLV_NEWSLETTER_EMAIL_IDENTITY_SENDER"]

    @cached_property
    def email_identity_arn(self) -> str:
        return os.environ["STLV_NEWSLETTER_EMAIL_IDENTITY_ARN"]

    @cached_property
    def configuration_set_name(self) -> str:
        return os.environ["STLV_NEWSLETTER_CONFIGURATION_SET_NAME"]

    @cached_property
    def configuration_set_arn(self) -> str:
        return os.environ["STLV_NEWSLETTER_CONFIGURATION_SET_ARN"]


@dataclass(frozen=True)
class BouncesResource:
    @cached_property
    def topic_arn(self) -> str:
        return os.environ["STLV_BOUNCES_TOPIC_ARN"]

    @cached_property
    def topic_name(self) -> str:
        return os.environ["STLV_BOUNCES_TOPIC_NAME"]


@dataclass(frozen=True)
class NoReplyResource:
    @cached_property
    def email_identity_sender(self) -> str:
        return os.environ["STLV_NO_REPLY_EMAIL_IDENTITY_SENDER"]

    @cached_property
    def email_identity_arn(self) -> str:
        return os.environ["STLV_NO_REPLY_EMAIL_IDENTITY_ARN"]

    @cached_property
    def configuration_set_name(self) -> str:
        return os.environ["STLV_NO_REPLY_CONFIGURATION_SET_NAME"]

    @cached_property
    def configuration_set_arn(self) -> str:
        return os.environ["STLV_NO_REPLY_CONFIGURATION_SET_ARN"]


@dataclass(frozen=True)
class ReceiptsResource:
    @cached_property
    def email_identity_sender(self) -> str:
        return os.environ["STLV_RECEIPTS_EMAIL_IDENTITY_SENDER"]

    @cached_property
    def email_identity_arn(self) -> str:
        return os.environ["STLV_RECEIPTS_EMAIL_IDENTITY_ARN"]

    @cached_property
    def configuration_set_name(self) -> str:
        return os.environ["STLV_RECEIPTS_CONFIGURATION_SET_NAME"]

    @cached_property
    def configuration_set_arn(self) -> str:
        return os.environ["STLV_RECEIPTS_CONFIGURATION_SET_ARN"]


@dataclass(frozen=True)
class LinkedResources:
    newsletter: Final[NewsletterResource] = NewsletterResource()
    bounces: Final[BouncesResource] = BouncesResource()
    no_reply: Final[NoReplyResource] = NoReplyResource()
    receipts: Final[ReceiptsResource] = ReceiptsResource()


Resources: Final = LinkedResources()