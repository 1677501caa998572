"""Searches through the kept display order (library_order.py) give what the full SQL query gives,
under every sort and filter, and never an order the library has changed since."""

from __future__ import annotations

import itertools
import sqlite3
from pathlib import Path

import pytest

from tests.core.library.test_library import add, illustration
from weshape_desktop.core.library import LibraryQuery, LibraryReader, LibraryStore
from weshape_desktop.core.library.reader import build_query

WORDS = [("sun", "الشمس"), ("summer", "الصيف"), ("moon", "القمر"), ("desert", "الصحراء")]


@pytest.fixture
def store(tmp_path: Path) -> LibraryStore:
    s = LibraryStore(tmp_path / "library.db")
    yield s  # type: ignore[misc]
    s.close()


@pytest.fixture
def reader(store: LibraryStore) -> LibraryReader:
    r = store.open_reader()
    yield r  # type: ignore[misc]
    r.close()


def fill(store: LibraryStore, n: int = 40) -> None:
    for i in range(n):
        first, second = WORDS[i % 4], WORDS[(i * 3 + 1) % 4]
        # Titles repeat (ties) and some have no Arabic title (the English one sorts instead).
        en, ar = f"{first[0]} {second[0]}".capitalize(), "" if i % 7 == 0 else first[1]
        add(store, illustration(f"i{i:02d}", en, ar, category=("food", "tech")[i % 2]))
    # entries added out of row order (a synced entry keeps the date it was added elsewhere)
    store._conn.execute("UPDATE library SET added_at = 5 WHERE item_id IN ('i30', 'i03')")
    store.set_favourite([f"i{i:02d}" for i in range(0, n, 3)], True)
    store.add_tags([f"i{i:02d}" for i in range(0, n, 5)], ["Picked"])
    collection = store.create_collection("Deck")
    store.add_to_collection(collection, [f"i{i:02d}" for i in range(n - 1, 0, -4)])


def expected(conn: sqlite3.Connection, query: LibraryQuery) -> list[str]:
    """What the SQL query alone answers (joined, filtered and sorted by SQLite)."""
    return [row[0] for row in conn.execute(*build_query(query))]


def queries(collection: str) -> list[LibraryQuery]:
    sorts = [
        {"sort": sort, "lang": lang, "descending": descending}
        for sort, lang, descending in itertools.product(
            ("added", "title"), ("en", "ar"), (True, False)
        )
    ] + [{"sort": "position", "collection_id": collection, "descending": d} for d in (True, False)]
    filters = [{}, {"favourites_only": True}, {"tag": "picked"}, {"category": "tech"}]
    filters.append({"collection_id": collection, "favourites_only": True})
    texts = ["", "su", "sum", "ال", "صحراء", "moon su", "nothing"]
    return [
        LibraryQuery(**(f | s), text=t)  # type: ignore[arg-type]
        for s, f, t in itertools.product(sorts, filters, texts)
    ]


def test_searches_keep_every_sort_and_filter(store: LibraryStore, reader: LibraryReader) -> None:
    fill(store)
    (collection,) = [c.id for c in store.collections()]
    conn = store._conn
    for query in queries(collection):
        want = expected(conn, query)
        assert reader.query_ids(query) == want, query
        assert store.query_ids(query) == want, query
    assert reader.query_ids(LibraryQuery(text="su")) == expected(conn, LibraryQuery(text="su"))


def test_a_search_follows_changes_since_its_order_was_read(
    store: LibraryStore, reader: LibraryReader
) -> None:
    fill(store, 8)
    title = LibraryQuery(text="su", sort="title", descending=False)
    for who in (reader, store):  # another connection's commits, and the store's own writes
        assert who.query_ids(title) == expected(store._conn, title)  # the order is kept now
    store.upsert_items([illustration("i01", "Aaa sun", "")])  # retitled: sorts first now
    add(store, illustration("new", "Sunny", ""))
    store.remove_entries(["i02"])
    for who in (reader, store):
        found = who.query_ids(title)
        assert found[0] == "i01" and "new" in found and "i02" not in found
        assert found == expected(store._conn, title)
    store.set_favourite(["new"], True)
    favourites = LibraryQuery(text="sunny", favourites_only=True)
    assert reader.query_ids(favourites) == store.query_ids(favourites) == ["new"]


def test_an_order_read_in_a_write_that_rolls_back_is_not_kept(store: LibraryStore) -> None:
    fill(store, 8)
    favourites = LibraryQuery(text="su", favourites_only=True)
    before = store.query_ids(favourites)
    store._conn.execute("BEGIN IMMEDIATE")
    store._conn.execute("UPDATE library SET favourite = 1")
    assert len(store.query_ids(favourites)) > len(before)  # the write sees itself
    store._conn.execute("ROLLBACK")
    assert store.query_ids(favourites) == before


def test_empty_library_and_odd_ids(store: LibraryStore, reader: LibraryReader) -> None:
    assert reader.query_ids(LibraryQuery()) == reader.query_ids(LibraryQuery(text="su")) == []
    odd = ["a\x1fb", "c,d", "e f", "سطر"]  # the separators group_concat uses, in ids
    for item_id in odd:
        add(store, illustration(item_id, f"Sun {item_id}"))
    assert reader.query_ids(LibraryQuery(descending=False)) == odd
    assert reader.query_ids(LibraryQuery(text="sun", descending=False)) == odd
