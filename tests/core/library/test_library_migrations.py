"""Library schema upgrades from every older version (CONVENTIONS habit 7), and the refusal to open
a library from a newer app."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.core.library.test_library import corrupt
from weshape_desktop.core.errors import LibraryTooNewError
from weshape_desktop.core.library import Check, LibraryQuery, LibraryStore, schema as library_schema
from weshape_desktop.core.library.schema import LATEST_VERSION, migrate, user_version

FIXTURES = Path(__file__).parent / "fixtures"


def v1_database(path: Path) -> Path:
    """The committed v1 fixture, replayed into a file."""
    conn = sqlite3.connect(path)
    conn.executescript((FIXTURES / "library-v1.sql").read_text(encoding="utf-8"))
    conn.close()
    return path


def database_at(path: Path, version: int) -> Path:
    """A database at `version`: the v1 fixture taken up by the migrations of that time."""
    v1_database(path)
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=version)
    assert user_version(conn) == version
    conn.close()
    return path


def tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()


def assert_v1_data_kept(store: LibraryStore) -> None:
    assert store.count() == 2
    rocket = store.entry("rocket-1")
    cafe = store.entry("cafe-2")
    assert rocket is not None and cafe is not None
    assert rocket.item.title == {"en": "Rocket launch", "ar": "إطلاق الصاروخ"}
    assert rocket.item.tags == {"en": ("space", "launch"), "ar": ("فضاء",)}
    assert (rocket.path, rocket.format, rocket.note, rocket.favourite) == (
        "rocket-1.svg",
        "svg",
        "launch day",
        False,
    )
    assert cafe.favourite and cafe.tags == ("Favourite blues",) and cafe.note == "ملاحظة"
    assert [(c.id, c.name, c.count) for c in store.collections()] == [("c0ffee", "Deck", 2)]
    query = LibraryQuery(collection_id="c0ffee", sort="position", descending=False)
    assert store.query_ids(query) == ["cafe-2", "rocket-1"]
    assert store.pref("language") == "ar"
    assert store.pending_changes() == 1
    state = store._conn.execute("SELECT server_usn, device_id FROM sync_state").fetchone()
    assert state == (41, "v1-device")
    assert store.item("tree-3") is not None


def test_the_migration_list_matches_the_latest_version() -> None:
    assert len(library_schema.MIGRATIONS) == LATEST_VERSION == 6


@pytest.mark.parametrize("version", range(1, LATEST_VERSION))
def test_open_upgrades_from_every_older_version(tmp_path: Path, version: int) -> None:
    path = database_at(tmp_path / "library.db", version)
    store = LibraryStore(path)
    try:
        assert user_version(store._conn) == LATEST_VERSION
        assert store.recovered_from is None
        assert_v1_data_kept(store)
        # what the newer versions added works on the old data
        assert store.query_ids(LibraryQuery(text="صاروخ")) == ["rocket-1"]
        assert store.query_ids(LibraryQuery(text="launch")) == ["rocket-1"]
        store.save_download("tree-3", "svg", None, "queued")
        assert [r.item_id for r in store.downloads(("queued",))] == ["tree-3"]
    finally:
        store.close()


def test_v1_to_v2_builds_the_search_index_from_existing_entries(tmp_path: Path) -> None:
    path = database_at(tmp_path / "library.db", 1)
    assert "library_fts" not in tables(path)
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, target=2) == 1
    hits = conn.execute(
        "SELECT l.item_id FROM library_fts f JOIN library l ON l.id = f.rowid"
        " WHERE library_fts MATCH ? ORDER BY l.item_id",
        ['"مقهي"*'],  # ى folded at index time
    ).fetchall()
    assert hits == [("cafe-2",)]
    assert conn.execute("SELECT count(*) FROM library_fts").fetchone()[0] == 2
    conn.close()


def test_v2_to_v3_adds_the_download_queue(tmp_path: Path) -> None:
    path = database_at(tmp_path / "library.db", 2)
    assert "downloads" not in tables(path)
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, target=3) == 2
    conn.close()
    assert "downloads" in tables(path)
    store = LibraryStore(path)
    try:
        assert_v1_data_kept(store)
        assert store.downloads(("queued", "failed")) == []
    finally:
        store.close()


def test_v3_to_v4_reads_the_ids_in_date_order_from_the_index(tmp_path: Path) -> None:
    path = database_at(tmp_path / "library.db", 3)
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, target=4) == 3
    indexes = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert "library_added_ids" in indexes and "library_added" not in indexes
    plan = conn.execute(
        "EXPLAIN QUERY PLAN SELECT id, item_id FROM library ORDER BY added_at DESC, id DESC"
    ).fetchall()
    assert "COVERING INDEX library_added_ids" in plan[-1][3]
    conn.close()
    store = LibraryStore(path)
    try:
        assert_v1_data_kept(store)
        assert store.query_ids(LibraryQuery()) == ["cafe-2", "rocket-1"]  # newest first
        searches = {  # both languages: titles, catalog tags, user tags, spelling variants
            "مقهى": ["cafe-2"],
            "المقهي": ["cafe-2"],
            "مكتب": ["cafe-2"],
            "cafe": ["cafe-2"],
            "blues": ["cafe-2"],
            "اطلاق rock": ["rocket-1"],
            "صاروخ": ["rocket-1"],
            "LAUN": ["rocket-1"],
            "meeting space": [],
        }
        for text, found in searches.items():
            assert store.query_ids(LibraryQuery(text=text)) == found, text
    finally:
        store.close()


def test_v4_to_v5_folds_the_index_as_the_catalog_search_does(tmp_path: Path) -> None:
    path = database_at(tmp_path / "library.db", 4)
    conn = sqlite3.connect(path, isolation_level=None)
    (rowid,) = conn.execute("SELECT id FROM library WHERE item_id = 'rocket-1'").fetchone()
    conn.execute("UPDATE library SET note = 'ＬＩＦＴ－ＯＦＦ' WHERE id = ?", (rowid,))
    # What v4 indexed for it: case-folded, but full-width letters kept (no NFKC).
    stale = "UPDATE library_fts SET body = body || ' ｌｉｆｔ－ｏｆｆ' WHERE rowid = ?"
    conn.execute(stale, (rowid,))
    assert migrate(conn, target=5) == 4
    conn.close()
    store = LibraryStore(path)
    try:
        assert store.count() == 2
        assert store.query_ids(LibraryQuery(text="lift off")) == ["rocket-1"]
    finally:
        store.close()


def test_v5_to_v6_keeps_the_outbox_and_allows_a_sent_row_beside_a_pending_one(
    tmp_path: Path,
) -> None:
    path = database_at(tmp_path / "library.db", 5)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("UPDATE sqlite_sequence SET seq = 7 WHERE name = 'outbox'")  # rows 2-7 were sent
    assert migrate(conn, target=6) == 5
    rows = conn.execute("SELECT id, kind, object_id, op, sent, base FROM outbox").fetchall()
    assert rows == [(1, "entry", "rocket-1", "upsert", 0, None)]
    assert conn.execute("SELECT account_id FROM sync_state").fetchone() == (None,)
    assert conn.execute("SELECT count(*) FROM sync_shadow").fetchone() == (0,)
    conn.execute("UPDATE outbox SET sent = 1")
    insert = (
        "INSERT INTO outbox (kind, object_id, op, payload, modified)"
        " VALUES ('entry', 'rocket-1', 'upsert', '{}', 1)"
    )
    assert conn.execute(insert).lastrowid == 8  # no change id is used twice
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(insert)  # still one pending row per object
    conn.close()
    store = LibraryStore(path)
    try:
        assert store.count() == 2 and store.pending_changes() == 1
        assert store.check_integrity()
    finally:
        store.close()


def test_a_failing_migration_leaves_the_last_complete_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = database_at(tmp_path / "library.db", 2)

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("injected failure")

    steps: list[Callable[[sqlite3.Connection], None]] = [*library_schema.MIGRATIONS[:2], broken]
    monkeypatch.setattr(library_schema, "MIGRATIONS", steps)
    conn = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError, match="injected"):
        migrate(conn, target=3)
    assert user_version(conn) == 2
    conn.close()
    assert "half_done" not in tables(path)


@pytest.mark.parametrize("check", ["header", "quick"])
def test_a_library_from_a_newer_app_is_refused_untouched(tmp_path: Path, check: Check) -> None:
    path = database_at(tmp_path / "library.db", LATEST_VERSION)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    with pytest.raises(LibraryTooNewError) as caught:
        LibraryStore(path, check=check)
    assert str(caught.value) == (
        "This library was made by a newer version of weShape Desktop. Update the app to open it."
    )
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in tmp_path.iterdir()) == ["library.db"]  # no -wal, nothing moved


def test_an_upgrade_is_checked_page_by_page_even_when_opening_quickly(tmp_path: Path) -> None:
    path = database_at(tmp_path / "library.db", 1)
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO items (id, title_en, sha256, bytes) VALUES (?, ?, ?, 1)",
            [(f"pad{n}", "x" * 300, f"{n:064x}") for n in range(2000)],
        )
    conn.close()
    corrupt(path)
    store = LibraryStore(path, check="header")  # as the app opens; damage found before upgrading
    assert store.recovered_from is not None
    assert user_version(store._conn) == LATEST_VERSION
    store.close()
