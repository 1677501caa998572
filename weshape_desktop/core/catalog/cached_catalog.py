"""Catalog pages and facets from the server, saved as they arrive, and from that cache when the
server can't be reached (issue 4). Called on worker threads; the UI decides which `Fetch` to use.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Generic, TypeVar

from weshape_desktop.core.catalog.disk_cache import CatalogDiskCache
from weshape_desktop.core.errors import OfflineError
from weshape_desktop.core.models import CatalogPage, CatalogQuery, Facets

if TYPE_CHECKING:  # given a client, never making one: `requests` loads with its maker
    from weshape_desktop.core.api import ApiClient

T = TypeVar("T")


class Fetch(Enum):
    """Where a request may be answered from."""

    SERVER = "server"  # the server only (e.g. Retry: the cached copy is already on screen)
    SERVER_OR_CACHE = "server-or-cache"  # the server; the cache if the server is unreachable
    CACHE = "cache"  # the cache only (offline: don't wait for a server that isn't there)


@dataclass(frozen=True)
class Answer(Generic[T]):
    """A page or the facets, and where they came from."""

    value: T | None  # None: only the cache was asked, and it has no such entry
    cached_at: datetime | None = None  # when a value from the cache was fetched (UTC)
    offline: OfflineError | None = None  # why the server was not used, if it failed


class CachedCatalog:
    """`ApiClient.catalog`/`facets` with a `CatalogDiskCache` behind them (or none: server only).

    Entries are keyed by the configured server URL (`api.base_url`), so an app restarted with the
    same setting finds them.
    """

    def __init__(self, api: ApiClient, cache: CatalogDiskCache | None) -> None:
        self.api = api
        self.cache = cache

    def page(
        self,
        query: CatalogQuery,
        cursor: str | None,
        limit: int,
        page_number: int,
        fetch: Fetch = Fetch.SERVER_OR_CACHE,
    ) -> Answer[CatalogPage]:
        """The `page_number`th page (from 0) of `query`, starting at `cursor`.

        Raises the server's error when the cache can't stand in (OfflineError included).
        """
        server, cache = self.api.base_url, self.cache
        if cache is None:
            return Answer(self.api.catalog(query, cursor, limit))

        def load() -> tuple[CatalogPage, datetime] | None:
            cached = cache.load_page(server, query, cursor, limit)
            return (cached.page, cached.fetched_at) if cached else None

        return _answer(
            fetch,
            lambda: self.api.catalog(query, cursor, limit),
            lambda page: cache.save_page(server, query, cursor, limit, page_number, page),
            load,
        )

    def facets(self, fetch: Fetch = Fetch.SERVER_OR_CACHE) -> Answer[Facets]:
        """Categories and styles; raises like `page`."""
        server, cache = self.api.base_url, self.cache
        if cache is None:
            return Answer(self.api.facets())

        def load() -> tuple[Facets, datetime] | None:
            cached = cache.load_facets(server)
            return (cached.facets, cached.fetched_at) if cached else None

        return _answer(
            fetch, self.api.facets, lambda facets: cache.save_facets(server, facets), load
        )


def _answer(
    fetch: Fetch,
    ask_server: Callable[[], T],
    save: Callable[[T], object],
    load: Callable[[], tuple[T, datetime] | None],
) -> Answer[T]:
    offline: OfflineError | None = None
    if fetch is not Fetch.CACHE:
        try:
            value = ask_server()
        except OfflineError as exc:
            if fetch is Fetch.SERVER:
                raise
            offline = exc
        else:
            save(value)  # on this worker thread; a failed save is logged, never raised
            return Answer(value)
    cached = load()
    if cached is None:
        if offline is not None:
            raise offline
        return Answer(None)
    return Answer(cached[0], cached[1], offline)
