"""CachedCatalog: the real server first, the cache when the server is unreachable."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.scripted_http import Reply, ScriptedServer
from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.catalog import CachedCatalog, CatalogDiskCache, Fetch
from weshape_desktop.core.errors import OfflineError, ServerError, ServerTimeoutError
from weshape_desktop.core.models import CatalogQuery
from weshape_desktop.core.paths import AppPaths

HOME = CatalogQuery()


@pytest.fixture
def live_api(live_server: str) -> Iterator[ApiClient]:
    client = ApiClient(live_server)
    yield client
    client.close()


@pytest.fixture
def cache() -> CatalogDiskCache:
    return CatalogDiskCache(AppPaths.resolve().catalog_cache_dir)


def test_live_answers_are_saved_under_their_server(
    live_api: ApiClient, cache: CatalogDiskCache, refused_url: str
) -> None:
    catalog = CachedCatalog(live_api, cache)
    page = catalog.page(HOME, None, 30, 0)
    facets = catalog.facets()
    assert page.cached_at is None and page.offline is None and page.value is not None
    assert facets.cached_at is None and facets.value is not None

    live = live_api.base_url
    live_api.base_url = refused_url  # entries are keyed by the server's address
    with pytest.raises(OfflineError):
        catalog.page(HOME, None, 30, 0)
    assert catalog.facets(Fetch.CACHE).value is None
    live_api.base_url = live
    cached = catalog.page(HOME, None, 30, 0, Fetch.CACHE)
    assert cached.value == page.value and cached.cached_at is not None


def test_a_timeout_falls_back_to_the_cache(live_api: ApiClient, cache: CatalogDiskCache) -> None:
    page = live_api.catalog(HOME, None, 30)
    facets = live_api.facets()
    with ScriptedServer(lambda path, n: Reply(hang=True)) as server:
        cache.save_page(server.url, HOME, None, 30, 0, page)
        cache.save_facets(server.url, facets)
        api = ApiClient(server.url, timeout=0.3, retries=0)
        catalog = CachedCatalog(api, cache)
        answer = catalog.page(HOME, None, 30, 0)
        assert answer.value == page and answer.cached_at is not None
        assert isinstance(answer.offline, ServerTimeoutError)
        facets_answer = catalog.facets()
        assert facets_answer.value == facets and isinstance(facets_answer.offline, OfflineError)

        with pytest.raises(ServerTimeoutError):  # Retry: the server only
            catalog.page(HOME, None, 30, 0, Fetch.SERVER)
        asked = len(server.requests)
        offline = catalog.page(HOME, None, 30, 0, Fetch.CACHE)  # offline: no waiting
        assert offline.value == page and offline.offline is None
        assert catalog.page(CatalogQuery(q="x"), None, 30, 0, Fetch.CACHE).value is None
        assert len(server.requests) == asked
        api.close()


def test_a_server_error_is_not_hidden_by_the_cache(
    live_api: ApiClient, cache: CatalogDiskCache
) -> None:
    page = live_api.catalog(HOME, None, 30)
    with ScriptedServer(lambda path, n: Reply(500, b"{}")) as server:
        cache.save_page(server.url, HOME, None, 30, 0, page)
        api = ApiClient(server.url, retries=0)
        with pytest.raises(ServerError):  # the server is there: say what it said
            CachedCatalog(api, cache).page(HOME, None, 30, 0)
        api.close()


def test_without_a_cache_it_is_the_api_client(refused_url: str) -> None:
    api = ApiClient(refused_url, retries=0)
    with pytest.raises(OfflineError):
        CachedCatalog(api, None).page(HOME, None, 30, 0, Fetch.CACHE)
    api.close()
