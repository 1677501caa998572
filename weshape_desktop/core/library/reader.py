"""Reading the library database: result types, filters and queries (DESIGN §6).

`LibraryReader` holds one SQLite connection and answers queries on it. `LibraryStore` (the one
writer) is a reader too; `LibraryStore.open_reader()` gives a separate read-only connection for
queries off the GUI thread that never wait for a write (WAL: readers see the last commit).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from weshape_desktop.core.library.order import DisplayOrder
from weshape_desktop.core.library.search import match_expression
from weshape_desktop.core.library.types import (
    ITEM_COLUMNS,
    Collection,
    DownloadRow,
    LibraryCounts,
    LibraryEntry,
    LibraryFile,
    LibraryQuery,
    chunks,
    illustration_from_row,
    marks,
    to_datetime,
)
from weshape_desktop.core.models import Illustration


def build_query(query: LibraryQuery, columns: str = "l.item_id") -> tuple[str, list[object]]:
    """SQL selecting `columns` of the matching library rows (`l`) in display order, and its
    parameters."""
    joins: list[str] = []
    where: list[str] = []
    params: list[object] = []
    match = match_expression(query.text) if query.text else None
    if match is not None:
        where.append("l.id IN (SELECT rowid FROM library_fts WHERE library_fts MATCH ?)")
        params.append(match)
    if query.tag:
        where.append(
            "l.item_id IN (SELECT it.item_id FROM item_tags it JOIN tags t ON t.id = it.tag_id"
            " WHERE t.name = ?)"
        )
        params.append(query.tag)
    if query.category:
        where.append("l.item_id IN (SELECT id FROM items WHERE category = ?)")
        params.append(query.category)
    if query.favourites_only:
        where.append("l.favourite = 1")
    if query.format:
        where.append("l.item_id IN (SELECT item_id FROM files WHERE format = ?)")
        params.append(query.format)
    if query.collection_id:
        joins.append("JOIN collection_items ci ON ci.item_id = l.item_id AND ci.collection_id = ?")
        params.insert(0, query.collection_id)
    direction = "DESC" if query.descending else "ASC"
    if query.sort == "title":
        joins.append("JOIN items i ON i.id = l.item_id")
        title = "i.title_ar" if query.lang == "ar" else "i.title_en"
        order = f"COALESCE(NULLIF({title}, ''), i.title_en) COLLATE NOCASE {direction}, l.id"
    elif query.sort == "position" and query.collection_id:
        order = f"ci.position {direction}"
    else:
        order = f"l.added_at {direction}, l.id {direction}"
    sql = f"SELECT {columns} FROM library l {' '.join(joins)}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return sql + f" ORDER BY {order}", params


class LibraryReader:
    """Queries over one connection. Thread-safe: calls are serialised by `lock` (shared with the
    writer when the store reads through its own connection)."""

    def __init__(self, conn: sqlite3.Connection, lock: threading.RLock | None = None) -> None:
        self._conn = conn
        self._lock = lock or threading.RLock()
        # The display order of the last query's filters and sort, and the database version it
        # was read at (see library_order.py).
        self._order: tuple[LibraryQuery, tuple[int, int], DisplayOrder] | None = None

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """One consistent snapshot for several statements."""
        with self._lock:
            if self._conn.in_transaction:  # already inside a write: read what it sees
                yield self._conn
                return
            self._conn.execute("BEGIN")
            try:
                yield self._conn
            finally:
                self._conn.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def item(self, id: str) -> Illustration | None:
        """The cached catalog metadata of `id`, if known."""
        with self._read() as conn:
            row = conn.execute(f"SELECT {ITEM_COLUMNS} FROM items WHERE id = ?", (id,)).fetchone()
        return None if row is None else illustration_from_row(row)

    def count(self) -> int:
        """How many entries the library has."""
        with self._read() as conn:
            return int(conn.execute("SELECT count(*) FROM library").fetchone()[0])

    def query_ids(self, query: LibraryQuery) -> list[str]:
        """All matching item ids in display order (for a lazy model that holds ids).

        The order without the text is kept until the library changes, so that searching within
        the same filters and sort (typing) only asks the search index which entries match."""
        match = match_expression(query.text) if query.text else None
        with self._lock:
            keep = not self._conn.in_transaction  # a write under way may yet roll back
            with self._read() as conn:
                order = self._display_order(conn, replace(query, text=""), keep)
                if match is None:
                    return order.ids()
                (hits,) = conn.execute(
                    "SELECT group_concat(rowid) FROM library_fts WHERE library_fts MATCH ?",
                    (match,),
                ).fetchone()
                return order.select(hits)

    def _display_order(
        self, conn: sqlite3.Connection, query: LibraryQuery, keep: bool
    ) -> DisplayOrder:
        # data_version changes with other connections' commits, total_changes with this one's.
        version = (int(conn.execute("PRAGMA data_version").fetchone()[0]), conn.total_changes)
        if self._order is not None and self._order[:2] == (query, version):
            return self._order[2]
        order = DisplayOrder.read(conn, *build_query(query, "l.id, l.item_id"))
        self._order = (query, version, order) if keep else None
        return order

    def query(self, query: LibraryQuery, offset: int = 0, limit: int = 200) -> list[LibraryEntry]:
        """One page of matching entries in display order."""
        sql, params = build_query(query)
        with self._read() as conn:
            ids = [
                row[0] for row in conn.execute(f"{sql} LIMIT ? OFFSET ?", [*params, limit, offset])
            ]
            return self._entries(conn, ids)

    def entry(self, item_id: str) -> LibraryEntry | None:
        """The library entry of `item_id`, or None when it isn't in the library."""
        found = self.entries([item_id])
        return found[0] if found else None

    def entries(self, item_ids: Sequence[str]) -> list[LibraryEntry]:
        """The entries of `item_ids` that exist, in the given order (a lazy model's row fetch)."""
        with self._read() as conn:
            return self._entries(conn, item_ids)

    def owned_formats(self, item_ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
        """The formats ("png", "svg", sorted) downloaded on this device of each of `item_ids`
        that has any: one lookup on the files' primary key per 500 ids (a page of tiles)."""
        owned: dict[str, list[str]] = {}
        with self._read() as conn:
            for part in chunks(list(dict.fromkeys(item_ids))):
                for item_id, fmt in conn.execute(
                    f"SELECT item_id, format FROM files WHERE item_id IN ({marks(part)})"
                    " ORDER BY item_id, format",
                    part,
                ):
                    owned.setdefault(item_id, []).append(fmt)
        return {item_id: tuple(formats) for item_id, formats in owned.items()}

    def counts(self) -> LibraryCounts:
        """Everything the sidebar counts, from one snapshot (~0.2 s at 100k entries: call it
        off the GUI thread)."""
        with self._read() as conn:
            (total,) = conn.execute("SELECT count(*) FROM library").fetchone()
            # The favourites' partial index answers without reading every entry.
            (favourites,) = conn.execute(
                "SELECT count(*) FROM library WHERE favourite = 1"
            ).fetchone()
            formats = conn.execute(
                "SELECT format, count(*) FROM files GROUP BY format ORDER BY format"
            ).fetchall()
            return LibraryCounts(
                total=int(total),
                favourites=int(favourites),
                formats=tuple(formats),
                tags=tuple(self.tags()),
                categories=tuple(self.categories()),
                collections=tuple(self.collections()),
            )

    def tags(self) -> list[tuple[str, int]]:
        """User tags in use, with how many entries carry each, by name."""
        with self._read() as conn:
            return [
                (name, count)
                for name, count in conn.execute(
                    "SELECT t.name, count(*) FROM tags t JOIN item_tags it ON it.tag_id = t.id"
                    " GROUP BY t.id ORDER BY t.name COLLATE NOCASE"
                )
            ]

    def categories(self) -> list[tuple[str, int]]:
        """Catalog categories of the library's entries, with how many entries are in each."""
        with self._read() as conn:
            return [
                (category, count)
                for category, count in conn.execute(
                    "SELECT i.category, count(*) FROM library l JOIN items i ON i.id = l.item_id"
                    " WHERE i.category != '' GROUP BY i.category ORDER BY i.category"
                )
            ]

    def collections(self) -> list[Collection]:
        """The collections (not deleted), in their order, with member counts."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT c.id, c.name, (SELECT count(*) FROM collection_items ci"
                " WHERE ci.collection_id = c.id) FROM collections c WHERE c.deleted = 0"
                " ORDER BY c.position, c.name"
            ).fetchall()
        return [Collection(id_, name, count) for id_, name, count in rows]

    def downloads(
        self, states: tuple[str, ...] = ("queued", "running", "paused", "failed")
    ) -> list[DownloadRow]:
        """Persisted download-queue entries in these states, oldest first."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT item_id, format, png_size, state, error, bytes_done, created_at"
                f" FROM downloads WHERE state IN ({marks(states)}) ORDER BY created_at, rowid",
                states,
            ).fetchall()
        return [
            DownloadRow(
                item_id=row[0],
                fmt=row[1],
                png_size=row[2],
                state=row[3],
                error=row[4],
                bytes_done=row[5],
                created_at=to_datetime(row[6]),
            )
            for row in rows
        ]

    def pending_changes(self) -> int:
        """How many objects have local changes waiting to sync."""
        with self._read() as conn:
            # an object may have a sent row in flight and a newer pending one
            return int(
                conn.execute(
                    "SELECT count(*) FROM (SELECT DISTINCT kind, object_id FROM outbox)"
                ).fetchone()[0]
            )

    @staticmethod
    def _entries(conn: sqlite3.Connection, item_ids: Sequence[str]) -> list[LibraryEntry]:
        rows: dict[str, tuple[Any, ...]] = {}
        items: dict[str, Illustration] = {}
        files: dict[str, list[tuple[tuple[int, int], LibraryFile]]] = {}
        tags: dict[str, list[str]] = {}
        for part in chunks(list(dict.fromkeys(item_ids))):
            for row in conn.execute(
                "SELECT item_id, added_at, favourite, note FROM library"
                f" WHERE item_id IN ({marks(part)})",
                part,
            ):
                rows[row[0]] = row
            for row in conn.execute(
                f"SELECT {ITEM_COLUMNS} FROM items WHERE id IN ({marks(part)})", part
            ):
                items[row[0]] = illustration_from_row(row)
            for item_id, path, fmt, png_size, sha, size, added, rowid in conn.execute(
                "SELECT item_id, path, format, png_size, sha256, bytes, added_at, rowid FROM files"
                f" WHERE item_id IN ({marks(part)})",
                part,
            ):
                files.setdefault(item_id, []).append(
                    ((added, rowid), LibraryFile(path, fmt, png_size, sha, size))
                )
            for item_id, name in conn.execute(
                "SELECT it.item_id, t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id"
                f" WHERE it.item_id IN ({marks(part)}) ORDER BY t.name COLLATE NOCASE",
                part,
            ):
                tags.setdefault(item_id, []).append(name)
        out = []
        for item_id in item_ids:
            row = rows.get(item_id)
            if row is None or item_id not in items:
                continue
            own = [f for _, f in sorted(files.get(item_id, []), key=lambda af: af[0], reverse=True)]
            latest = own[0] if own else None
            out.append(
                LibraryEntry(
                    item=items[item_id],
                    path=latest.path if latest else None,
                    format=latest.format if latest else None,
                    png_size=latest.png_size if latest else None,
                    bytes=latest.bytes if latest else 0,
                    added_at=to_datetime(row[1]),
                    favourite=bool(row[2]),
                    note=row[3],
                    tags=tuple(tags.get(item_id, ())),
                    files=tuple(own),
                )
            )
        return out
