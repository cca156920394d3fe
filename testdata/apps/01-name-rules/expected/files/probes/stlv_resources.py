import os
from dataclasses import dataclass
from typing import Final
from functools import cached_property


@dataclass(frozen=True)
class CafResource:
    @cached_property
    def menu_url(self) -> str:
        return os.environ["STLV_CAFÉ_MENU_URL"]


@dataclass(frozen=True)
class StraEResource:
    @cached_property
    def größe(self) -> str:
        return os.environ["STLV_STRASSE_GRÖSSE"]

    @cached_property
    def api-url(self) -> str:
        return os.environ["STLV_STRASSE_API-URL"]


@dataclass(frozen=True)
class LeCacheResource:
    @cached_property
    def maxEntries(self) -> str:
        return os.environ["STLV_FILE_CACHE_MAXENTRIES"]

    @cached_property
    def ttl_s(self) -> str:
        return os.environ["STLV_FILE_CACHE_TTL_S"]


@dataclass(frozen=True)
class MegaFeedResource:
    @cached_property
    def feed(self) -> str:
        return os.environ["STLV_ΩMEGA_FEED_FEED"]


@dataclass(frozen=True)
class LinkedResources:
    caf: Final[CafResource] = CafResource()
    stra_e: Final[StraEResource] = StraEResource()
    le_cache: Final[LeCacheResource] = LeCacheResource()
    mega_feed: Final[MegaFeedResource] = MegaFeedResource()


Resources: Final = LinkedResources()