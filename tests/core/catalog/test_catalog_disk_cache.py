"""CatalogDiskCache with real pages and facets from the reference server, on real files."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.catalog.disk_cache import (
    DEFAULT_QUERY_PAGES,
    QUERY_PAGES,
    TEMP_SUFFIX,
    CatalogDiskCache,
)
from weshape_desktop.core.models import CatalogPage, CatalogQuery, Facets
from weshape_desktop.core.paths import AppPaths

HOME = CatalogQuery()
SEARCH = CatalogQuery(q="database")


@pytest.fixture
def api(live_server: str) -> Iterator[ApiClient]:
    client = ApiClient(live_server)
    yield client
    client.close()


@pytest.fixture
def cache() -> CatalogDiskCache:
    return CatalogDiskCache(AppPaths.resolve().catalog_cache_dir)


def files(cache: CatalogDiskCache) -> list[Path]:
    return sorted(p for p in cache.folder.iterdir())


def test_page_and_facets_round_trip(api: ApiClient, cache: CatalogDiskCache) -> None:
    page = api.catalog(HOME, None, 20)
    facets = api.facets()
    when = datetime(2026, 11, 25, 9, 15, tzinfo=UTC)
    assert cache.save_page(api.base_url, HOME, None, 20, 0, page, when)
    assert cache.save_facets(api.base_url, facets)

    cached = cache.load_page(api.base_url, HOME, None, 20)
    assert cached is not None
    assert cached.page == page  # every field of every item, the cursor and the total
    assert cached.fetched_at == when
    loaded_facets = cache.load_facets(api.base_url)
    assert loaded_facets is not None and loaded_facets.facets == facets
    assert isinstance(loaded_facets.facets, Facets)
    assert abs(loaded_facets.fetched_at - datetime.now(UTC)) < timedelta(minutes=1)

    # The next page is keyed by its cursor; other keys are misses.
    second = api.catalog(HOME, page.next_cursor, 20)
    assert cache.save_page(api.base_url, HOME, page.next_cursor, 20, 1, second)
    assert cache.load_page(api.base_url, HOME, page.next_cursor, 20).page == second  # type: ignore[union-attr]
    assert cache.load_page(api.base_url, HOME, None, 30) is None  # another page size
    assert cache.load_page(api.base_url, SEARCH, None, 20) is None
    assert cache.load_page("http://127.0.0.1:1", HOME, None, 20) is None  # another server
    assert cache.load_facets("http://127.0.0.1:1") is None


def test_a_restarted_app_finds_the_pages_of_its_configured_server(
    api: ApiClient, cache: CatalogDiskCache
) -> None:
    page = api.catalog(SEARCH, None, 60)
    cache.save_page(api.base_url, SEARCH, None, 60, 0, page)
    again = CatalogDiskCache(AppPaths.resolve().catalog_cache_dir)
    assert again.load_page(api.base_url, SEARCH, None, 60).page == page  # type: ignore[union-attr]


def test_files_are_private_and_do_not_spell_the_search(
    api: ApiClient, cache: CatalogDiskCache
) -> None:
    page = api.catalog(CatalogQuery(q="قاعدة"), None, 60)
    assert page.items
    cache.save_page(api.base_url, CatalogQuery(q="قاعدة"), None, 60, 0, page)
    (path,) = files(cache)
    assert cache.folder.stat().st_mode & 0o077 == 0
    assert path.stat().st_mode & 0o077 == 0
    record = json.loads(path.read_text(encoding="utf-8"))
    assert set(record) == {"format", "key", "fetched_at", "page"}
    assert "قاعدة" not in path.name and "قاعدة" not in record["key"]


def test_only_the_first_pages_of_a_query_are_kept(api: ApiClient, cache: CatalogDiskCache) -> None:
    page = api.catalog(HOME, None, 5)
    assert cache.pages_kept(HOME) == DEFAULT_QUERY_PAGES > cache.pages_kept(SEARCH) == QUERY_PAGES
    assert not cache.save_page(api.base_url, HOME, "c", 5, DEFAULT_QUERY_PAGES, page)
    assert not cache.save_page(api.base_url, SEARCH, "c", 5, QUERY_PAGES, page)
    assert cache.save_page(api.base_url, SEARCH, "c", 5, QUERY_PAGES - 1, page)
    assert cache.usage()[0] == 1


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # cut short
        lambda text: "",
        lambda text: "\xff\xfe not json",
        lambda text: "[1, 2, 3]",
        lambda text: text.replace('"format":2', '"format":1'),  # an older format
        lambda text: text.replace('"sha256":"', '"sha256":"zz'),  # an item no longer valid
        lambda text: text.replace('"items":', '"rows":'),
        lambda text: text.replace("+00:00", ""),  # a time without its zone
    ],
)
def test_a_damaged_or_old_file_is_a_miss(api: ApiClient, cache: CatalogDiskCache, damage) -> None:
    page = api.catalog(HOME, None, 10)
    cache.save_page(api.base_url, HOME, None, 10, 0, page)
    (path,) = files(cache)
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert cache.load_page(api.base_url, HOME, None, 10) is None
    # The next successful fetch replaces it.
    cache.save_page(api.base_url, HOME, None, 10, 0, page)
    assert cache.load_page(api.base_url, HOME, None, 10).page == page  # type: ignore[union-attr]


def test_a_file_of_another_key_is_a_miss(api: ApiClient, cache: CatalogDiskCache) -> None:
    page = api.catalog(HOME, None, 10)
    cache.save_page(api.base_url, HOME, None, 10, 0, page)
    cache.save_page(api.base_url, HOME, None, 11, 0, page)
    first, second = files(cache)
    first.write_bytes(second.read_bytes())  # e.g. a copied file: its digest doesn't match
    hits = [cache.load_page(api.base_url, HOME, None, n) for n in (10, 11)]
    assert sum(hit is not None for hit in hits) == 1


def test_eviction_drops_other_queries_oldest_pages_first(api: ApiClient) -> None:
    page = api.catalog(HOME, None, 20)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    cache = CatalogDiskCache(AppPaths.resolve().catalog_cache_dir, max_entries=4)
    cache.save_page(api.base_url, HOME, None, 20, 0, page, start)  # the oldest of all
    for n in range(5):  # searches, each an hour newer than the one before
        query = CatalogQuery(q=f"term {n}")
        cache.save_page(api.base_url, query, None, 20, 0, page, start + timedelta(hours=n + 1))
    assert cache.usage()[0] == 4
    assert cache.load_page(api.base_url, HOME, None, 20) is not None  # the default query stays
    kept = [cache.load_page(api.base_url, CatalogQuery(q=f"term {n}"), None, 20) for n in range(5)]
    assert [hit is not None for hit in kept] == [False, False, True, True, True]


def test_eviction_keeps_the_folder_under_its_byte_budget(api: ApiClient) -> None:
    page = api.catalog(HOME, None, 60)
    probe = CatalogDiskCache(AppPaths.resolve().cache_dir / "probe")
    probe.save_page(api.base_url, HOME, None, 60, 0, page)
    one_page = probe.usage()[1]
    cache = CatalogDiskCache(AppPaths.resolve().catalog_cache_dir, max_bytes=int(one_page * 3.5))
    for n in range(6):
        cache.save_page(api.base_url, CatalogQuery(q=f"t{n}"), None, 60, 0, page)
    entries, size = cache.usage()
    assert entries == 3 and size <= cache.max_bytes


def test_writes_are_atomic_and_leave_no_temporary_files(
    api: ApiClient, cache: CatalogDiskCache
) -> None:
    page = api.catalog(HOME, None, 60)
    for n in range(3):
        assert cache.save_page(api.base_url, CatalogQuery(q=f"t{n}"), None, 60, 0, page)
    assert cache.save_facets(api.base_url, api.facets())
    assert all(p.suffix == ".json" for p in files(cache)) and len(files(cache)) == 4

    # A rename that fails (here: a folder squats the entry's name) keeps no half-written file.
    cache.save_page(api.base_url, HOME, None, 60, 0, page)
    target = next(p for p in files(cache) if p.name.startswith("home-"))
    target.unlink()
    target.mkdir()
    (target / "inside").write_text("x")
    assert not cache.save_page(api.base_url, HOME, None, 60, 0, page)
    assert not [p for p in files(cache) if p.name.endswith(TEMP_SUFFIX)]
    assert cache.load_page(api.base_url, HOME, None, 60) is None


def test_a_temporary_file_of_a_dead_writer_is_swept(
    api: ApiClient, cache: CatalogDiskCache
) -> None:
    cache.folder.mkdir(parents=True)
    stale = cache.folder / f".dead{TEMP_SUFFIX}"
    stale.write_text("{")
    old = datetime(2020, 1, 1, tzinfo=UTC).timestamp()
    os.utime(stale, (old, old))
    fresh = cache.folder / f".writing{TEMP_SUFFIX}"  # another thread may still be writing it
    fresh.write_text("{")
    cache.save_page(api.base_url, HOME, None, 10, 0, api.catalog(HOME, None, 10))
    assert not stale.exists() and fresh.exists()


def test_an_unwritable_folder_is_logged_not_raised(api: ApiClient, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    cache = CatalogDiskCache(blocker / "catalog")
    page: CatalogPage = api.catalog(HOME, None, 10)
    assert not cache.save_page(api.base_url, HOME, None, 10, 0, page)
    assert cache.load_page(api.base_url, HOME, None, 10) is None
    assert cache.usage() == (0, 0)
