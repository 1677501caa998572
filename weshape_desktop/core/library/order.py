"""A query's entries in display order, kept so that a text search needs no sort (DESIGN §6, §12).

At 100k entries most of a search's time went into ordering the hits: a broad prefix ("su" hits
27k entries) spent ~15 of its ~20 ms joining the hits to their entries, sorting them and handing
the ids to Python row by row. But a search only narrows what the filters and sort already show,
in the same order. So the reader keeps that order — the item ids in display order and each
library row's position there — and a search only asks the FTS index for the matching row ids:
their positions, sorted as integers, pick the item ids (~3× faster).

Both lists come from SQLite in one row each, via `group_concat` (100k rows fetched one by one
cost more than the query itself). It concatenates in the order of its subquery's ORDER BY: SQLite
keeps that ORDER BY under any aggregate but count/min/max (select.c, "omit ORDER BY" rules), and
the tests check every sort.
"""

from __future__ import annotations

import json
import sqlite3
from array import array
from collections.abc import Sequence

_SEPARATOR = "\x1f"  # between item ids: the ASCII unit separator, not expected in an id


def row_ids(concatenated: str | None) -> list[int]:
    """The integers of `group_concat(<integer column>)` (JSON parses them twice as fast as
    `int()` on each)."""
    return json.loads(f"[{concatenated}]") if concatenated else []


class DisplayOrder:
    """The item ids a query shows, in order, and where each library row is among them."""

    def __init__(self, item_ids: Sequence[str], rows: str | None, last_row: int) -> None:
        self._ids = ["", *item_ids]  # from 1: position 0 means "not shown"
        self._rows, self._last_row = rows, last_row  # row ids in order, as concatenated
        self._position: array[int] | None = None  # by row id; read at the first search

    @classmethod
    def read(cls, conn: sqlite3.Connection, sql: str, params: Sequence[object]) -> DisplayOrder:
        """The order of `sql`, which selects `id` and `item_id` of library rows in display order."""
        rows, item_ids, count, last_row = conn.execute(
            "SELECT group_concat(id), group_concat(item_id, char(31)), count(*),"
            f" (SELECT max(id) FROM library) FROM ({sql})",
            params,
        ).fetchone()
        ids = item_ids.split(_SEPARATOR) if count else []
        if len(ids) != count:  # an id holding the separator after all: read them one by one
            ids = [row[1] for row in conn.execute(sql, params)]
        return cls(ids, rows, last_row or 0)

    def ids(self) -> list[str]:
        """All the item ids, in order (a new list)."""
        return self._ids[1:]

    def select(self, rows: str | None) -> list[str]:
        """The item ids, in order, of those of `rows` (library row ids as `group_concat` gives
        them) that this order shows."""
        hits = row_ids(rows)
        if not hits:
            return []
        position = self._positions()
        if max(hits) >= len(position):  # rows newer than the order: not shown (the reader
            hits = [row for row in hits if row < len(position)]  # reads it again after changes)
        found = filter(None, map(position.__getitem__, hits))  # 0: filtered out
        return list(map(self._ids.__getitem__, sorted(found)))

    def _positions(self) -> array[int]:
        if self._position is None:
            self._position = array("i", bytes(4 * (self._last_row + 1)))
            for position, row in enumerate(row_ids(self._rows), start=1):
                self._position[row] = position
            self._rows = None
        return self._position
