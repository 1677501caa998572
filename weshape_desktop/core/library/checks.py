"""Opening the library database safely: version check, integrity check, moving a broken file aside.

Checks run on a read-only connection before anything writes, so a database from a newer app
version is left exactly as it was, and a damaged one is moved aside whole (with its `-wal` and
`-shm` files: a stale WAL next to a fresh database would be replayed into it).
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from pathlib import Path
from typing import Literal

from weshape_desktop.core.errors import LibraryTooNewError
from weshape_desktop.core.library.schema import LATEST_VERSION

log = logging.getLogger(__name__)

# How much of an existing database is read for damage: "header" its schema version only (is it a
# database at all, and not from a newer app?) unless it is to be upgraded, then as "quick": every
# page and row (`quick_check`, ~130 ms at 100k entries); "full" every index too
# (`integrity_check`, ~0.4 s).
Check = Literal["header", "quick", "full"]
_PRAGMAS = {"header": None, "quick": "quick_check", "full": "integrity_check"}

_SIDE_FILES = ("-wal", "-shm", "-journal")
# What can be copied out of a damaged database, parents before children; each row on its own, so
# one unreadable page costs the rows on it, not the table.
_SALVAGE_TABLES = (
    "items",
    "library",
    "files",
    "tags",
    "item_tags",
    "collections",
    "collection_items",
    "prefs",
    "outbox",
)


def connect_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection (`mode=ro`): it can never create, change or convert the file."""
    return sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=ro",
        uri=True,
        check_same_thread=False,
        isolation_level=None,
    )


def check_existing(path: Path, check: Check = "quick") -> bool:
    """Whether the database at `path` (if any) is sound, as far as `check` reads it; raises
    LibraryTooNewError untouched."""
    if not path.exists() or path.stat().st_size == 0:
        return True
    try:
        conn = connect_readonly(path)
    except sqlite3.Error:
        return False
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > LATEST_VERSION:
            raise LibraryTooNewError(
                detail=f"{path} has schema version {version}, this app knows {LATEST_VERSION}"
            )
        pragma = _PRAGMAS[check]
        if pragma is None and version < LATEST_VERSION:  # an upgrade rewrites what it reads
            pragma = _PRAGMAS["quick"]
        if pragma is None:
            return True
        rows = conn.execute(f"PRAGMA {pragma}(20)").fetchall()
        if rows != [("ok",)]:
            log.error("library %s failed %s: %s", path, pragma, rows)
            return False
        return True
    except sqlite3.DatabaseError as exc:  # "file is not a database", "malformed", I/O errors
        log.error("library %s can't be read: %s", path, exc)
        return False
    finally:
        conn.close()


def rebuild_marker(path: Path) -> Path:
    """A file beside the database that asks the next open to rebuild it (`request_rebuild`)."""
    return path.with_name(path.name + ".rebuild")


def request_rebuild(path: Path) -> None:
    """Damage found while the library is in use (the full check runs when idle): it is rebuilt
    the next time it opens, when nothing holds it, rather than swapped under running work."""
    rebuild_marker(path).touch()


def needs_rebuild(path: Path, check: Check = "quick") -> bool:
    """Whether the database must be moved aside and rebuilt before it is opened."""
    marker = rebuild_marker(path)
    if marker.exists():
        if path.exists():
            return True
        marker.unlink()  # nothing left to rebuild
    return not check_existing(path, check)


def move_aside(path: Path) -> Path:
    """Rename the database and its side files to `<name>.broken-<timestamp>`; returns its path."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.broken-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.broken-{stamp}-{n}")
    path.rename(target)
    rebuild_marker(path).unlink(missing_ok=True)
    for suffix in _SIDE_FILES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target


def salvage(broken: Path, conn: sqlite3.Connection) -> dict[str, int]:
    """Copy what rows can still be read from `broken` into the fresh database on `conn`.

    Best effort, row by row, into an open transaction on `conn` (the caller commits); returns how
    many rows each table gave back. The search index is rebuilt by the caller, not copied.
    """
    saved: dict[str, int] = {}
    try:
        source = connect_readonly(broken)
    except sqlite3.Error:
        return saved
    try:
        for table in _SALVAGE_TABLES:
            saved[table] = _copy_rows(source, conn, table)
    finally:
        source.close()
    log.warning("salvaged from %s: %s", broken, json.dumps(saved))
    return saved


def _copy_rows(source: sqlite3.Connection, target: sqlite3.Connection, table: str) -> int:
    columns = [row[1] for row in target.execute(f"PRAGMA table_info({table})")]
    copied = 0
    try:
        cursor = source.execute(f"SELECT {', '.join(columns)} FROM {table}")
        insert = (
            f"INSERT OR IGNORE INTO {table} ({', '.join(columns)})"
            f" VALUES ({','.join('?' * len(columns))})"
        )
        while True:
            row = cursor.fetchone()
            if row is None:
                break
            try:
                copied += target.execute(insert, row).rowcount
            except sqlite3.Error:  # a damaged value or a row whose parent was lost
                continue
    except sqlite3.DatabaseError as exc:
        log.warning("stopped salvaging %s after %d rows: %s", table, copied, exc)
    return copied
