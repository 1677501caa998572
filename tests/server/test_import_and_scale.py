"""Catalog import into the database, search normalisation, and paging at synthetic size."""

from __future__ import annotations

from dataclasses import replace

import pytest
import requests
import sqlalchemy as sa

from tests.server.conftest import start_test_server
from weshape_desktop.server.catalog_source import Catalog, load_catalog
from weshape_desktop.server.db import illustrations, import_catalog, make_engine, migrate
from weshape_desktop.server.search_text import normalise, query_terms

SIZE = 5000


def synthetic_entries(base: Catalog, n: int) -> Catalog:
    """`n` metadata-only entries cycling through `base` (no files: only paging is tested)."""
    entries = [
        replace(
            base.entries[k % len(base.entries)],
            id=f"synthetic-{k}",
            sha256=f"{k:064x}",
            title={"en": f"Synthetic {k}", "ar": f"اصطناعي {k}"},
        )
        for k in range(n)
    ]
    return Catalog(entries=entries, categories=base.categories, styles=base.styles)


def test_sample_catalog_pages_once_each(tmp_path) -> None:
    sample = load_catalog(None)
    assert len(sample.entries) >= 100
    server = start_test_server(sample, tmp_path / "data")
    try:
        for limit in (1, 13, 100, 200):
            ids, cursor = [], None
            while True:
                params: dict[str, object] = {"limit": limit}
                if cursor:
                    params["cursor"] = cursor
                page = requests.get(f"{server.url}/v1/catalog", params=params, timeout=10).json()
                ids += [item["id"] for item in page["items"]]
                if (cursor := page["next_cursor"]) is None:
                    break
            assert ids == [entry.id for entry in sample.entries]
    finally:
        server.stop()


def test_synthetic_size_imports_and_pages(tmp_path) -> None:
    catalog = synthetic_entries(load_catalog(None), SIZE)
    engine = make_engine(f"sqlite:///{tmp_path / 'scale.db'}")
    migrate(engine)
    assert import_catalog(engine, catalog)  # how fast: bench/, not a timed assertion here
    engine.dispose()
    server = start_test_server(catalog, tmp_path)  # same database: import is skipped
    try:
        seen: list[str] = []
        session = requests.Session()
        cursor = None
        while True:
            params: dict[str, object] = {"limit": 200}
            if cursor:
                params["cursor"] = cursor
            page = session.get(f"{server.url}/v1/catalog", params=params, timeout=10).json()
            seen += [item["id"] for item in page["items"]]
            if (cursor := page["next_cursor"]) is None:
                break
        session.close()
        assert seen == [f"synthetic-{k}" for k in range(SIZE)]
        found = requests.get(
            f"{server.url}/v1/catalog", params={"q": "اصطناعي 4999"}, timeout=10
        ).json()
        assert [item["id"] for item in found["items"]] == ["synthetic-4999"]
    finally:
        server.stop()


def test_import_is_skipped_when_unchanged_and_replaces_when_changed(catalog: Catalog) -> None:
    engine = make_engine("sqlite://")
    migrate(engine)
    assert import_catalog(engine, catalog)
    assert not import_catalog(engine, catalog)
    smaller = Catalog(catalog.entries[:5], catalog.categories, catalog.styles)
    assert import_catalog(engine, smaller)
    with engine.connect() as conn:
        ids = conn.execute(sa.select(illustrations.c.id).order_by("position")).scalars().all()
    assert ids == [entry.id for entry in catalog.entries[:5]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Access DENIED", "access denied"),
        ("إسم أمان آخر ٱلله", "اسم امان اخر الله"),
        ("مُسْتَشْفَى", "مستشفي"),
        ("مكتبـــة", "مكتبه"),
        ("٢٠٢٦ ۱۲", "2026 12"),
        ("  a\tb\x00c  ", "a b c"),
        ("ﻻ", "لا"),  # presentation form (NFKC)
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_query_terms() -> None:
    assert query_terms("  ") == []
    assert query_terms("Cloud  إلى") == ["cloud", "الي"]
