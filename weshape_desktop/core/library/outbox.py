"""Writing to the library: transactions and the sync outbox (DESIGN §8).

`LibraryWriter` is the base of `LibraryStore`: every write runs in `_write()`, one
`BEGIN IMMEDIATE` transaction under the store's lock, and every user-visible change records the
changed object's full state in `outbox` (`usn = -1`, `modified` = now) inside that transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from weshape_desktop.core.library.reader import LibraryReader
from weshape_desktop.core.library.schema import reindex
from weshape_desktop.core.library.types import (
    ITEM_COLUMNS,
    chunks,
    marks,
    now_ms,
    row_from_illustration,
)
from weshape_desktop.core.models import Illustration

_ITEM_FIELDS = ITEM_COLUMNS.split(", ")
_UPSERT_ITEM = (
    f"INSERT INTO items ({ITEM_COLUMNS}) VALUES ({', '.join('?' * len(_ITEM_FIELDS))})"
    " ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{name} = excluded.{name}" for name in _ITEM_FIELDS[1:])
)


def entry_state(conn: sqlite3.Connection, item_id: str) -> dict[str, Any]:
    """A live entry's full state as it syncs (docs/sync.md), with its stored `modified`."""
    added_at, favourite, note, modified = conn.execute(
        "SELECT added_at, favourite, note, modified FROM library WHERE item_id = ?", (item_id,)
    ).fetchone()
    tags = [
        name
        for (name,) in conn.execute(
            "SELECT t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id"
            " WHERE it.item_id = ? ORDER BY t.name COLLATE NOCASE",
            (item_id,),
        )
    ]
    return {
        "item_id": item_id,
        "added_at": added_at,
        "favourite": bool(favourite),
        "note": note,
        "tags": tags,
        "modified": modified,
    }


def collection_state(conn: sqlite3.Connection, collection_id: str) -> tuple[str, dict[str, Any]]:
    """A collection's op ("upsert" or "delete") and full state (or tombstone) as it syncs."""
    name, position, deleted, modified = conn.execute(
        "SELECT name, position, deleted, modified FROM collections WHERE id = ?", (collection_id,)
    ).fetchone()
    payload = {"id": collection_id, "name": name, "position": position, "modified": modified}
    if deleted:
        return "delete", {"id": collection_id, "modified": modified}
    local = [
        item_id
        for (item_id,) in conn.execute(
            "SELECT item_id FROM collection_items WHERE collection_id = ? ORDER BY position",
            (collection_id,),
        )
    ]
    return "upsert", {**payload, "items": with_absent_members(conn, collection_id, local)}


def with_absent_members(
    conn: sqlite3.Connection, collection_id: str, local: list[str]
) -> list[str]:
    """`local` members plus those the server lists whose entry isn't in this library yet, each
    after the member before it in the server's order: an edit here must not drop them."""
    row = conn.execute(
        "SELECT payload FROM sync_shadow WHERE kind = 'collection' AND object_id = ?",
        (collection_id,),
    ).fetchone()
    if row is None:
        return local
    members = list(local)
    placed = set(local)
    anchor: str | None = None
    for item_id in json.loads(row[0]).get("items", ()):
        if item_id in placed:
            anchor = item_id
            continue
        if conn.execute("SELECT 1 FROM library WHERE item_id = ?", (item_id,)).fetchone():
            continue  # removed from the collection here
        members.insert(members.index(anchor) + 1 if anchor is not None else 0, item_id)
        placed.add(item_id)
        anchor = item_id
    return members


class LibraryWriter(LibraryReader):
    """Transactions and outbox rows for the store's edits."""

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: everything inside commits together or not at all."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    # -- outbox (DESIGN §8) -------------------------------------------------------------------

    @staticmethod
    def _outbox(
        conn: sqlite3.Connection, kind: str, object_id: str, op: str, payload: dict[str, Any]
    ) -> None:
        """Record a pending change. One pending row per object: a newer change replaces it (with
        a new, higher id, keeping the changes in the order they were made); a row already sent
        stays until the server acknowledges it (docs/sync.md)."""
        conn.execute(
            "DELETE FROM outbox WHERE kind = ? AND object_id = ? AND sent = 0", (kind, object_id)
        )
        conn.execute(
            "INSERT INTO outbox (kind, object_id, op, payload, modified) VALUES (?, ?, ?, ?, ?)",
            (kind, object_id, op, json.dumps(payload, ensure_ascii=False), payload["modified"]),
        )

    def _touch_entries(self, conn: sqlite3.Connection, item_ids: Iterable[str]) -> None:
        """Mark entries changed now and queue their full state for sync."""
        modified = now_ms()
        for item_id in item_ids:
            conn.execute(
                "UPDATE library SET usn = -1, modified = ? WHERE item_id = ?", (modified, item_id)
            )
            self._outbox(conn, "entry", item_id, "upsert", entry_state(conn, item_id))

    def _touch_collection(self, conn: sqlite3.Connection, collection_id: str) -> None:
        conn.execute(
            "UPDATE collections SET usn = -1, modified = ? WHERE id = ?", (now_ms(), collection_id)
        )
        op, payload = collection_state(conn, collection_id)
        self._outbox(conn, "collection", collection_id, op, payload)

    def _upsert_items(
        self, conn: sqlite3.Connection, items: Iterable[Illustration], *, reindexed: bool = True
    ) -> int:
        """Cache catalog metadata; returns how many rows were new or different."""
        fresh = {i.id: row_from_illustration(i) for i in items}
        # Rows already stored as they are are left alone: a download's item was cached when it
        # was queued, and rewriting it would re-index it for nothing.
        for part in chunks(list(fresh)):
            for stored in conn.execute(
                f"SELECT {ITEM_COLUMNS} FROM items WHERE id IN ({marks(part)})", part
            ):
                if fresh[stored[0]] == tuple(stored):
                    del fresh[stored[0]]
        if fresh:
            # Plain SQL: sqlite-utils' upsert_all reads the table's schema on every call (~1 ms
            # for one item queued for download, more than the rest of its transaction).
            conn.executemany(_UPSERT_ITEM, fresh.values())
            if reindexed:
                reindex(conn, self._library_rowids(conn, list(fresh)))
        return len(fresh)

    @staticmethod
    def _library_rowids(conn: sqlite3.Connection, item_ids: Sequence[str]) -> list[int]:
        out: list[int] = []
        for part in chunks(item_ids):
            out += [
                row[0]
                for row in conn.execute(
                    f"SELECT id FROM library WHERE item_id IN ({marks(part)})", part
                )
            ]
        return out
