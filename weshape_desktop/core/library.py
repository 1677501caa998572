"""The local library database (DESIGN §6, §8): `LibraryStore`, its one writer.

Threading: a `LibraryStore` owns the single writer connection (`check_same_thread=False`). Every
call, read or write, takes the store's lock, so any thread may call it — the download workers and
the UI's background task runner both do — and each write is one `BEGIN IMMEDIATE` transaction.
Calls are short, but they do block: never call the store from the GUI thread for more than a
single-row read. For queries off the GUI thread that must not wait behind writes, use
`open_reader()`: its own read-only connection, which sees the last committed state (WAL).

Every user-visible edit writes its rows and one `outbox` row per changed object in the same
transaction, with `usn = -1` and `modified` = now (ms), so sync (later) sends exactly what changed.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from weshape_desktop.core import library_files
from weshape_desktop.core.errors import CollectionNotFoundError, LibraryOpenError
from weshape_desktop.core.library_open import check_existing, connect_readonly, move_aside, salvage
from weshape_desktop.core.library_reader import (
    Collection,
    DownloadRecord,
    LibraryEntry,
    LibraryFile,
    LibraryQuery,
    LibraryReader,
    chunks,
    marks,
)
from weshape_desktop.core.library_schema import migrate, reindex
from weshape_desktop.core.models import Illustration

__all__ = [
    "Collection",
    "DownloadRecord",
    "LibraryEntry",
    "LibraryFile",
    "LibraryQuery",
    "LibraryReader",
    "LibraryStore",
]

log = logging.getLogger(__name__)
FORMATS = ("svg", "png")


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def _clean_tag(name: str) -> str:
    return " ".join(name.split())


class LibraryStore(LibraryReader):
    """The library database at `path`, created or upgraded on open.

    Raises LibraryTooNewError (without touching the file) for a database from a newer app, and
    LibraryOpenError when the file can't be opened or created. A damaged database is moved aside
    (`<name>.broken-<timestamp>`), a fresh one is made with whatever rows could be read back, and
    `recovered_from` says where the damaged one went: the UI tells the user and calls
    `rescan(library_dir)` to re-import the files on disk.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.recovered_from: Path | None = None
        if not check_existing(path):
            self.recovered_from = move_aside(path)
            log.error("library %s was damaged; moved to %s", path, self.recovered_from)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=30)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            migrate(conn)
        except sqlite3.Error as exc:
            raise LibraryOpenError(str(path.parent), str(exc), detail=repr(exc)) from exc
        super().__init__(conn, threading.RLock())
        self.db = Database(conn)
        if self.recovered_from is not None:
            self._salvage(self.recovered_from)

    # -- connections and transactions --------------------------------------------------------

    def open_reader(self) -> LibraryReader:
        """A read-only connection for queries in another thread; close it when done."""
        return LibraryReader(connect_readonly(self.path))

    def check_integrity(self) -> bool:
        """The full `integrity_check` (slower than the quick check at open; run it when idle)."""
        with self._lock:
            rows = self._conn.execute("PRAGMA integrity_check(20)").fetchall()
        return rows == [("ok",)]

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

    def _salvage(self, broken: Path) -> None:
        with self._write() as conn:
            salvage(broken, conn)
            reindex(conn, [row[0] for row in conn.execute("SELECT id FROM library")])

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

    # -- catalog cache --------------------------------------------------------------------------

    def upsert_items(self, items: Iterable[Illustration]) -> int:
        """Cache catalog metadata (insert or update by id); returns how many were written.

        Entries whose item changed are re-indexed for search. Not a user edit: no outbox row.
        """
        with self._write() as conn:
            return self._upsert_items(conn, items)

    def _upsert_items(self, conn: sqlite3.Connection, items: Iterable[Illustration]) -> int:
        items = list(items)
        rows = [
            {
                "id": i.id,
                "title_en": i.title.get("en", ""),
                "title_ar": i.title.get("ar", ""),
                "tags_en": json.dumps(list(i.tags.get("en", ())), ensure_ascii=False),
                "tags_ar": json.dumps(list(i.tags.get("ar", ())), ensure_ascii=False),
                "category": i.category,
                "style": i.style,
                "accent": i.accent,
                "sha256": i.sha256,
                "bytes": i.bytes,
                "width": i.width,
                "height": i.height,
                "license": i.license,
                "updated_at": i.updated_at,
            }
            for i in items
        ]
        if rows:
            self.db["items"].upsert_all(rows, pk="id", batch_size=500)  # type: ignore[union-attr]
            reindex(conn, self._library_rowids(conn, [i.id for i in items]))
        return len(rows)

    # -- entries --------------------------------------------------------------------------------

    def add_entry(
        self,
        item: Illustration,
        rel_path: str,
        sha256: str,
        fmt: str,
        bytes: int,
        png_size: int | None = None,
    ) -> LibraryEntry:
        """Record a downloaded file of `item` (after its atomic rename into the library folder).

        Creates the entry if needed, with its outbox row, in one transaction. The same call again
        changes nothing; a new file for the same item and format replaces that format's row.
        """
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}")
        with self._write() as conn:
            self._upsert_items(conn, [item])
            added = now_ms()
            size = png_size if fmt == "png" else None
            same = conn.execute(
                "SELECT 1 FROM files WHERE item_id = ? AND format = ? AND path = ?"
                " AND sha256 = ? AND bytes = ? AND png_size IS ?",
                (item.id, fmt, rel_path, sha256, bytes, size),
            ).fetchone()
            if same:
                return self._entries(conn, [item.id])[0]
            new_entry = conn.execute(
                "INSERT INTO library (item_id, added_at, modified) VALUES (?, ?, ?)"
                " ON CONFLICT (item_id) DO NOTHING",
                (item.id, added, added),
            ).rowcount
            conn.execute(
                "INSERT INTO files (item_id, format, png_size, path, sha256, bytes, added_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (item_id, format) DO UPDATE SET"
                " png_size = excluded.png_size, path = excluded.path,"
                " sha256 = excluded.sha256, bytes = excluded.bytes,"
                " added_at = excluded.added_at",
                (item.id, fmt, size, rel_path, sha256, bytes, added),
            )
            if new_entry:  # another format of a known entry is local news only: no sync
                self._touch_entries(conn, [item.id])
            reindex(conn, self._library_rowids(conn, [item.id]))
            return self._entries(conn, [item.id])[0]

    def remove_entries(self, item_ids: Iterable[str]) -> list[str]:
        """Remove entries from the library; returns their files' paths (relative to the library
        folder) for the caller to delete or keep. Each removal leaves a tombstone in the outbox."""
        ids = list(dict.fromkeys(item_ids))
        paths: list[str] = []
        with self._write() as conn:
            modified = now_ms()
            for part in chunks(ids):
                paths += [
                    row[0]
                    for row in conn.execute(
                        f"SELECT path FROM files WHERE item_id IN ({marks(part)}) ORDER BY path",
                        part,
                    )
                ]
                rowids = self._library_rowids(conn, part)
                conn.executemany("DELETE FROM library_fts WHERE rowid = ?", [(r,) for r in rowids])
                gone = [
                    row[0]
                    for row in conn.execute(
                        f"DELETE FROM library WHERE item_id IN ({marks(part)}) RETURNING item_id",
                        part,
                    ).fetchall()
                ]
                for item_id in gone:
                    payload = {"item_id": item_id, "modified": modified}
                    self._outbox(conn, "entry", item_id, "delete", payload)
            conn.execute("DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM item_tags)")
        return paths

    def set_favourite(self, item_ids: Iterable[str], value: bool) -> int:
        """Mark entries (un)favourite; returns how many changed."""
        ids = list(dict.fromkeys(item_ids))
        with self._write() as conn:
            changed = [
                item_id
                for item_id in ids
                if conn.execute(
                    "UPDATE library SET favourite = ? WHERE item_id = ? AND favourite != ?",
                    (int(value), item_id, int(value)),
                ).rowcount
            ]
            self._touch_entries(conn, changed)
        return len(changed)

    def set_note(self, item_id: str, text: str) -> bool:
        """Set an entry's note; returns whether it changed."""
        with self._write() as conn:
            cursor = conn.execute(
                "UPDATE library SET note = ? WHERE item_id = ? AND note != ?",
                (text, item_id, text),
            )
            if not cursor.rowcount:
                return False
            self._touch_entries(conn, [item_id])
            reindex(conn, self._library_rowids(conn, [item_id]))
        return True

    def add_tags(self, item_ids: Iterable[str], names: Iterable[str]) -> int:
        """Tag entries (names are case-insensitive: an existing spelling is kept); returns how
        many entries changed."""
        ids = list(dict.fromkeys(item_ids))
        wanted = list(dict.fromkeys(n for n in map(_clean_tag, names) if n))
        if not ids or not wanted:
            return 0
        with self._write() as conn:
            conn.executemany("INSERT OR IGNORE INTO tags (name) VALUES (?)", [(n,) for n in wanted])
            tag_ids = [
                row[0]
                for row in conn.execute(
                    f"SELECT id FROM tags WHERE name IN ({marks(wanted)})", wanted
                )
            ]
            changed = []
            for item_id in ids:
                added = conn.execute(
                    "INSERT OR IGNORE INTO item_tags (tag_id, item_id)"
                    f" SELECT t.id, l.item_id FROM library l, tags t"
                    f" WHERE l.item_id = ? AND t.id IN ({marks(tag_ids)})",
                    (item_id, *tag_ids),
                ).rowcount
                if added:
                    changed.append(item_id)
            conn.execute("DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM item_tags)")
            self._touch_entries(conn, changed)
            reindex(conn, self._library_rowids(conn, changed))
        return len(changed)

    def remove_tag(self, item_ids: Iterable[str], name: str) -> int:
        """Untag entries; returns how many changed. A tag no entry carries any more is dropped."""
        ids = list(dict.fromkeys(item_ids))
        with self._write() as conn:
            row = conn.execute("SELECT id FROM tags WHERE name = ?", (_clean_tag(name),)).fetchone()
            if row is None:
                return 0
            changed = [
                item_id
                for item_id in ids
                if conn.execute(
                    "DELETE FROM item_tags WHERE tag_id = ? AND item_id = ?", (row[0], item_id)
                ).rowcount
            ]
            conn.execute(
                "DELETE FROM tags WHERE id = ? AND NOT EXISTS"
                " (SELECT 1 FROM item_tags WHERE tag_id = ?)",
                (row[0], row[0]),
            )
            self._touch_entries(conn, changed)
            reindex(conn, self._library_rowids(conn, changed))
        return len(changed)

    # -- collections ----------------------------------------------------------------------------

    def create_collection(self, name: str) -> str:
        """A new, empty collection at the end of the list; returns its id."""
        name = name.strip()
        if not name:
            raise ValueError("a collection needs a name")
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

    # -- the library folder (integrity) ----------------------------------------------------------

    def missing_files(self, library_dir: Path) -> list[str]:
        """Ids of entries whose file (one of them) is gone from the folder: offer a re-download."""
        with self._read() as conn:
            return library_files.missing(conn, library_dir)

    def unknown_files(self, library_dir: Path) -> list[Path]:
        """SVG/PNG files in the folder that no entry records (hidden and `.part` files skipped)."""
        with self._read() as conn:
            return library_files.unknown(conn, library_dir)

    def reimport(self, path: Path, library_dir: Path) -> LibraryEntry | None:
        """Add the file at `path` (inside `library_dir`) back as an entry, if it can be recognised
        (by sha256 against the catalog cache and stored files, then by the id in its name)."""
        with self._read() as conn:
            match = library_files.identify(conn, path, library_dir)
            item = self.item(match.item_id) if match else None
        if match is None or item is None:
            return None
        return self.add_entry(
            item, match.rel_path, match.sha256, match.format, match.bytes, match.png_size
        )

    def rescan(self, library_dir: Path) -> list[LibraryEntry]:
        """Re-import every unknown file that can be recognised (after a rebuild, or files copied
        in by hand); returns the entries made or updated."""
        found = []
        for path in self.unknown_files(library_dir):
            entry = self.reimport(path, library_dir)
            if entry is not None:
                found.append(entry)
        return found

    # -- download queue persistence (core.downloads) ------------------------------------------

    def save_download(
        self,
        item_id: str,
        fmt: str,
        png_size: int | None,
        state: str,
        bytes_done: int = 0,
        error: str = "",
    ) -> None:
        """Persist one queue entry (keyed by item and format) so the queue survives a restart."""
        with self._write() as conn:
            conn.execute(
                "INSERT INTO downloads (item_id, format, png_size, state, error, bytes_done,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (item_id, format) DO UPDATE"
                " SET png_size = excluded.png_size, state = excluded.state,"
                " error = excluded.error, bytes_done = excluded.bytes_done",
                (item_id, fmt, png_size, state, error, bytes_done, now_ms()),
            )

    def forget_download(self, item_id: str, fmt: str) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM downloads WHERE item_id = ? AND format = ?", (item_id, fmt))
