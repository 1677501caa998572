"""LibraryStore on real SQLite files: schema, queries, search in both languages, the outbox,
collections, integrity and recovery, concurrency (DESIGN §6, §8)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from pathlib import Path

import pytest

from weshape_desktop.core.errors import CollectionNotFoundError
from weshape_desktop.core.library import (
    Check,
    LibraryQuery,
    LibraryStore,
    check_existing,
    moved_one_place,
    moved_to,
)
from weshape_desktop.core.library.schema import LATEST_VERSION
from weshape_desktop.core.library.search import match_expression
from weshape_desktop.core.models import Illustration
from weshape_desktop.core.text import fold


def illustration(
    id: str,
    en: str = "",
    ar: str = "",
    *,
    tags_en: tuple[str, ...] = (),
    tags_ar: tuple[str, ...] = (),
    category: str = "people",
    data: bytes | None = None,
) -> Illustration:
    sha = hashlib.sha256(data if data is not None else id.encode()).hexdigest()
    return Illustration(
        id=id,
        title={"en": en or f"Title {id}", "ar": ar},
        tags={"en": tags_en, "ar": tags_ar},
        category=category,
        style="flat",
        accent="#ff0000",
        sha256=sha,
        bytes=len(data) if data is not None else 100,
        width=10,
        height=10,
        license="MIT",
        updated_at="2024-01-01T00:00:00Z",
    )


@pytest.fixture
def store(tmp_path: Path) -> LibraryStore:
    s = LibraryStore(tmp_path / "library.db")
    yield s  # type: ignore[misc]
    s.close()


def add(store: LibraryStore, item: Illustration, fmt: str = "svg") -> None:
    store.add_entry(item, f"{item.id}.{fmt}", item.sha256, fmt, item.bytes)


def outbox(store: LibraryStore) -> list[tuple[str, str, str, dict[str, object]]]:
    rows = store._conn.execute("SELECT kind, object_id, op, payload FROM outbox ORDER BY id")
    return [(k, o, op, json.loads(p)) for k, o, op, p in rows]


def ids(store: LibraryStore, **query: object) -> list[str]:
    return store.query_ids(LibraryQuery(**query))  # type: ignore[arg-type]


# -- schema ---------------------------------------------------------------------------------------


def test_new_database_has_the_schema_and_pragmas(tmp_path: Path) -> None:
    store = LibraryStore(tmp_path / "library.db")
    conn = store._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table in (
        "items",
        "library",
        "files",
        "tags",
        "item_tags",
        "collections",
        "collection_items",
        "prefs",
        "sync_state",
        "outbox",
        "downloads",
        "library_fts",
    ):
        assert table in tables
    assert {"usn", "modified"} <= {row[1] for row in conn.execute("PRAGMA table_info(library)")}
    assert conn.execute("SELECT server_usn FROM sync_state").fetchall() == [(0,)]
    assert store.recovered_from is None
    store.close()


# -- entries and queries --------------------------------------------------------------------------


def test_add_entry_is_idempotent_and_round_trips(store: LibraryStore) -> None:
    item = illustration("a1", "Rocket", "صاروخ", tags_en=("space",), tags_ar=("فضاء",))
    entry = store.add_entry(item, "Rocket-a1.svg", "f" * 64, "svg", 1234)
    assert entry.item == item
    assert (entry.path, entry.format, entry.bytes, entry.png_size) == (
        "Rocket-a1.svg",
        "svg",
        1234,
        None,
    )
    assert not entry.favourite and entry.note == "" and entry.tags == ()
    assert store.add_entry(item, "Rocket-a1.svg", "f" * 64, "svg", 1234) == entry
    assert store.count() == 1 and store.pending_changes() == 1
    png = store.add_entry(item, "Rocket-a1.png", "e" * 64, "png", 99, png_size=512)
    assert (png.path, png.format, png.png_size) == ("Rocket-a1.png", "png", 512)
    assert {f.format for f in png.files} == {"svg", "png"}
    assert store.count() == 1 and store.pending_changes() == 1  # a second format isn't news to sync
    assert store.item("a1") == item and store.item("nope") is None
    assert store.entry("nope") is None


def test_query_sort_and_filters(store: LibraryStore) -> None:
    a = illustration("a", "Banana", "موز", category="food")
    b = illustration("b", "apple", "تفاح", category="food")
    c = illustration("c", "Cherry", "", category="plants")
    for item in (a, b, c):
        add(store, item)
    assert ids(store) == ["c", "b", "a"]  # newest first
    assert ids(store, descending=False) == ["a", "b", "c"]
    assert ids(store, sort="title", descending=False) == ["b", "a", "c"]  # case-insensitive
    # Arabic titles, with the English one for an item that has none
    assert ids(store, sort="title", lang="ar", descending=False) == ["c", "b", "a"]
    assert ids(store, category="food") == ["b", "a"]
    store.set_favourite(["a", "c"], True)
    assert ids(store, favourites_only=True) == ["c", "a"]
    store.add_tags(["a", "b"], ["Fruit"])
    assert ids(store, tag="fruit") == ["b", "a"]  # tag names are case-insensitive
    assert ids(store, tag="fruit", favourites_only=True) == ["a"]
    page = store.query(LibraryQuery(sort="title", descending=False), offset=1, limit=1)
    assert [e.item.id for e in page] == ["a"]
    assert page[0].favourite and page[0].tags == ("Fruit",)


def test_search_english_titles_tags_user_tags_and_notes(store: LibraryStore) -> None:
    add(store, illustration("a", "Team meeting", tags_en=("office", "Café")))
    add(store, illustration("b", "Mountain hike", tags_en=("outdoor",)))
    store.add_tags(["b"], ["weekend-trip"])
    store.set_note("a", "for the quarterly deck")
    assert ids(store, text="meeting") == ["a"]
    assert ids(store, text="MEET") == ["a"]  # prefix, any case
    assert ids(store, text="cafe") == ["a"]  # Latin accents folded
    assert ids(store, text="weekend") == ["b"]  # user tag
    assert ids(store, text="quarter") == ["a"]  # note
    assert ids(store, text="team hike") == []  # words are ANDed
    assert ids(store, text="mountain hik") == ["b"]
    assert ids(store, text='"meet* -:') == ["a"]  # FTS syntax is text, not a query
    assert ids(store, text="NEAR(meeting OR") == []
    assert ids(store, text="   ") == ["b", "a"]


def test_search_arabic_variants_diacritics_and_prefixes(store: LibraryStore) -> None:
    add(store, illustration("a", "Base", "القاعدة الأساسية", tags_ar=("مُدرَّسة",)))
    add(store, illustration("b", "Dog", "كلب في الحديقة", tags_ar=("حيوان أليف",)))
    add(store, illustration("c", "Chart", "رسم بياني ٢٠٢٤", tags_ar=("إحصاء", "مستشفى")))
    assert ids(store, text="قاع") == ["a"]  # prefix without the article
    assert ids(store, text="القاعدة") == ["a"]
    assert ids(store, text="قاعده") == ["a"]  # ة / ه
    assert ids(store, text="الاساسية") == ["a"]  # أ / ا
    assert ids(store, text="الْأَسَاسِيَّة") == ["a"]  # typed with tashkeel
    assert ids(store, text="مدرسة") == ["a"]  # indexed with tashkeel
    assert ids(store, text="القـــاعدة") == ["a"]  # tatweel
    assert ids(store, text="اليف") == ["b"]  # أ in the index, ا typed
    assert ids(store, text="احصاء") == ["c"]  # إ
    assert ids(store, text="مستشفي") == ["c"]  # ى / ي
    assert ids(store, text="2024") == ["c"]  # Arabic-Indic digits in the title
    assert ids(store, text="٢٠٢") == ["c"]  # and typed
    assert ids(store, text="حديقة كلب") == ["b"]
    store.add_tags(["b"], ["مُفضَّل"])
    assert ids(store, text="مفضل") == ["b"]  # user tags too


def test_fold_and_match_expression() -> None:
    assert fold("أإآٱ ى ة ـ ٣ ۴") == "اااا ي ه  3 4"
    assert fold("ＡＢ ﻻ ﬁ") == "ab لا fi"  # full-width Latin, presentation forms, ligatures
    assert match_expression("قاع") == '"قاع"*'
    assert match_expression('a"b') == '"a"* "b"*'
    assert match_expression("!!") is None


# -- the outbox (DESIGN §8) -----------------------------------------------------------------------


def test_every_edit_writes_one_outbox_row(store: LibraryStore) -> None:
    add(store, illustration("a"))
    assert [(k, o, op) for k, o, op, _ in outbox(store)] == [("entry", "a", "upsert")]
    store._conn.execute("DELETE FROM outbox")
    edits = [
        lambda: store.set_favourite(["a"], True),
        lambda: store.add_tags(["a"], ["x", "y"]),
        lambda: store.remove_tag(["a"], "x"),
        lambda: store.set_note("a", "hello"),
    ]
    for edit in edits:
        edit()
        rows = outbox(store)
        assert len(rows) == 1, rows
        kind, object_id, op, payload = rows[0]
        assert (kind, object_id, op) == ("entry", "a", "upsert")
        store._conn.execute("DELETE FROM outbox")
    assert payload == {
        "item_id": "a",
        "added_at": payload["added_at"],
        "favourite": True,
        "note": "hello",
        "tags": ["y"],
        "modified": payload["modified"],
    }
    assert store._conn.execute("SELECT usn FROM library").fetchone()[0] == -1
    # a no-op edit changes nothing and queues nothing
    assert store.set_favourite(["a"], True) == 0 and not store.set_note("a", "hello")
    assert store.pending_changes() == 0


def test_pending_edits_of_one_object_coalesce(store: LibraryStore) -> None:
    add(store, illustration("a"))
    first_id = store._conn.execute("SELECT id FROM outbox").fetchone()[0]
    store.set_favourite(["a"], True)
    store.set_favourite(["a"], False)
    rows = store._conn.execute("SELECT id, payload FROM outbox").fetchall()
    assert len(rows) == 1 and rows[0][0] > first_id  # newest state, newer id
    assert json.loads(rows[0][1])["favourite"] is False


def test_a_newer_edit_replaces_only_the_pending_row_not_one_in_flight(store: LibraryStore) -> None:
    add(store, illustration("a"))
    store._conn.execute("UPDATE outbox SET sent = 1")  # what a sync round does
    store.set_favourite(["a"], True)
    store.set_note("a", "later")
    rows = store._conn.execute("SELECT sent, payload FROM outbox ORDER BY id").fetchall()
    assert [(sent, json.loads(p)["note"]) for sent, p in rows] == [(1, ""), (0, "later")]
    assert store.pending_changes() == 1  # objects, not rows


def test_a_failed_edit_writes_neither_the_row_nor_the_outbox(store: LibraryStore) -> None:
    add(store, illustration("a"))
    before = outbox(store)
    # the same file path for another item breaks a constraint after the library row is written
    with pytest.raises(sqlite3.IntegrityError):
        store.add_entry(illustration("b"), "a.svg", "0" * 64, "svg", 1)
    assert store.entry("b") is None and store.count() == 1
    assert outbox(store) == before
    # a failure inside an edit (after its UPDATE and outbox row) rolls both back
    store._conn.execute(
        "CREATE TRIGGER fail AFTER INSERT ON outbox WHEN NEW.object_id = 'a'"
        " BEGIN SELECT RAISE(ABORT, 'injected'); END"
    )
    with pytest.raises(sqlite3.IntegrityError):
        store.set_favourite(["a"], True)
    entry = store.entry("a")
    assert entry is not None and not entry.favourite
    assert outbox(store) == before


def test_writes_in_one_transaction_commit_together_or_not_at_all(store: LibraryStore) -> None:
    item, other = illustration("a"), illustration("b")
    reader = store.open_reader()
    try:
        with pytest.raises(sqlite3.IntegrityError), store.transaction():
            store.upsert_items([item])
            store.save_download("a", "svg", None, "queued")
            store.add_entry(other, "x.svg", "0" * 64, "svg", 1)
            store.add_entry(item, "x.svg", "0" * 64, "svg", 1)  # the path is taken
        assert store.item("a") is None and store.downloads(("queued",)) == []
        assert store.entry("b") is None

        with store.transaction():
            store.upsert_items([item])
            store.save_download("a", "svg", None, "queued")
            assert reader.item("a") is None, "nothing committed before the end"
        assert reader.item("a") == item
        assert [r.item_id for r in store.downloads(("queued",))] == ["a"]
    finally:
        reader.close()


def test_remove_entries_returns_paths_and_leaves_tombstones(store: LibraryStore) -> None:
    item = illustration("a")
    store.add_entry(item, "a.svg", item.sha256, "svg", 1)
    store.add_entry(item, "a-512.png", "1" * 64, "png", 2, png_size=512)
    add(store, illustration("b"))
    store.add_tags(["a"], ["only-a"])
    cid = store.create_collection("Mine")
    store.add_to_collection(cid, ["a", "b"])
    assert store.remove_entries(["a", "missing"]) == ["a-512.png", "a.svg"]
    assert store.entry("a") is None and store.count() == 1
    assert ids(store, text="Title") == ["b"]
    assert store.tags() == []  # unused tags go
    assert store.collections()[0].count == 1
    tombstones = [(o, op) for k, o, op, _ in outbox(store) if k == "entry"]
    assert ("a", "delete") in tombstones and ("b", "upsert") in tombstones
    assert store.item("a") is not None  # the catalog cache stays


def test_tags_are_counted_and_case_insensitive(store: LibraryStore) -> None:
    for id_ in "abc":
        add(store, illustration(id_))
    store.add_tags(["a", "b"], ["Blue", "  big   one "])
    store.add_tags(["c"], ["blue", ""])
    assert store.tags() == [("big one", 2), ("Blue", 3)]
    assert store.remove_tag(["a", "b"], "BIG ONE") == 2
    assert store.tags() == [("Blue", 3)]
    assert store.entry("c").tags == ("Blue",)  # type: ignore[union-attr]


def test_categories_of_the_library_are_counted(store: LibraryStore) -> None:
    add(store, illustration("a", category="people"))
    add(store, illustration("b", category="nature"))
    add(store, illustration("c", category="people"))
    store.upsert_items([illustration("d", category="food")])  # cached, not in the library
    assert store.categories() == [("nature", 1), ("people", 2)]
    store.remove_entries(["b"])
    assert store.categories() == [("people", 2)]


def test_caching_an_unchanged_item_writes_nothing(store: LibraryStore) -> None:
    add(store, illustration("a", "Sun"))
    assert store.upsert_items([illustration("a", "Sun"), illustration("b")]) == 1  # only "b"
    assert store.upsert_items([illustration("a", "Sunrise")]) == 1  # changed: written, indexed
    assert ids(store, text="sunrise") == ["a"]


# -- collections ----------------------------------------------------------------------------------


def test_collections_order_rename_delete(store: LibraryStore) -> None:
    for id_ in "abcd":
        add(store, illustration(id_))
    first = store.create_collection("First")
    second = store.create_collection(" Second ")
    assert [(c.name, c.count) for c in store.collections()] == [("First", 0), ("Second", 0)]
    assert store.add_to_collection(first, ["c", "a", "x-unknown"]) == 2
    assert store.add_to_collection(first, ["a", "d"]) == 1  # already there: stays in place
    q = {"collection_id": first, "sort": "position", "descending": False}
    assert ids(store, **q) == ["c", "a", "d"]
    store.reorder_collection(first, ["d", "c"])
    assert ids(store, **q) == ["d", "c", "a"]
    assert ids(store, collection_id=first, text="title", sort="title") == ["d", "c", "a"]
    assert store.remove_from_collection(first, ["c"]) == 1
    assert ids(store, **q) == ["d", "a"]
    store.rename_collection(second, "Renamed")
    store.delete_collection(first)
    assert [c.name for c in store.collections()] == ["Renamed"]
    with pytest.raises(CollectionNotFoundError):
        store.add_to_collection(first, ["a"])
    with pytest.raises(ValueError):
        store.create_collection("  ")
    ops = {(o, op) for k, o, op, _ in outbox(store) if k == "collection"}
    assert ops == {(first, "delete"), (second, "upsert")}
    payload = next(p for k, o, _, p in outbox(store) if o == second)
    assert payload["name"] == "Renamed" and payload["items"] == []


@pytest.mark.parametrize(
    ("chosen", "step", "expected"),
    [
        ("c", -1, "acbde"),
        ("cd", -1, "acdbe"),  # a run moves as a block
        ("ab", -1, "abcde"),  # already first: stays
        ("ace", -1, "acbed"),  # "a" stays; the others pass their unchosen neighbour
        ("b", 1, "acbde"),
        ("de", 1, "abcde"),
        ("ad", 1, "baced"),
        ("", 1, "abcde"),
    ],
)
def test_moving_members_one_place(chosen: str, step: int, expected: str) -> None:
    assert "".join(moved_one_place(list("abcde"), chosen, step)) == expected


@pytest.mark.parametrize(
    ("chosen", "place", "expected"),
    [
        ("d", 0, "dabce"),
        ("d", 5, "abced"),  # after the last
        ("bd", 0, "bdace"),  # several, in the collection's order
        ("db", 4, "acbde"),  # dropped before "e"
        ("b", 2, "abcde"),  # dropped just after itself: stays
        ("bc", 2, "abcde"),  # dropped on one of the dragged: they stay together there
    ],
)
def test_moving_members_to_a_place(chosen: str, place: int, expected: str) -> None:
    assert "".join(moved_to(list("abcde"), chosen, place)) == expected


def test_prefs_sync_only_when_syncable(store: LibraryStore) -> None:
    store.set_pref("window", {"w": 3})
    store.set_pref("language", "ar", syncable=True)
    assert store.pref("window") == {"w": 3} and store.pref("language") == "ar"
    assert store.pref("missing", 7) == 7
    assert [(k, o) for k, o, _, _ in outbox(store)] == [("pref", "language")]


# -- download queue persistence -------------------------------------------------------------------


def test_download_queue_survives_reopening(tmp_path: Path) -> None:
    store = LibraryStore(tmp_path / "library.db")
    store.save_download("a", "svg", None, "queued")
    store.save_download("b", "png", 256, "paused", bytes_done=10)
    store.save_download("a", "svg", None, "failed", error="Disk full")
    store.close()
    store = LibraryStore(tmp_path / "library.db")
    records = store.downloads(("queued", "paused", "failed"))
    assert [(r.item_id, r.fmt, r.png_size, r.state, r.bytes_done, r.error) for r in records] == [
        ("a", "svg", None, "failed", 0, "Disk full"),
        ("b", "png", 256, "paused", 10, ""),
    ]
    store.forget_download("a", "svg")
    assert [r.item_id for r in store.downloads(("failed", "paused"))] == ["b"]
    store.close()


# -- integrity ------------------------------------------------------------------------------------


def corrupt(path: Path, start: float = 1 / 3) -> None:
    """Overwrite the file from `start` (a fraction of its size) on, for a third of its size."""
    size = path.stat().st_size
    with path.open("r+b") as fh:
        fh.seek(int(size * start))
        fh.write(b"\xde\xad\xbe\xef" * (size // 12))


def test_a_damaged_database_is_moved_aside_and_replaced(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    store = LibraryStore(path)
    store.upsert_items([illustration(f"i{n}", f"item {n} " + "x" * 200) for n in range(400)])
    for n in range(400):
        add(store, illustration(f"i{n}", f"item {n} " + "x" * 200))
    store._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    corrupt(path, start=2 / 3)
    store = LibraryStore(path)
    assert store.recovered_from is not None and store.recovered_from.exists()
    assert store.recovered_from.name.startswith("library.db.broken-")
    assert store._conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    # Rows before the damage are read back (row by row, until the damage stops the scan).
    assert 0 < store.count() < 400
    add(store, illustration("new"))
    assert ids(store, text="title new") == ["new"]
    store.close()
    assert LibraryStore(path).recovered_from is None


def test_damage_inside_passes_the_header_check_and_fails_the_quick_one(tmp_path: Path) -> None:
    # The app opens with the header check, to show the library sooner, and runs the quick
    # check right after (ui/library_session.py), which finds what the header check can't.
    path = tmp_path / "library.db"
    store = LibraryStore(path)
    for n in range(400):
        add(store, illustration(f"i{n}", f"item {n} " + "x" * 200))
    store._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    corrupt(path)
    store = LibraryStore(path, check="header")
    assert store.recovered_from is None and path.exists()  # opened as it is
    store.close()
    assert check_existing(path, "header")
    assert not check_existing(path, "quick") and not check_existing(path, "full")


@pytest.mark.parametrize("check", ["header", "quick"])
def test_garbage_file_is_replaced(tmp_path: Path, check: Check) -> None:
    path = tmp_path / "library.db"
    path.write_bytes(b"not a database at all" * 100)
    store = LibraryStore(path, check=check)
    assert store.recovered_from is not None
    assert store.recovered_from.read_bytes().startswith(b"not a database")
    assert store.count() == 0
    store.close()


def test_missing_unknown_files_and_reimport(store: LibraryStore, tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    svg = b"<svg xmlns='http://www.w3.org/2000/svg'/>"
    kept, lost, loose = (illustration(i, data=svg + i.encode()) for i in ("kept", "lost", "loose"))
    for item in (kept, lost):
        (folder / f"{item.id}.svg").write_bytes(svg + item.id.encode())
        add(store, item)
    (folder / "lost.svg").unlink()
    store.upsert_items([loose])  # known to the catalog cache, not in the library
    (folder / "Loose title-loose.svg").write_bytes(svg + b"loose")
    (folder / "renamed-by-hand.svg").write_bytes(svg + b"loose")  # same bytes, other name
    (folder / "stranger.svg").write_bytes(b"<svg/>")
    (folder / ".hidden.svg").write_bytes(b"x")
    (folder / "x.svg.part").write_bytes(b"x")
    (folder / ".weshape-parts").mkdir()
    (folder / ".weshape-parts" / "a.svg").write_bytes(b"x")
    (folder / "sub").mkdir()
    (folder / "sub" / "notes.txt").write_text("x")
    assert store.missing_files(folder) == ["lost"]
    assert [p.name for p in store.unknown_files(folder)] == [
        "Loose title-loose.svg",
        "renamed-by-hand.svg",
        "stranger.svg",
    ]
    entry = store.reimport(folder / "Loose title-loose.svg", folder)
    assert entry is not None and entry.item == loose and entry.path == "Loose title-loose.svg"
    assert store.reimport(folder / "stranger.svg", folder) is None
    assert [p.name for p in store.unknown_files(folder)] == ["renamed-by-hand.svg", "stranger.svg"]


def test_rescan_rebuilds_from_files_by_hash_and_name(store: LibraryStore, tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    a = illustration("item-a", data=b"<svg>a</svg>")
    b = illustration("item-b", data=b"<svg>original b</svg>")  # stored file was sanitised
    store.upsert_items([a, b])
    (folder / "A-item-a.svg").write_bytes(b"<svg>a</svg>")
    (folder / "B-item-b.svg").write_bytes(b"<svg>sanitised b</svg>")
    (folder / "B-item-b.png").write_bytes(
        b"\x89PNG\r\n\x1a\n" + bytes(8) + (512).to_bytes(4, "big") + (256).to_bytes(4, "big")
    )
    found = store.rescan(folder)
    assert [e.item.id for e in found] == ["item-a", "item-b", "item-b"]
    assert (found[1].format, found[2].format) == ("png", "svg")  # the latest file first
    assert {f.png_size for f in store.entry("item-b").files} == {512, None}  # type: ignore[union-attr]
    assert store.unknown_files(folder) == []


# -- threads and readers ----------------------------------------------------------------------


def test_four_writer_threads_share_one_store(store: LibraryStore) -> None:
    store.upsert_items([illustration(f"i{n}") for n in range(1000)])
    for n in range(1000):
        add(store, illustration(f"i{n}"))
    errors: list[BaseException] = []

    def work(start: int) -> None:
        try:
            for n in range(start, start + 250):
                store.set_favourite([f"i{n}"], True)
                store.add_tags([f"i{n}"], [f"t{start}"])
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(s,)) for s in (0, 250, 500, 750)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(ids(store, favourites_only=True)) == 1000
    assert store.tags() == [("t0", 250), ("t250", 250), ("t500", 250), ("t750", 250)]


def test_reader_sees_commits_while_a_write_is_open(store: LibraryStore) -> None:
    add(store, illustration("a"))
    reader = store.open_reader()
    try:
        store._conn.execute("BEGIN IMMEDIATE")
        store._conn.execute("UPDATE library SET favourite = 1")
        # the open write doesn't block the reader, which sees the last commit
        assert reader.query_ids(LibraryQuery(favourites_only=True)) == []
        assert reader.query_ids(LibraryQuery(text="title")) == ["a"]
        store._conn.execute("COMMIT")
        assert reader.query_ids(LibraryQuery(favourites_only=True)) == ["a"]
        with pytest.raises(sqlite3.OperationalError):  # read-only
            reader._conn.execute("DELETE FROM library")
    finally:
        reader.close()


def test_files_in_subfolders_are_matched_by_their_relative_path(
    store: LibraryStore, tmp_path: Path
) -> None:
    folder = tmp_path / "lib"
    (folder / "2024" / "May").mkdir(parents=True)
    kept, other = illustration("kept"), illustration("other")
    store.add_entry(kept, "2024/May/kept.SVG", kept.sha256, "svg", kept.bytes)
    (folder / "2024" / "May" / "kept.SVG").write_bytes(b"<svg/>")
    (folder / "2024" / "other.png").write_bytes(b"png")
    store.add_entry(other, "gone/other.svg", other.sha256, "svg", other.bytes)
    assert store.missing_files(folder) == ["other"]
    assert store.unknown_files(folder) == [folder / "2024" / "other.png"]


def test_owned_formats_answers_per_item_in_one_lookup(store: LibraryStore) -> None:
    both, png_only, absent = illustration("a"), illustration("b"), illustration("c")
    add(store, both, "svg")
    add(store, both, "png")
    add(store, png_only, "png")
    assert store.owned_formats(["a", "b", "c", "a"]) == {"a": ("png", "svg"), "b": ("png",)}
    assert store.owned_formats([]) == {}
    store.remove_entries(["a"])
    assert store.owned_formats([both.id, absent.id]) == {}
    plan = store._conn.execute(
        "EXPLAIN QUERY PLAN SELECT item_id, format FROM files WHERE item_id IN (?, ?)"
        " ORDER BY item_id, format",
        ("a", "b"),
    ).fetchall()
    assert all(row[-1].startswith("SEARCH files USING") for row in plan), plan  # no scan
