"""One card per illustration: `family`, `group=family` with its variants, and `sort=` orders."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.server.conftest import build_catalog, start_test_server
from weshape_desktop.server.catalog_source import Catalog, load_catalog
from weshape_desktop.server.synthetic import synthetic_catalog

# item-0..item-8 are three families of three; item-9.. have none. Styles alternate light, dark.
FAMILIES = {k: f"fam-{k // 3}" for k in range(9)}
TITLES = ["Zebra", "zebra", "Zebra", "apple", "Apple", "apple", "Mango", "mango", "Mango"]


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    catalog = build_catalog(tmp_path / "catalog", n=14)
    entries = []
    for k, entry in enumerate(catalog.entries):
        title = TITLES[k] if k < len(TITLES) else entry.title["en"]
        title = "Generic shapes" if k == 12 else title  # the others are "generic" by tag only
        entries.append(
            dataclasses.replace(
                entry,
                family=FAMILIES.get(k, ""),
                title={"en": title, "ar": entry.title["ar"]},
                # Two items share each date: ties keep catalog order.
                updated_at=f"2026-01-{1 + (k * 5) % 14 // 2:02d}T00:00:00Z",
            )
        )
    catalog.entries = entries
    return catalog


@pytest.fixture
def server_url(catalog: Catalog, tmp_path: Path) -> Iterator[str]:
    server = start_test_server(catalog, tmp_path / "data", require_account_for_downloads=False)
    try:
        yield server.url
    finally:
        server.stop()


def get(url: str, **params: Any) -> dict[str, Any]:
    response = requests.get(url, params=params, timeout=10)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def all_items(url: str, limit: int, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        more = {"cursor": cursor} if cursor else {}
        body = get(f"{url}/v1/catalog", limit=limit, **params, **more)
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return items


@pytest.mark.parametrize("limit", [1, 2, 5, 200])
def test_grouped_pages_show_each_illustration_once_with_its_variants(
    server_url: str, catalog: Catalog, limit: int
) -> None:
    items = all_items(server_url, limit, group="family")
    expected = ["item-0", "item-3", "item-6", *(f"item-{k}" for k in range(9, 14))]
    assert [item["id"] for item in items] == expected
    first = items[0]
    assert first["family"] == "fam-0"
    by_id = {entry.id: entry for entry in catalog.entries}
    assert first["variants"] == [
        {
            "id": f"item-{k}",
            "style": by_id[f"item-{k}"].style,
            "accent": by_id[f"item-{k}"].accent,
            "sha256": by_id[f"item-{k}"].sha256,
            "bytes": by_id[f"item-{k}"].bytes,
            "width": by_id[f"item-{k}"].width,
            "height": by_id[f"item-{k}"].height,
        }
        for k in range(3)
    ]
    alone = items[-1]
    assert alone["family"] == alone["id"] and [v["id"] for v in alone["variants"]] == [alone["id"]]
    total = get(f"{server_url}/v1/catalog", limit=limit, group="family")["total"]
    assert total == len(expected)


def test_ungrouped_items_carry_their_family_and_no_variants(server_url: str) -> None:
    items = get(f"{server_url}/v1/catalog", limit=200)["items"]
    assert len(items) == 14 and items[4]["family"] == "fam-1" and items[4]["variants"] is None
    assert get(f"{server_url}/v1/illustrations/item-12")["family"] == "item-12"


def test_grouped_with_a_style_shows_the_variant_of_that_style(server_url: str) -> None:
    items = get(f"{server_url}/v1/catalog", group="family", style="dark")["items"]
    # The first dark variant of each family (item-3 and item-5 are both dark), then those alone.
    expected = ["item-1", "item-3", "item-7", "item-9", "item-11", "item-13"]
    assert [item["id"] for item in items] == expected
    assert [v["id"] for v in items[0]["variants"]] == ["item-0", "item-1", "item-2"]
    grouped = get(f"{server_url}/v1/catalog", group="family", style="light", category="errors")
    assert grouped["total"] == len(grouped["items"])


def test_grouped_facets_count_illustrations(server_url: str, catalog: Catalog) -> None:
    plain = get(f"{server_url}/v1/catalog/facets")
    grouped = get(f"{server_url}/v1/catalog/facets", group="family")
    assert sum(f["count"] for f in plain["styles"]) == 14
    styles = {f["id"]: f["count"] for f in grouped["styles"]}
    # Each family has both styles; alone: item-10, 12 are light, item-9, 11, 13 dark.
    assert styles == {"light": 5, "dark": 6}
    for facet in grouped["categories"]:
        found = get(f"{server_url}/v1/catalog", group="family", category=facet["id"])
        assert found["total"] == facet["count"]


@pytest.mark.parametrize("limit", [1, 3, 200])
@pytest.mark.parametrize("group", [None, "family"])
def test_sort_orders_are_stable_across_pages(
    server_url: str, catalog: Catalog, limit: int, group: str | None
) -> None:
    params = {"group": group} if group else {}
    shown = {item["id"] for item in all_items(server_url, 200, **params)}
    entries = [(k, e) for k, e in enumerate(catalog.entries) if e.id in shown]
    newest = sorted(entries, key=lambda ke: (-int(ke[1].updated_at[8:10]), ke[0]))
    by_title = sorted(entries, key=lambda ke: (ke[1].title["en"].casefold(), ke[0]))
    by_title_ar = sorted(entries, key=lambda ke: (ke[1].title["ar"], ke[0]))
    for sort, lang, expected in [
        ("newest", "en", newest),
        ("title", "en", by_title),
        ("title", "ar", by_title_ar),
    ]:
        found = all_items(server_url, limit, sort=sort, lang=lang, **params)
        assert [item["id"] for item in found] == [e.id for _, e in expected], (sort, lang)


@pytest.mark.parametrize("limit", [1, 4, 200])
def test_relevance_puts_title_matches_first(server_url: str, catalog: Catalog, limit: int) -> None:
    tagged = [e.id for e in catalog.entries if "generic" in e.tags["en"] and e.id != "item-12"]
    found = all_items(server_url, limit, q="GENERIC", sort="relevance")
    assert [item["id"] for item in found] == ["item-12", *tagged]
    plain = all_items(server_url, limit, q="generic")
    assert [item["id"] for item in plain] == sorted([*tagged, "item-12"], key=lambda i: int(i[5:]))
    # Without a search, relevance is the catalog's order.
    everything = all_items(server_url, limit, sort="relevance", group="family")
    assert [item["id"] for item in everything] == [
        item["id"] for item in all_items(server_url, 200, group="family")
    ]


def test_a_cursor_of_another_order_is_refused(server_url: str) -> None:
    cursor = get(f"{server_url}/v1/catalog", limit=2, sort="newest")["next_cursor"]
    response = requests.get(
        f"{server_url}/v1/catalog", params={"cursor": cursor, "sort": "title"}, timeout=10
    )
    assert response.status_code == 400 and response.json()["error"] == "bad_cursor"
    again = get(f"{server_url}/v1/catalog", limit=2, sort="newest", cursor=cursor)
    assert len(again["items"]) == 2


def test_sample_catalog_is_29_illustrations_light_first() -> None:
    sample = load_catalog(None)
    families: dict[str, list[str]] = {}
    for entry in sample.entries:
        families.setdefault(entry.family, []).append(entry.style)
    assert len(families) == 29
    assert all(styles[0] == "light" and len(styles) in (2, 4) for styles in families.values())
    synthetic = synthetic_catalog(sample, 250)  # two rounds, then 12 families of 4 and a half
    assert len({entry.family for entry in synthetic.entries}) == 29 * 2 + 13


def test_manifest_family_defaults_to_the_id_and_must_be_a_slug(tmp_path: Path) -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
    (tmp_path / "a.svg").write_bytes(svg)
    base = {
        "file": "a.svg",
        "title": {"en": "A", "ar": "أ"},
        "category": "c",
        "style": "s",
        "sha256": hashlib.sha256(svg).hexdigest(),
        "bytes": len(svg),
    }
    manifest = {
        "format": 1,
        "categories": {"c": {"en": "C", "ar": "ج"}},
        "styles": {"s": {"en": "S", "ar": "س"}},
        "items": [
            {**base, "id": "one"},
            {**base, "id": "two", "family": "pair"},
            {**base, "id": "three", "family": "Not A Slug"},
        ],
    }
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    catalog = load_catalog(tmp_path)
    assert [(e.id, e.family) for e in catalog.entries] == [("one", "one"), ("two", "pair")]
    assert "family" in catalog.skipped[0][1]
