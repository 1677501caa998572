"""The library database's schema and its forward migrations (DESIGN §6, §8).

`MIGRATIONS[n]` takes a database at `user_version == n` to `n + 1`; `migrate()` applies the missing
ones, each in its own transaction together with its `user_version` bump, so a crash mid-upgrade
leaves the database at the last complete version. Never edit a shipped migration: add a new one
(and a test that upgrades a fixture from every older version, CONVENTIONS habit 7).

Sync columns (DESIGN §8): every object that syncs — a library entry (with its favourite, note and
tags), a collection (with its ordered members), a syncable preference — carries `usn` (-1 = a
local change not yet sent) and `modified` (milliseconds since the epoch, for last-writer-wins).
Local edits also write an `outbox` row in the same transaction; a deletion's outbox row is its
tombstone. What never syncs lives in tables without those columns: `files` (local paths — each
device downloads its own), `downloads` (this device's queue) and the `items` catalog cache.

Since v6 (docs/sync.md): an outbox row is pending (`sent = 0`, at most one per object) or sent
(`sent = 1`, kept with the `base` it went with until the server acknowledges it);
`sync_shadow` holds the last server state of each live object (the base of three-way merges);
`sync_state.account_id` is the account this library syncs with.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence

from weshape_desktop.core.library.search import PREFIX_INDEX, TOKENIZER, index_text

Migration = Callable[[sqlite3.Connection], None]

_V1 = """
CREATE TABLE items (                -- catalog metadata cache, one row per known illustration
    id TEXT PRIMARY KEY,
    title_en TEXT NOT NULL DEFAULT '',
    title_ar TEXT NOT NULL DEFAULT '',
    tags_en TEXT NOT NULL DEFAULT '[]',  -- JSON arrays of strings
    tags_ar TEXT NOT NULL DEFAULT '[]',
    category TEXT NOT NULL DEFAULT '',
    style TEXT NOT NULL DEFAULT '',
    accent TEXT NOT NULL DEFAULT '',
    sha256 TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    width INTEGER NOT NULL DEFAULT 0,
    height INTEGER NOT NULL DEFAULT 0,
    license TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX items_sha256 ON items(sha256);
CREATE INDEX items_category ON items(category);

CREATE TABLE library (              -- the user's entries: what syncs (not the files)
    id INTEGER PRIMARY KEY,         -- stable rowid, shared with the search index
    item_id TEXT NOT NULL UNIQUE REFERENCES items(id),
    added_at INTEGER NOT NULL,      -- ms since the epoch
    favourite INTEGER NOT NULL DEFAULT 0 CHECK (favourite IN (0, 1)),
    note TEXT NOT NULL DEFAULT '',
    usn INTEGER NOT NULL DEFAULT -1,
    modified INTEGER NOT NULL
);
CREATE INDEX library_added ON library(added_at, id);
CREATE INDEX library_favourite_added ON library(added_at, id) WHERE favourite = 1;
CREATE INDEX library_pending ON library(usn) WHERE usn = -1;

CREATE TABLE files (                -- this device's downloaded files of an entry, one per format
    item_id TEXT NOT NULL REFERENCES library(item_id) ON DELETE CASCADE,
    format TEXT NOT NULL CHECK (format IN ('svg', 'png')),
    png_size INTEGER,               -- the PNG's requested size in px; NULL for SVG
    path TEXT NOT NULL UNIQUE,      -- relative to the library folder, '/'-separated
    sha256 TEXT NOT NULL,           -- of the stored bytes (a sanitised SVG's differs)
    bytes INTEGER NOT NULL,
    added_at INTEGER NOT NULL,
    PRIMARY KEY (item_id, format)
);
CREATE INDEX files_sha256 ON files(sha256);

CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
);
CREATE TABLE item_tags (
    tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    item_id TEXT NOT NULL REFERENCES library(item_id) ON DELETE CASCADE,
    PRIMARY KEY (tag_id, item_id)
) WITHOUT ROWID;
CREATE INDEX item_tags_item ON item_tags(item_id);

CREATE TABLE collections (
    id TEXT PRIMARY KEY,            -- uuid, made on the device that created it
    name TEXT NOT NULL,
    position INTEGER NOT NULL,
    usn INTEGER NOT NULL DEFAULT -1,
    modified INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);
CREATE TABLE collection_items (
    collection_id TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    item_id TEXT NOT NULL REFERENCES library(item_id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (collection_id, item_id)
) WITHOUT ROWID;
CREATE INDEX collection_items_item ON collection_items(item_id);
CREATE INDEX collection_items_order ON collection_items(collection_id, position);

CREATE TABLE prefs (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,            -- JSON
    syncable INTEGER NOT NULL DEFAULT 0 CHECK (syncable IN (0, 1)),
    usn INTEGER NOT NULL DEFAULT -1,
    modified INTEGER NOT NULL
);

CREATE TABLE sync_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    server_usn INTEGER NOT NULL DEFAULT 0,
    last_sync INTEGER,              -- ms since the epoch, NULL before the first sync
    device_id TEXT NOT NULL
);

CREATE TABLE outbox (               -- local changes not yet sent; one pending row per object
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('entry', 'collection', 'pref')),
    object_id TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
    payload TEXT NOT NULL,          -- JSON: the object's full state (or its tombstone)
    modified INTEGER NOT NULL,
    UNIQUE (kind, object_id)
);
"""

_V2_SEARCH = f"""
CREATE VIRTUAL TABLE library_fts USING fts5(
    body,                           -- normalised titles, catalog tags, user tags and note
    tokenize = '{TOKENIZER}',
    prefix = '{PREFIX_INDEX}'
);
"""

_V3_DOWNLOADS = """
CREATE TABLE downloads (            -- the download queue, kept for pause/resume across restarts
    item_id TEXT NOT NULL,
    format TEXT NOT NULL CHECK (format IN ('svg', 'png')),
    png_size INTEGER,
    state TEXT NOT NULL
        CHECK (state IN ('queued', 'running', 'paused', 'failed', 'done', 'cancelled')),
    error TEXT NOT NULL DEFAULT '',
    bytes_done INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (item_id, format)
);
"""


def _v1_tables(conn: sqlite3.Connection) -> None:
    """v1: catalog cache, entries and their files, tags, collections, prefs, sync state, outbox."""
    for statement in _V1.split(";\n"):
        if statement.strip():
            conn.execute(statement)
    import uuid  # here: with `platform` ~4 ms, for a new library only

    conn.execute("INSERT INTO sync_state (id, device_id) VALUES (1, ?)", (uuid.uuid4().hex,))


def _v2_search(conn: sqlite3.Connection) -> None:
    """v2: the FTS5 index over both languages, filled from the entries already there."""
    conn.execute(_V2_SEARCH)
    rows = conn.execute("SELECT l.id FROM library l").fetchall()
    reindex(conn, [row[0] for row in rows])


def _v3_downloads(conn: sqlite3.Connection) -> None:
    """v3: the persistent download queue."""
    conn.execute(_V3_DOWNLOADS)


def _v4_added_ids(conn: sqlite3.Connection) -> None:
    """v4: the date index also holds the item id, so the library's ids in date order (what a
    search's display order is read from, library_order.py) come from the index alone: ~30%
    faster at 100k entries than looking up each row."""
    conn.execute("DROP INDEX library_added")
    conn.execute("CREATE INDEX library_added_ids ON library(added_at, id, item_id)")


def _v5_fold_nfkc(conn: sqlite3.Connection) -> None:
    """v5: search folds text as the catalog's search does (NFKC first: full-width Latin, Arabic
    presentation forms and ligatures find their plain letters), so the index is written again."""
    rows = conn.execute("SELECT l.id FROM library l").fetchall()
    reindex(conn, [row[0] for row in rows])


_V6_OUTBOX = """
CREATE TABLE outbox_v6 (            -- local changes: pending (one per object) or sent
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('entry', 'collection', 'pref')),
    object_id TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
    payload TEXT NOT NULL,          -- JSON: the object's full state (or its tombstone)
    modified INTEGER NOT NULL,
    sent INTEGER NOT NULL DEFAULT 0 CHECK (sent IN (0, 1)),
    base TEXT                       -- JSON: the base it was sent with (NULL: none, or not sent)
);
INSERT INTO sqlite_sequence (name, seq) SELECT 'outbox_v6', seq FROM sqlite_sequence
    WHERE name = 'outbox';
INSERT INTO outbox_v6 (id, kind, object_id, op, payload, modified)
    SELECT id, kind, object_id, op, payload, modified FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_v6 RENAME TO outbox;
CREATE UNIQUE INDEX outbox_pending ON outbox(kind, object_id) WHERE sent = 0;
CREATE TABLE sync_shadow (          -- the last server state of each live object
    kind TEXT NOT NULL,
    object_id TEXT NOT NULL,
    payload TEXT NOT NULL,          -- JSON
    PRIMARY KEY (kind, object_id)
) WITHOUT ROWID;
ALTER TABLE sync_state ADD COLUMN account_id TEXT
"""


def _v6_sync(conn: sqlite3.Connection) -> None:
    """v6: sent outbox rows kept until acknowledged (the one-per-object rule holds for pending
    rows only: SQLite drops a UNIQUE constraint by rebuilding the table, keeping the id sequence
    so no change id is ever used twice), the sync shadow and the account the library syncs with."""
    for statement in _V6_OUTBOX.split(";\n"):
        conn.execute(statement)


MIGRATIONS: list[Migration] = [
    _v1_tables,
    _v2_search,
    _v3_downloads,
    _v4_added_ids,
    _v5_fold_nfkc,
    _v6_sync,
]
LATEST_VERSION = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, *, target: int = LATEST_VERSION) -> int:
    """Apply the missing migrations up to `target`; returns the version the database started at.

    `conn` must be in autocommit mode (isolation_level None). Each step runs in a
    `BEGIN IMMEDIATE` transaction with its `user_version` bump.
    """
    start = user_version(conn)
    for version in range(start, target):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version](conn)
            conn.execute(f"PRAGMA user_version = {version + 1}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    return start


def reindex(conn: sqlite3.Connection, library_ids: Sequence[int]) -> None:
    """Rewrite the search rows of these library rows (dropping those whose entry is gone)."""
    for start in range(0, len(library_ids), 500):
        part = list(library_ids[start : start + 500])
        marks = ",".join("?" * len(part))
        conn.execute(f"DELETE FROM library_fts WHERE rowid IN ({marks})", part)
        user_tags: dict[str, list[str]] = {}
        for item_id, name in conn.execute(
            "SELECT l.item_id, t.name FROM library l JOIN item_tags it ON it.item_id = l.item_id"
            f" JOIN tags t ON t.id = it.tag_id WHERE l.id IN ({marks})",
            part,
        ):
            user_tags.setdefault(item_id, []).append(name)
        rows = conn.execute(
            "SELECT l.id, l.item_id, i.title_en, i.title_ar, i.tags_en, i.tags_ar, l.note"
            f" FROM library l JOIN items i ON i.id = l.item_id WHERE l.id IN ({marks})",
            part,
        ).fetchall()
        conn.executemany(
            "INSERT INTO library_fts (rowid, body) VALUES (?, ?)",
            [
                (
                    rowid,
                    index_text(
                        [
                            title_en,
                            title_ar,
                            *json.loads(tags_en),
                            *json.loads(tags_ar),
                            *user_tags.get(item_id, ()),
                            note,
                        ]
                    ),
                )
                for rowid, item_id, title_en, title_ar, tags_en, tags_ar, note in rows
            ],
        )
