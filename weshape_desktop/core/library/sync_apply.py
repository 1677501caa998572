"""Writing a synced object's state into the library's tables (docs/sync.md).

Used by `SyncTables` inside a page's transaction: the state written is the server's, or the
rebase of a local pending edit onto it. These writes are not user edits: no outbox rows.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

from weshape_desktop.core.library.types import clean_tag
from weshape_desktop.core.sync_merge import Version


def write_state(
    conn: sqlite3.Connection, kind: str, object_id: str, state: Version, usn: int
) -> list[str]:
    """Make the object `(kind, object_id)` be `state` here, with `usn` (-1 for a local edit
    still pending); returns the library-relative paths of files whose entry was deleted.
    Unknown kinds (a newer client's) are left alone. Once per page, not per object (the
    caller's part): cache an entry's catalog item (or a placeholder) first, then re-index the
    live entries written and drop the tags no entry carries."""
    if kind == "entry":
        if state.deleted:
            return _delete_entry(conn, object_id)
        _write_entry(conn, object_id, state.payload, usn)
    elif kind == "collection":
        _write_collection(conn, object_id, state, usn)
    elif kind == "pref":
        _write_pref(conn, object_id, state, usn)
    return []


def _write_entry(
    conn: sqlite3.Connection, item_id: str, payload: Mapping[str, Any], usn: int
) -> None:
    conn.execute(
        "INSERT INTO library (item_id, added_at, favourite, note, usn, modified)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (item_id) DO UPDATE SET"
        " added_at = excluded.added_at, favourite = excluded.favourite, note = excluded.note,"
        " usn = excluded.usn, modified = excluded.modified",
        (
            item_id,
            int(payload["added_at"]),
            int(bool(payload["favourite"])),
            str(payload["note"]),
            usn,
            int(payload["modified"]),
        ),
    )
    tags = list(dict.fromkeys(clean_tag(str(t)) for t in payload["tags"]))
    conn.executemany("INSERT OR IGNORE INTO tags (name) VALUES (?)", [(t,) for t in tags if t])
    conn.execute("DELETE FROM item_tags WHERE item_id = ?", (item_id,))
    conn.executemany(
        "INSERT OR IGNORE INTO item_tags (tag_id, item_id) SELECT id, ? FROM tags WHERE name = ?",
        [(item_id, t) for t in tags if t],
    )


def _delete_entry(conn: sqlite3.Connection, item_id: str) -> list[str]:
    paths = [
        path
        for (path,) in conn.execute(
            "SELECT path FROM files WHERE item_id = ? ORDER BY path", (item_id,)
        )
    ]
    row = conn.execute("DELETE FROM library WHERE item_id = ? RETURNING id", (item_id,)).fetchone()
    if row is not None:
        conn.execute("DELETE FROM library_fts WHERE rowid = ?", (row[0],))
    return paths


def _write_collection(
    conn: sqlite3.Connection, collection_id: str, state: Version, usn: int
) -> None:
    if state.deleted:
        conn.execute("DELETE FROM collection_items WHERE collection_id = ?", (collection_id,))
        conn.execute(
            "UPDATE collections SET deleted = 1, usn = ?, modified = ? WHERE id = ?",
            (usn, state.modified, collection_id),
        )
        return
    payload = state.payload
    conn.execute(
        "INSERT INTO collections (id, name, position, usn, modified, deleted)"
        " VALUES (?, ?, ?, ?, ?, 0) ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
        " position = excluded.position, usn = excluded.usn, modified = excluded.modified,"
        " deleted = 0",
        (collection_id, str(payload["name"]), int(payload["position"]), usn, state.modified),
    )
    place_members(conn, collection_id, [str(i) for i in payload["items"]])


def place_members(conn: sqlite3.Connection, collection_id: str, members: Sequence[str]) -> None:
    """The collection's rows: `members` in this order, those whose entry is in the library
    (the others are kept in the shadow or the pending row until their entry arrives)."""
    conn.execute("DELETE FROM collection_items WHERE collection_id = ?", (collection_id,))
    conn.executemany(
        "INSERT OR IGNORE INTO collection_items (collection_id, item_id, position)"
        " SELECT ?, item_id, ? FROM library WHERE item_id = ?",
        [(collection_id, position, item_id) for position, item_id in enumerate(members)],
    )


def place_arrived(conn: sqlite3.Connection, item_ids: Sequence[str]) -> None:
    """Put entries new in this library into the collections that list them: a collection's
    pending state if it has one, else the server's (the shadow). Whether an entry came from
    another device or was added here again, the account's collections already hold it."""
    arrived = set(item_ids)
    if not arrived:
        return
    rows = conn.execute(
        "SELECT c.id, coalesce(o.payload, s.payload) FROM collections c"
        " LEFT JOIN outbox o ON o.kind = 'collection' AND o.object_id = c.id AND o.sent = 0"
        " AND o.op = 'upsert'"
        " LEFT JOIN sync_shadow s ON s.kind = 'collection' AND s.object_id = c.id"
        " WHERE c.deleted = 0"
    ).fetchall()
    for collection_id, payload in rows:
        members = json.loads(payload).get("items", []) if payload else []
        if arrived.intersection(members):
            place_members(conn, collection_id, members)


def _write_pref(conn: sqlite3.Connection, key: str, state: Version, usn: int) -> None:
    # A preference this device keeps to itself is never overwritten.
    if state.deleted:
        conn.execute("DELETE FROM prefs WHERE key = ? AND syncable = 1", (key,))
        return
    conn.execute(
        "INSERT INTO prefs (key, value, syncable, usn, modified) VALUES (?, ?, 1, ?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value, usn = excluded.usn,"
        " modified = excluded.modified WHERE prefs.syncable = 1",
        (key, json.dumps(state.payload["value"], ensure_ascii=False), usn, state.modified),
    )
