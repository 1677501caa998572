"""/v1/catalog, facets and items over real HTTP."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from tests.server.conftest import SMALL_CATALOG_SIZE
from weshape_desktop.server.catalog_source import Catalog


def get(url: str, **params: Any) -> requests.Response:
    return requests.get(url, params=params, timeout=10)


# (query, the ids it finds; None: every item) over build_catalog; also run on PostgreSQL.
SEARCH_CASES: list[tuple[str, list[str] | None]] = [
    ("access", ["item-0"]),  # English title, lower case
    ("ACCESS DENIED", ["item-0"]),  # every word, any case
    ("denied access", ["item-0"]),  # words in any order
    ("securi", ["item-0"]),  # English tag substring
    ("الوصول", ["item-0"]),  # Arabic title
    ("أمان", ["item-0"]),  # Arabic tag as stored
    ("امان", ["item-0"]),  # ...and without the hamza
    ("اسم", ["item-1"]),  # stored as إسم
    ("إسم", ["item-1"]),
    ("بطاقه", ["item-1"]),  # teh marbuta written as heh
    ("هوية", ["item-1"]),  # tag stored with a shadda
    ("هـويـة", ["item-1"]),  # tatweel in the query
    ("الى السحابه", ["item-2"]),  # alef maksura and alef forms in a two-word query
    ("100%", ["item-2"]),  # LIKE wildcards are literal
    ("%", ["item-2"]),
    ("_", ["item-2"]),
    ("٢٢", ["item-22"]),  # Arabic-Indic digits
    ("zebra", []),
    ("   ", None),  # blank: everything
]


def search(server_url: str, **params: Any) -> list[str]:
    response = get(f"{server_url}/v1/catalog", limit=200, **params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["next_cursor"] is None
    return [item["id"] for item in body["items"]]


def all_pages(server_url: str, limit: int, **params: Any) -> tuple[list[str], int]:
    ids: list[str] = []
    cursor: str | None = None
    pages = 0
    while True:
        query = dict(params, limit=limit, **({"cursor": cursor} if cursor else {}))
        response = get(f"{server_url}/v1/catalog", **query)
        assert response.status_code == 200, response.text
        body = response.json()
        pages += 1
        assert len(body["items"]) <= limit
        ids += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            return ids, pages
        assert body["items"], "a page with a next cursor must not be empty"


@pytest.mark.parametrize("limit", [1, 5, 7, 23, 60, 200])
def test_pages_cover_every_item_once_in_catalog_order(
    server_url: str, catalog: Catalog, limit: int
) -> None:
    ids, pages = all_pages(server_url, limit)
    assert ids == [entry.id for entry in catalog.entries]
    assert pages == -(-SMALL_CATALOG_SIZE // limit)  # no empty trailing page


def test_default_limit_and_filtered_paging(server_url: str, catalog: Catalog) -> None:
    assert len(get(f"{server_url}/v1/catalog").json()["items"]) == SMALL_CATALOG_SIZE
    ids, _ = all_pages(server_url, 2, category="errors", style="light")
    expected = [e.id for e in catalog.entries if (e.category, e.style) == ("errors", "light")]
    assert ids == expected and len(expected) >= 3


def test_item_json_has_every_field(server_url: str, catalog: Catalog) -> None:
    entry = catalog.entries[1]
    item = get(f"{server_url}/v1/illustrations/{entry.id}").json()
    assert item == {
        "id": entry.id,
        "title": entry.title,
        "tags": entry.tags,
        "category": entry.category,
        "style": entry.style,
        "accent": entry.accent,
        "sha256": entry.sha256,
        "bytes": entry.bytes,
        "width": entry.width,
        "height": entry.height,
        "license": entry.license,
        "updated_at": entry.updated_at,
        "family": entry.id,
        "variants": None,
    }
    first_page = get(f"{server_url}/v1/catalog", limit=2).json()["items"]
    assert first_page[1] == item


@pytest.mark.parametrize(("q", "expected"), SEARCH_CASES)
def test_search_titles_and_tags_in_both_languages(
    server_url: str, catalog: Catalog, q: str, expected: list[str] | None
) -> None:
    found = search(server_url, q=q)
    assert found == (expected if expected is not None else [e.id for e in catalog.entries])


def test_search_does_not_match_across_fields(server_url: str) -> None:
    # "denied" ends the title and "lock" starts the first tag.
    assert search(server_url, q="deniedlock") == []
    assert search(server_url, q="denied lock") == ["item-0"]


def test_category_and_style_filters(server_url: str, catalog: Catalog) -> None:
    for category in ("errors", "empty", "success"):
        assert search(server_url, category=category) == [
            e.id for e in catalog.entries if e.category == category
        ]
    assert search(server_url, style="dark") == [e.id for e in catalog.entries if e.style == "dark"]
    assert search(server_url, q="generic", category="success", style="light") == [
        e.id
        for e in catalog.entries
        if e.category == "success" and e.style == "light" and "generic" in e.tags["en"]
    ]
    assert search(server_url, category="unused") == []
    assert search(server_url, category="no-such-category") == []
    assert search(server_url, style="no-such-style") == []


def test_facets_count_every_item(server_url: str) -> None:
    facets = get(f"{server_url}/v1/catalog/facets").json()
    assert [f["id"] for f in facets["categories"]] == ["errors", "empty", "success", "unused"]
    assert facets["categories"][0]["name"] == {"en": "Errors", "ar": "أخطاء"}
    assert facets["categories"][3]["count"] == 0
    for kind in ("categories", "styles"):
        assert sum(f["count"] for f in facets[kind]) == SMALL_CATALOG_SIZE
    for facet in facets["categories"]:
        assert len(search(f"{server_url}", category=facet["id"])) == facet["count"]


def test_unknown_illustration_is_404_in_the_error_shape(server_url: str) -> None:
    response = get(f"{server_url}/v1/illustrations/no-such-item")
    assert response.status_code == 404
    body = response.json()
    assert body["error"] == "not_found" and "no-such-item" in body["message"]


def test_a_cursor_can_be_reused(server_url: str) -> None:
    first = get(f"{server_url}/v1/catalog", limit=5).json()
    again = get(f"{server_url}/v1/catalog", limit=5, cursor=first["next_cursor"]).json()
    twice = get(f"{server_url}/v1/catalog", limit=5, cursor=first["next_cursor"]).json()
    assert again == twice
    assert again["items"][0]["id"] == "item-5"


def test_first_page_tells_the_total(server_url: str, catalog: Catalog) -> None:
    first = get(f"{server_url}/v1/catalog", limit=5).json()
    assert first["total"] == SMALL_CATALOG_SIZE
    assert get(f"{server_url}/v1/catalog", cursor=first["next_cursor"]).json()["total"] is None
    errors = sum(entry.category == "errors" for entry in catalog.entries)
    assert get(f"{server_url}/v1/catalog", category="errors").json()["total"] == errors
    assert get(f"{server_url}/v1/catalog", q="no such words").json()["total"] == 0
