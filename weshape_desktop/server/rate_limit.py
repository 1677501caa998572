"""Sliding-window limits on sign-in and registration attempts, counted in the database, so they
hold across every worker and process sharing it (DESIGN §14) and across restarts.

Keys are emails and client addresses, which are personal data: the table keeps only keyed
hashes of them (BLAKE2b under `ServerSettings.rate_limit_key`, which the workers of one server
share and which is never stored), so it names nobody, and a copy of it can't be checked against
guessed emails. Rows whose window has passed no longer count; each limiter deletes its stale
rows at most once per window per process.
"""

from __future__ import annotations

import hashlib
import math
import threading
from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from weshape_desktop.server.db import rate_limit_hits as hits, run_serializable


class SlidingWindowLimiter:
    """At most `limit` hits per key within any `window_s` seconds; `name` tells this limiter's
    rows from the others'."""

    def __init__(
        self,
        engine: Engine,
        name: str,
        limit: int,
        window_s: float,
        clock: Callable[[], float],
        hash_key: bytes,
    ) -> None:
        self.name = name
        self.limit = limit
        self.window_s = window_s
        self._engine = engine
        self._clock = clock
        self._hash_key = hash_key
        self._purge_lock = threading.Lock()
        self._next_purge_at = float("-inf")

    def try_hit(self, key: str) -> int | None:
        """Count one attempt for `key` now and return None, or, when `key` is over the limit,
        count nothing and return the whole seconds until it may try again.

        Checking and counting are one SERIALIZABLE transaction: when attempts for one key
        count at once in several workers, the database aborts all but one (PostgreSQL's
        serialization failure, SQLite's write lock) and `run_serializable` runs them again, so
        no attempt passes on a count that another one has made stale."""
        now, digest = self._clock(), self._digest(key)

        def hit(conn: Connection) -> int | None:
            recent = (
                conn.execute(
                    sa.select(hits.c.at)
                    .where(self._of(digest), hits.c.at > now - self.window_s)
                    .order_by(hits.c.at.desc())
                    .limit(self.limit)
                )
                .scalars()
                .all()
            )
            if len(recent) >= self.limit:
                return max(1, math.ceil(recent[-1] + self.window_s - now))
            conn.execute(hits.insert(), [{"limiter": self.name, "key": digest, "at": now}])
            return None

        wait = run_serializable(self._engine, hit)
        self._purge_if_due(now)
        return wait

    def undo(self, key: str) -> None:
        """Take back `key`'s newest attempt (one that turned out not to count, e.g. a sign-in
        that succeeded)."""
        digest = self._digest(key)
        with self._engine.begin() as conn:
            newest = conn.execute(
                sa.select(hits.c.id)
                .where(self._of(digest))
                .order_by(hits.c.at.desc(), hits.c.id.desc())
                .limit(1)
            ).scalar_one_or_none()
            if newest is not None:
                conn.execute(hits.delete().where(hits.c.id == newest))

    def reset(self, key: str) -> None:
        """Forget `key`'s attempts (e.g. after a successful sign-in)."""
        with self._engine.begin() as conn:
            conn.execute(hits.delete().where(self._of(self._digest(key))))

    def _of(self, digest: str) -> sa.ColumnElement[bool]:
        return sa.and_(hits.c.limiter == self.name, hits.c.key == digest)

    def _digest(self, key: str) -> str:
        return hashlib.blake2b(
            f"{self.name}\n{key}".encode("utf-8", "surrogatepass"),
            key=self._hash_key,
            digest_size=16,
        ).hexdigest()

    def _purge_if_due(self, now: float) -> None:
        with self._purge_lock:
            if now < self._next_purge_at:
                return
            self._next_purge_at = now + self.window_s
        with self._engine.begin() as conn:
            conn.execute(
                hits.delete().where(hits.c.limiter == self.name, hits.c.at <= now - self.window_s)
            )
