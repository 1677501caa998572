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

import logging
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

from weshape_desktop.core.errors import LibraryOpenError
from weshape_desktop.core.library import files as library_files
from weshape_desktop.core.library.checks import (
    Check,
    connect_readonly,
    move_aside,
    needs_rebuild,
    salvage,
)
from weshape_desktop.core.library.reader import LibraryReader
from weshape_desktop.core.library.schema import migrate, reindex
from weshape_desktop.core.library.sync_apply import place_arrived
from weshape_desktop.core.library.sync_tables import SyncTables
from weshape_desktop.core.library.types import (
    LibraryEntry,
    NewFile,
    chunks,
    clean_tag,
    marks,
    now_ms,
)
from weshape_desktop.core.models import Illustration

log = logging.getLogger(__name__)
FORMATS = ("svg", "png")


class LibraryStore(SyncTables):
    """The library database at `path`, created or upgraded on open.

    Raises LibraryTooNewError (without touching the file) for a database from a newer app, and
    LibraryOpenError when the file can't be opened or created. A damaged database is moved aside
    (`<name>.broken-<timestamp>`), a fresh one is made with whatever rows could be read back, and
    `recovered_from` says where the damaged one went: the UI tells the user and calls
    `rescan(library_dir)` to re-import the files on disk.

    `check` is how much of an existing file is read for damage first (see
    `library_open.check_existing`). The app opens with "header", which leaves out the scan of
    every page, so the window shows the library sooner, and runs `check_existing(path)` right
    after, in the background.
    """

    def __init__(self, path: Path, *, check: Check = "quick") -> None:
        self.path = path
        self.recovered_from: Path | None = None
        if needs_rebuild(path, check):
            self.recovered_from = move_aside(path)
            log.error("library %s was damaged; moved to %s", path, self.recovered_from)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=30)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            migrate(conn)
        except (sqlite3.Error, OSError) as exc:
            raise LibraryOpenError(str(path.parent), str(exc), detail=repr(exc)) from exc
        super().__init__(conn, threading.RLock())
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

    def _salvage(self, broken: Path) -> None:
        with self._write() as conn:
            salvage(broken, conn)
            reindex(conn, [row[0] for row in conn.execute("SELECT id FROM library")])

    # -- catalog cache --------------------------------------------------------------------------

    def upsert_items(self, items: Iterable[Illustration]) -> int:
        """Cache catalog metadata (insert or update by id); returns how many were written.

        Entries whose item changed are re-indexed for search. Not a user edit: no outbox row.
        """
        with self._write() as conn:
            return self._upsert_items(conn, items)

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
        new = NewFile(item, rel_path, sha256, fmt, bytes, png_size)
        with self._write() as conn:
            self._add_files(conn, [new])
            return self._entries(conn, [item.id])[0]

    def add_entries(self, files: Iterable[NewFile]) -> int:
        """`add_entry` for many files in one transaction (re-imports, first sync, benchmarks);
        returns how many entries are new."""
        with self._write() as conn:
            return self._add_files(conn, list(files))

    def _add_files(self, conn: sqlite3.Connection, files: list[NewFile]) -> int:
        for f in files:
            if f.format not in FORMATS:
                raise ValueError(f"unknown format {f.format!r}")
        self._upsert_items(conn, [f.item for f in files], reindexed=False)
        added = now_ms()
        new_ids: list[str] = []
        for f in files:
            size = f.png_size if f.format == "png" else None
            row = (f.item.id, f.format, f.rel_path, f.sha256, f.bytes, size)
            same = conn.execute(
                "SELECT 1 FROM files WHERE item_id = ? AND format = ? AND path = ?"
                " AND sha256 = ? AND bytes = ? AND png_size IS ?",
                row,
            ).fetchone()
            if same:
                continue
            if conn.execute(
                "INSERT INTO library (item_id, added_at, modified) VALUES (?, ?, ?)"
                " ON CONFLICT (item_id) DO NOTHING",
                (f.item.id, added, added),
            ).rowcount:
                new_ids.append(f.item.id)
            conn.execute(
                "INSERT INTO files (item_id, format, path, sha256, bytes, png_size, added_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (item_id, format) DO UPDATE SET"
                " png_size = excluded.png_size, path = excluded.path,"
                " sha256 = excluded.sha256, bytes = excluded.bytes,"
                " added_at = excluded.added_at",
                (*row, added),
            )
        # A new entry syncs; another format of a known one is local news only.
        self._touch_entries(conn, new_ids)
        place_arrived(conn, new_ids)
        reindex(conn, self._library_rowids(conn, list(dict.fromkeys(f.item.id for f in files))))
        return len(new_ids)

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
        wanted = list(dict.fromkeys(n for n in map(clean_tag, names) if n))
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
            row = conn.execute("SELECT id FROM tags WHERE name = ?", (clean_tag(name),)).fetchone()
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
