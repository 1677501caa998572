"""Collections and preferences in the library (DESIGN §6, §8): edits that sync."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from weshape_desktop.core.errors import CollectionNotFoundError
from weshape_desktop.core.library.outbox import LibraryWriter
from weshape_desktop.core.library.types import chunks, marks, now_ms


def moved_one_place(order: Sequence[str], chosen: Iterable[str], step: int) -> list[str]:
    """`order` with every `chosen` member one place earlier (`step` -1) or later (+1): each
    swaps with the nearest member not chosen, so chosen runs move as blocks, keep their own
    order, and stay put once they reach that end."""
    result = list(order)
    picked = set(chosen)
    places = range(1, len(result)) if step < 0 else range(len(result) - 2, -1, -1)
    for here in places:
        there = here + (-1 if step < 0 else 1)
        if result[here] in picked and result[there] not in picked:
            result[here], result[there] = result[there], result[here]
    return result


def moved_to(order: Sequence[str], chosen: Iterable[str], place: int) -> list[str]:
    """`order` with the `chosen` members (in their own order) put where `order[place]` stood —
    `place == len(order)`: at the end — as a drag and drop inside the collection does."""
    picked = set(chosen)
    moving = [i for i in order if i in picked]
    before = [i for i in order[:place] if i not in picked]
    after = [i for i in order[place:] if i not in picked]
    return before + moving + after


class CollectionEdits(LibraryWriter):
    """Collections (ordered, synced with tombstones) and preferences (some synced)."""

    # -- collections ----------------------------------------------------------------------------

    def create_collection(self, name: str) -> str:
        """A new, empty collection at the end of the list; returns its id."""
        name = name.strip()
        if not name:
            raise ValueError("a collection needs a name")
        import uuid  # here: with `platform` ~4 ms that opening the library doesn't need

        collection_id = uuid.uuid4().hex
        with self._write() as conn:
            conn.execute(
                "INSERT INTO collections (id, name, position, modified) VALUES"
                " (?, ?, (SELECT coalesce(max(position), -1) + 1 FROM collections), ?)",
                (collection_id, name, now_ms()),
            )
            self._touch_collection(conn, collection_id)
        return collection_id

    def rename_collection(self, collection_id: str, name: str) -> None:
        name = name.strip()
        if not name:
            raise ValueError("a collection needs a name")
        with self._write() as conn:
            self._require_collection(conn, collection_id)
            conn.execute("UPDATE collections SET name = ? WHERE id = ?", (name, collection_id))
            self._touch_collection(conn, collection_id)

    def delete_collection(self, collection_id: str) -> None:
        """Delete a collection (its entries stay in the library); leaves a tombstone."""
        with self._write() as conn:
            self._require_collection(conn, collection_id)
            conn.execute("DELETE FROM collection_items WHERE collection_id = ?", (collection_id,))
            conn.execute("UPDATE collections SET deleted = 1 WHERE id = ?", (collection_id,))
            self._touch_collection(conn, collection_id)

    def add_to_collection(self, collection_id: str, item_ids: Iterable[str]) -> int:
        """Append entries to a collection (ones already in it stay where they are)."""
        ids = list(dict.fromkeys(item_ids))
        with self._write() as conn:
            self._require_collection(conn, collection_id)
            end = conn.execute(
                "SELECT coalesce(max(position), -1) + 1 FROM collection_items"
                " WHERE collection_id = ?",
                (collection_id,),
            ).fetchone()[0]
            added = 0
            for item_id in ids:
                added += conn.execute(
                    "INSERT OR IGNORE INTO collection_items (collection_id, item_id, position)"
                    " SELECT ?, item_id, ? FROM library WHERE item_id = ?",
                    (collection_id, end + added, item_id),
                ).rowcount
            if added:
                self._touch_collection(conn, collection_id)
        return added

    def remove_from_collection(self, collection_id: str, item_ids: Iterable[str]) -> int:
        ids = list(dict.fromkeys(item_ids))
        with self._write() as conn:
            self._require_collection(conn, collection_id)
            removed = 0
            for part in chunks(ids):
                removed += conn.execute(
                    "DELETE FROM collection_items WHERE collection_id = ?"
                    f" AND item_id IN ({marks(part)})",
                    (collection_id, *part),
                ).rowcount
            if removed:
                self._touch_collection(conn, collection_id)
        return removed

    def reorder_collection(self, collection_id: str, item_ids_in_order: Sequence[str]) -> None:
        """Put these members first, in this order; members not listed follow in their old order."""
        with self._write() as conn:
            self._require_collection(conn, collection_id)
            current = [
                row[0]
                for row in conn.execute(
                    "SELECT item_id FROM collection_items WHERE collection_id = ?"
                    " ORDER BY position",
                    (collection_id,),
                )
            ]
            members = set(current)
            first = [i for i in dict.fromkeys(item_ids_in_order) if i in members]
            listed = set(first)
            order = first + [i for i in current if i not in listed]
            conn.executemany(
                "UPDATE collection_items SET position = ? WHERE collection_id = ? AND item_id = ?",
                [(pos, collection_id, item_id) for pos, item_id in enumerate(order)],
            )
            self._touch_collection(conn, collection_id)

    @staticmethod
    def _require_collection(conn: sqlite3.Connection, collection_id: str) -> None:
        row = conn.execute(
            "SELECT 1 FROM collections WHERE id = ? AND deleted = 0", (collection_id,)
        ).fetchone()
        if row is None:
            raise CollectionNotFoundError(detail=collection_id)

    # -- preferences ----------------------------------------------------------------------------

    def pref(self, key: str, default: Any = None) -> Any:
        """A stored preference's value (JSON-decoded), or `default`."""
        with self._read() as conn:
            row = conn.execute("SELECT value FROM prefs WHERE key = ?", (key,)).fetchone()
        return default if row is None else json.loads(row[0])

    def set_pref(self, key: str, value: Any, *, syncable: bool = False) -> None:
        """Store a preference; a `syncable` one (language, grid size) is queued for sync."""
        with self._write() as conn:
            modified = now_ms()
            encoded = json.dumps(value, ensure_ascii=False)
            conn.execute(
                "INSERT INTO prefs (key, value, syncable, modified) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
                " syncable = excluded.syncable, usn = -1, modified = excluded.modified",
                (key, encoded, int(syncable), modified),
            )
            if syncable:
                payload = {"key": key, "value": value, "modified": modified}
                self._outbox(conn, "pref", key, "upsert", payload)
