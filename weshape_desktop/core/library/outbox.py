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
from weshape_desktop.core.library.types import chunks, marks, now_ms


class LibraryWriter(LibraryReader):
    """Transactions and outbox rows for the store's edits."""

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: everything inside commits together or not at all. Inside
        `transaction()` it is part of that one."""
        with self._lock:
            if self._conn.in_transaction:
                yield self._conn
                return
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run several writes in one transaction (one commit instead of one each); on an
        error none of them is kept."""
        with self._write():
            yield

    # -- outbox (DESIGN §8) -------------------------------------------------------------------

    @staticmethod
    def _outbox(
        conn: sqlite3.Connection, kind: str, object_id: str, op: str, payload: dict[str, Any]
    ) -> None:
        """Record a pending change. One row per object: a newer change replaces the older one
        (and gets a new, higher id, so a sync that already read the old row keeps this one)."""
        conn.execute(
            "INSERT OR REPLACE INTO outbox (kind, object_id, op, payload, modified)"
            " VALUES (?, ?, ?, ?, ?)",
            (kind, object_id, op, json.dumps(payload, ensure_ascii=False), payload["modified"]),
        )

    def _touch_entries(self, conn: sqlite3.Connection, item_ids: Iterable[str]) -> None:
        """Mark entries changed now and queue their full state for sync."""
        modified = now_ms()
        for item_id in item_ids:
            conn.execute(
                "UPDATE library SET usn = -1, modified = ? WHERE item_id = ?", (modified, item_id)
            )
            row = conn.execute(
                "SELECT added_at, favourite, note FROM library WHERE item_id = ?", (item_id,)
            ).fetchone()
            tags = [
                name
                for (name,) in conn.execute(
                    "SELECT t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id"
                    " WHERE it.item_id = ? ORDER BY t.name COLLATE NOCASE",
                    (item_id,),
                )
            ]
            payload = {
                "item_id": item_id,
                "added_at": row[0],
                "favourite": bool(row[1]),
                "note": row[2],
                "tags": tags,
                "modified": modified,
            }
            self._outbox(conn, "entry", item_id, "upsert", payload)

    def _touch_collection(self, conn: sqlite3.Connection, collection_id: str) -> None:
        modified = now_ms()
        conn.execute(
            "UPDATE collections SET usn = -1, modified = ? WHERE id = ?", (modified, collection_id)
        )
        name, position, deleted = conn.execute(
            "SELECT name, position, deleted FROM collections WHERE id = ?", (collection_id,)
        ).fetchone()
        members = [
            item_id
            for (item_id,) in conn.execute(
                "SELECT item_id FROM collection_items WHERE collection_id = ? ORDER BY position",
                (collection_id,),
            )
        ]
        payload = {"id": collection_id, "name": name, "position": position, "modified": modified}
        if deleted:
            self._outbox(conn, "collection", collection_id, "delete", payload)
        else:
            self._outbox(conn, "collection", collection_id, "upsert", {**payload, "items": members})

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
