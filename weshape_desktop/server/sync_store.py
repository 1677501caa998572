"""Account sync on the server (docs/sync.md): apply a device's changes, then page out what it has
not seen, in one transaction per request.

Concurrency: a request with changes first updates its account's `sync_counters` row, which locks
it (a row lock on PostgreSQL, the database's write lock on SQLite) until the transaction ends; only
then does it read anything. Concurrent syncs of one account therefore run one after another, each
merges against what the previous one committed, and usns are handed out without gaps or repeats.
A request without changes only reads.

Cost: each request with changes is a fixed number of statements whatever their count (lock, read
the applied ids, read the stored objects, delete and insert the touched ones, record the ids,
move the counter), and each page is one query on the (account_id, usn) index, joined to the
catalog for the entries' items.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from weshape_desktop.core.sync_merge import Version, merge
from weshape_desktop.server.catalog_store import ITEM_COLUMNS, item_from_row
from weshape_desktop.server.db import (
    accounts,
    illustrations,
    sync_applied,
    sync_counters,
    sync_objects as objects,
)
from weshape_desktop.server.sync_schemas import (
    ID_FIELDS,
    MAX_CHANGES,
    Change,
    ServerChange,
    SyncResponse,
    is_tombstone,
)

log = logging.getLogger(__name__)

Key = tuple[str, str]  # (kind, object_id)


class AccountGone(Exception):
    """The account was deleted while its request was under way."""


class SyncStore:
    """Synced objects of every account, with `clock` (epoch seconds) capping `modified`."""

    def __init__(self, engine: Engine, clock: Callable[[], float]) -> None:
        self._engine = engine
        self._clock = clock

    def sync(
        self, account_id: str, device_id: str, since_usn: int, changes: Sequence[Change]
    ) -> SyncResponse:
        """Apply `changes` (skipping ids already applied and kinds this server doesn't know),
        then the account's objects with a usn above `since_usn`: at most `MAX_CHANGES`, in usn
        order. Raises AccountGone when the account no longer exists."""
        with self._engine.begin() as conn:
            if changes:
                usn = self._apply(conn, account_id, device_id, changes)
            else:
                usn = current_usn(conn, account_id)
            return self._page(conn, account_id, since_usn, usn)

    def _apply(
        self, conn: Connection, account_id: str, device_id: str, changes: Sequence[Change]
    ) -> int:
        """Apply `changes` under the account's counter lock; the account's usn after them."""
        # READ COMMITTED and a row lock: the counter row's UPDATE (as SELECT … FOR UPDATE)
        # queues every other sync of the account until commit; each statement after it sees
        # what they committed (test_concurrency: 8 devices on two workers, no usn lost or twice).
        usn = _lock_counter(conn, account_id)
        fresh = _not_applied(conn, account_id, changes)
        known = [change for change in fresh if change.kind in ID_FIELDS]
        stored = _stored(conn, account_id, {(c.kind, c.object_id) for c in known})
        touched = self._merged(known, stored)
        rows = [
            {
                "account_id": account_id,
                "kind": kind,
                "object_id": object_id,
                "usn": usn + n,
                "modified": version.modified,
                "deleted": version.deleted,
                "payload": dict(version.payload),
                "device_id": device_id,
            }
            for n, ((kind, object_id), version) in enumerate(touched.items(), 1)
        ]
        # Replaced rather than updated: one statement for however many there are.
        if replaced := stored.keys() & touched.keys():
            conn.execute(objects.delete().where(_keys_match(account_id, replaced)))
        if rows:
            conn.execute(objects.insert(), rows)
        if fresh:
            conn.execute(
                sync_applied.insert(),
                [{"account_id": account_id, "change_id": change.id} for change in fresh],
            )
        usn += len(rows)
        conn.execute(
            sync_counters.update().where(sync_counters.c.account_id == account_id).values(usn=usn)
        )
        return usn

    def _merged(self, changes: list[Change], stored: dict[Key, Version]) -> dict[Key, Version]:
        """The state of each object `changes` touch, after applying them in order."""
        cap = int(self._clock() * 1000)
        touched: dict[Key, Version] = {}
        for change in changes:
            key = (change.kind, change.object_id)
            modified = min(change.modified, cap)  # a clock running ahead can't win for ever
            deleted = change.op == "delete"
            # A tombstone names its object and nothing else, whatever the device sent along.
            payload = {ID_FIELDS[change.kind]: change.object_id} if deleted else change.payload
            ours = Version(deleted, {**payload, "modified": modified})
            theirs = touched.get(key, stored.get(key))
            base = change.base
            shared = None if base is None else Version(is_tombstone(change.kind, base), base)
            touched[key] = ours if theirs is None else merge(change.kind, shared, ours, theirs)
        return touched

    @staticmethod
    def _page(conn: Connection, account_id: str, since_usn: int, usn: int) -> SyncResponse:
        # The counter is read (or written) before the page: every object up to it is committed.
        query = (
            sa.select(
                objects.c.kind,
                objects.c.object_id,
                objects.c.usn,
                objects.c.modified,
                objects.c.deleted,
                objects.c.payload,
                *ITEM_COLUMNS,
            )
            .select_from(
                objects.outerjoin(
                    illustrations,
                    sa.and_(objects.c.kind == "entry", illustrations.c.id == objects.c.object_id),
                )
            )
            .where(objects.c.account_id == account_id, objects.c.usn > since_usn)
            .order_by(objects.c.usn)
            .limit(MAX_CHANGES + 1)
        )
        rows = conn.execute(query).mappings().all()
        more = len(rows) > MAX_CHANGES
        rows = rows[:MAX_CHANGES]
        changes = [
            ServerChange(
                kind=row["kind"],
                object_id=row["object_id"],
                usn=row["usn"],
                modified=row["modified"],
                deleted=row["deleted"],
                payload=row["payload"],
                item=item_from_row(row) if row["id"] is not None else None,
            )
            for row in rows
        ]
        # A sync that committed after the counter was read may show in the page: never go back.
        last = changes[-1].usn if changes else 0
        return SyncResponse(
            server_changes=changes, new_usn=last if more else max(usn, last), more=more
        )


def current_usn(conn: Connection, account_id: str) -> int:
    """The account's last usn (0 before its first sync)."""
    usn = conn.execute(
        sa.select(sync_counters.c.usn).where(sync_counters.c.account_id == account_id)
    ).scalar_one_or_none()
    return int(usn or 0)


def lock_counter(conn: Connection, account_id: str) -> bool:
    """Take the account's counter row lock for the rest of the transaction; False when the
    account has no counter (it never synced)."""
    touch = (
        sync_counters.update()
        .where(sync_counters.c.account_id == account_id)
        .values(usn=sync_counters.c.usn)
    )
    return bool(conn.execute(touch).rowcount)


def _lock_counter(conn: Connection, account_id: str) -> int:
    """Lock the account's counter, creating it at 0 on its first sync; its usn."""
    if not lock_counter(conn, account_id):
        create = sync_counters.insert().from_select(
            ["account_id", "usn"],
            sa.select(accounts.c.id, sa.literal(0, sa.BigInteger)).where(
                accounts.c.id == account_id
            ),
        )
        try:
            with conn.begin_nested():
                created = conn.execute(create).rowcount
        except IntegrityError:  # another first sync of this account created it meanwhile
            created = int(lock_counter(conn, account_id))
        if not created:
            raise AccountGone(account_id)
    return current_usn(conn, account_id)


def _not_applied(conn: Connection, account_id: str, changes: Sequence[Change]) -> list[Change]:
    """`changes` without those already applied for the account, each id once (logging the
    kinds this server doesn't know: they count as applied, and are otherwise ignored)."""
    seen = set(
        conn.execute(
            sa.select(sync_applied.c.change_id).where(
                sync_applied.c.account_id == account_id,
                sync_applied.c.change_id.in_({change.id for change in changes}),
            )
        ).scalars()
    )
    fresh = []
    for change in changes:
        if change.id not in seen:
            seen.add(change.id)
            fresh.append(change)
            if change.kind not in ID_FIELDS:
                log.warning("sync: ignored a change of unknown kind %r", change.kind)
    return fresh


def _stored(conn: Connection, account_id: str, keys: Iterable[Key]) -> dict[Key, Version]:
    keys = set(keys)
    if not keys:
        return {}
    query = sa.select(
        objects.c.kind, objects.c.object_id, objects.c.deleted, objects.c.payload
    ).where(_keys_match(account_id, keys))
    return {
        (row.kind, row.object_id): Version(row.deleted, row.payload) for row in conn.execute(query)
    }


def _keys_match(account_id: str, keys: Iterable[Key]) -> sa.ColumnElement[bool]:
    """Rows of `account_id` with one of `keys`: an IN list per kind (portable, and indexed)."""
    by_kind: dict[str, list[str]] = {}
    for kind, object_id in keys:
        by_kind.setdefault(kind, []).append(object_id)
    return sa.and_(
        objects.c.account_id == account_id,
        sa.or_(
            *(
                sa.and_(objects.c.kind == kind, objects.c.object_id.in_(ids))
                for kind, ids in by_kind.items()
            )
        ),
    )
