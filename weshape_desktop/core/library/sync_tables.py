"""The library's side of account sync (docs/sync.md): outbox rounds, applying the server's
changes, the shadow, and the account the library syncs with.

`core.sync.SyncEngine` drives it: `start_sync_round()` marks pending rows sent and hands them
over, the engine posts them, and `apply_sync_page()` applies the answer in one transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from weshape_desktop.core.library.collection_edits import CollectionEdits
from weshape_desktop.core.library.outbox import collection_state, entry_state
from weshape_desktop.core.library.schema import reindex
from weshape_desktop.core.library.sync_apply import place_arrived, write_state
from weshape_desktop.core.library.types import chunks, marks, now_ms
from weshape_desktop.core.models import Illustration
from weshape_desktop.core.sync_merge import Version, merge


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar shows: when the last sync ended, how many objects wait to be sent,
    and the account this library syncs with (None before the first sync)."""

    last_sync_ms: int | None
    pending: int
    account_id: str | None


@dataclass(frozen=True)
class OutgoingChange:
    """An outbox row on its way to the server, exactly as it is (re)sent."""

    outbox_id: int
    kind: str
    object_id: str
    op: str
    modified: int
    payload: Mapping[str, Any]
    base: Mapping[str, Any] | None


@dataclass(frozen=True)
class ServerChange:
    """An object's state on the server; `item` is an entry's catalog item when the server has it."""

    kind: str
    object_id: str
    usn: int
    deleted: bool
    payload: Mapping[str, Any]
    item: Illustration | None = None


@dataclass(frozen=True)
class SyncRound:
    """One request's worth: the device, the last usn it has applied, the changes to send."""

    device_id: str
    since_usn: int
    changes: tuple[OutgoingChange, ...]


@dataclass(frozen=True)
class AppliedPage:
    """What applying a page changed beyond the database: entries that arrived without a file
    (to download) and files whose entries were deleted remotely (library-relative paths)."""

    arrived: tuple[str, ...]
    removed_paths: tuple[str, ...]


# The server takes 4 MiB of body a request (docs/sync.md); the rest of each change fits in what
# is left over.
ROUND_BYTES = 3 * 1024 * 1024
_OUTGOING = "SELECT id, kind, object_id, op, modified, payload, base FROM outbox"


class SyncTables(CollectionEdits):
    """Account sync's reads and writes of the library."""

    def sync_status(self) -> SyncStatus:
        with self._read() as conn:
            last, account = conn.execute("SELECT last_sync, account_id FROM sync_state").fetchone()
        return SyncStatus(last, self.pending_changes(), account)

    def unsynced_entry_count(self, account_id: str | None = None) -> int:
        """How many entries join the account at the next sync: those the bound account hasn't
        seen, or, for `account_id` other than the bound one (bound at the next sync), all."""
        with self._read() as conn:
            (bound,) = conn.execute("SELECT account_id FROM sync_state").fetchone()
            if account_id is not None and account_id != bound:
                return int(conn.execute("SELECT count(*) FROM library").fetchone()[0])
            return int(
                conn.execute(
                    "SELECT count(*) FROM library l WHERE NOT EXISTS (SELECT 1 FROM sync_shadow s"
                    " WHERE s.kind = 'entry' AND s.object_id = l.item_id)"
                ).fetchone()[0]
            )

    def bind_sync_account(self, account_id: str) -> None:
        """Sync this library with `account_id` from now on. Binding it to an account other
        than its own (or the first one) merges the whole library into that account at the next
        sync: everything starts over from usn 0 with every object queued in its stored state.
        Local deletions made before are not sent: the new account never had those objects."""
        with self._write() as conn:
            (current,) = conn.execute("SELECT account_id FROM sync_state").fetchone()
            if current == account_id:
                return
            conn.execute(
                "UPDATE sync_state SET account_id = ?, server_usn = 0, last_sync = NULL",
                (account_id,),
            )
            conn.execute("DELETE FROM sync_shadow")
            conn.execute("DELETE FROM outbox")
            for (item_id,) in conn.execute("SELECT item_id FROM library ORDER BY id").fetchall():
                self._outbox(conn, "entry", item_id, "upsert", entry_state(conn, item_id))
            collections = conn.execute(
                "SELECT id FROM collections WHERE deleted = 0 ORDER BY position"
            ).fetchall()
            for (collection_id,) in collections:
                self._outbox(
                    conn, "collection", collection_id, *collection_state(conn, collection_id)
                )
            prefs = conn.execute(
                "SELECT key, value, modified FROM prefs WHERE syncable = 1 ORDER BY key"
            ).fetchall()
            for key, value, modified in prefs:
                payload = {"key": key, "value": json.loads(value), "modified": modified}
                self._outbox(conn, "pref", key, "upsert", payload)

    def start_sync_round(self, limit: int = 500, max_bytes: int = ROUND_BYTES) -> SyncRound:
        """Mark up to `limit` changes sent and return them, rows sent before and never
        acknowledged first, unchanged (so a retried request is the same request). Each newly
        sent row stores its `base`: the row still in flight for its object, else the shadow.
        Rows are added while their payloads and bases stay within `max_bytes` (at least one),
        so a request stays under the server's body limit and its retries do too."""
        with self._write() as conn:
            device_id, since = conn.execute(
                "SELECT device_id, server_usn FROM sync_state"
            ).fetchone()
            changes = [
                _outgoing(row) for row in conn.execute(f"{_OUTGOING} WHERE sent = 1 ORDER BY id")
            ]
            in_flight = {(c.kind, c.object_id): c for c in changes}
            size = sum(_size(c.payload) + _size(c.base) for c in changes)
            room = max(0, limit - len(changes))
            pending = conn.execute(
                f"{_OUTGOING} WHERE sent = 0 ORDER BY id LIMIT ?", (room,)
            ).fetchall()
            for row in pending:
                change = _outgoing(row)
                before = in_flight.get((change.kind, change.object_id))
                base: Mapping[str, Any] | None
                if before is None:
                    base = _shadow(conn, change.kind, change.object_id)
                else:
                    base = None if before.op == "delete" else before.payload
                size += _size(change.payload) + _size(base)
                if changes and size > max_bytes:
                    break
                encoded = None if base is None else json.dumps(base, ensure_ascii=False)
                conn.execute(
                    "UPDATE outbox SET sent = 1, base = ? WHERE id = ?", (encoded, change.outbox_id)
                )
                changes.append(_outgoing((*row[:6], encoded)))
        return SyncRound(device_id, since, tuple(changes))

    def apply_sync_page(
        self, sent: Sequence[OutgoingChange], changes: Sequence[ServerChange], new_usn: int
    ) -> AppliedPage:
        """Apply the server's answer to `sent` in one transaction: the acknowledged rows go
        (their shadow becomes what was sent), each server change is written here (rebasing a
        local edit still pending onto it), and `new_usn` is stored. Writes no outbox rows
        except the rebased pending ones."""
        arrived: list[str] = []
        removed: list[str] = []
        with self._write() as conn:
            conn.executemany("DELETE FROM outbox WHERE id = ?", [(d.outbox_id,) for d in sent])
            _set_shadows(conn, [(d.kind, d.object_id, d.op == "delete", d.payload) for d in sent])
            self._upsert_items(
                conn, [c.item for c in changes if c.item is not None], reindexed=False
            )
            # An item the catalog no longer has still needs its cache row (entries refer to it).
            conn.executemany(
                "INSERT OR IGNORE INTO items (id, sha256, bytes) VALUES (?, '', 0)",
                [
                    (c.object_id,)
                    for c in changes
                    if c.kind == "entry" and c.item is None and not c.deleted
                ],
            )
            ids = [c.object_id for c in changes]
            here = set(_select_in(conn, "SELECT item_id FROM library WHERE item_id IN", ids))
            pending = {
                (kind, object_id): (outbox_id, op, payload)
                for kind, object_id, outbox_id, op, payload in _select_in(
                    conn,
                    "SELECT kind, object_id, id, op, payload FROM outbox"
                    " WHERE sent = 0 AND object_id IN",
                    ids,
                )
            }
            entries: list[str] = []
            for change in changes:
                mine = pending.get((change.kind, change.object_id))
                state, usn = _rebase(conn, change, mine)
                removed += write_state(conn, change.kind, change.object_id, state, usn)
                if change.kind == "entry" and not state.deleted:
                    entries.append(change.object_id)
                    if change.object_id not in here:
                        arrived.append(change.object_id)
            _set_shadows(conn, [(c.kind, c.object_id, c.deleted, c.payload) for c in changes])
            reindex(conn, self._library_rowids(conn, entries))
            conn.execute("DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM item_tags)")
            place_arrived(conn, arrived)
            conn.execute("UPDATE sync_state SET server_usn = ?, last_sync = ?", (new_usn, now_ms()))
        return AppliedPage(tuple(arrived), tuple(removed))

    def entries_without_files(self, item_ids: Sequence[str]) -> list[str]:
        """Those of `item_ids` that are entries here with no downloaded file, in that order."""
        with self._read() as conn:
            return [
                item_id
                for item_id in item_ids
                if conn.execute(
                    "SELECT 1 FROM library l WHERE l.item_id = ? AND NOT EXISTS"
                    " (SELECT 1 FROM files f WHERE f.item_id = l.item_id)",
                    (item_id,),
                ).fetchone()
            ]


def _outgoing(row: Sequence[Any]) -> OutgoingChange:
    outbox_id, kind, object_id, op, modified, payload, base = row
    return OutgoingChange(
        outbox_id, kind, object_id, op, modified, json.loads(payload), base and json.loads(base)
    )


def _size(payload: Mapping[str, Any] | None) -> int:
    """Bytes in the request body (where non-ASCII text is sent as \\u escapes)."""
    return 0 if payload is None else len(json.dumps(payload))


def _shadow(conn: sqlite3.Connection, kind: str, object_id: str) -> Mapping[str, Any] | None:
    row = conn.execute(
        "SELECT payload FROM sync_shadow WHERE kind = ? AND object_id = ?", (kind, object_id)
    ).fetchone()
    return None if row is None else dict(json.loads(row[0]))


def _set_shadows(
    conn: sqlite3.Connection, states: Sequence[tuple[str, str, bool, Mapping[str, Any]]]
) -> None:
    """The server's last state of objects (kind, object_id, deleted, payload); a deleted one
    has none (its merges have no base)."""
    conn.executemany(
        "DELETE FROM sync_shadow WHERE kind = ? AND object_id = ?",
        [(kind, object_id) for kind, object_id, deleted, _ in states if deleted],
    )
    conn.executemany(
        "INSERT OR REPLACE INTO sync_shadow (kind, object_id, payload) VALUES (?, ?, ?)",
        [
            (kind, object_id, json.dumps(payload, ensure_ascii=False))
            for kind, object_id, deleted, payload in states
            if not deleted
        ],
    )


def _select_in(conn: sqlite3.Connection, sql: str, values: Sequence[str]) -> Iterator[Any]:
    """Rows of `sql` (ending in `IN`) over `values`, a chunk at a time."""
    for part in chunks(values):
        rows = conn.execute(f"{sql} ({marks(part)})", part).fetchall()
        yield from (row[0] if len(row) == 1 else row for row in rows)


def _rebase(
    conn: sqlite3.Connection, change: ServerChange, pending: tuple[int, str, str] | None
) -> tuple[Version, int]:
    """The state to keep here for a server change, and its usn. A local edit still `pending`
    (its outbox id, op and payload) is merged onto the server's state (base: the shadow) and
    stays pending with the result, unless the result is the server's state; otherwise the
    server's state is taken as is."""
    theirs = Version(change.deleted, change.payload)
    if pending is None:
        return theirs, change.usn
    outbox_id, op, payload = pending
    shadow = _shadow(conn, change.kind, change.object_id)
    base = None if shadow is None else Version(False, shadow)
    merged = merge(change.kind, base, Version(op == "delete", json.loads(payload)), theirs)
    if merged == theirs:
        conn.execute("DELETE FROM outbox WHERE id = ?", (outbox_id,))
        return theirs, change.usn
    conn.execute(
        "UPDATE outbox SET op = ?, payload = ?, modified = ? WHERE id = ?",
        (
            "delete" if merged.deleted else "upsert",
            json.dumps(dict(merged.payload), ensure_ascii=False),
            merged.modified,
            outbox_id,
        ),
    )
    return merged, -1
