"""A small in-memory sliding-window limiter for sign-in and registration attempts.

The counts live in this process's memory only: they start from zero when the server restarts,
and behind several API processes each keeps its own, so the effective limit is multiplied by
the number of processes (a shared store such as PostgreSQL or Redis would replace it there,
DESIGN §14). The reference server runs one process, where this is exact.

Keys are emails and client addresses, which are personal data: they are kept only as keyed
hashes (BLAKE2b with a random key made per limiter), so the counters hold nothing that names a
person, and the hashes can't be recomputed outside the process, not even by guessing emails.
Memory stays bounded: keys whose window has passed are dropped, and past `max_keys` the
stalest keys go first.
"""

from __future__ import annotations

import hashlib
import math
import secrets
import threading
from collections import deque
from collections.abc import Callable


class SlidingWindowLimiter:
    """At most `limit` hits per key within any `window_s` seconds."""

    def __init__(
        self, limit: int, window_s: float, clock: Callable[[], float], max_keys: int = 100_000
    ) -> None:
        self.limit = limit
        self.window_s = window_s
        self._clock = clock
        self._max_keys = max_keys
        self._hits: dict[bytes, deque[float]] = {}
        self._lock = threading.Lock()
        self._hash_key = secrets.token_bytes(32)

    def try_hit(self, key: str) -> int | None:
        """Count one attempt for `key` now and return None, or, when `key` is over the limit,
        count nothing and return the whole seconds until it may try again.

        Checking and counting are one step, so parallel attempts can't all pass the check
        before any of them is counted."""
        now, digest = self._clock(), self._digest(key)
        with self._lock:
            hits = self._recent(digest, now)
            if hits is not None and len(hits) >= self.limit:
                return max(1, math.ceil(hits[-self.limit] + self.window_s - now))
            if hits is None:
                if len(self._hits) >= self._max_keys:
                    self._evict(now)
                hits = self._hits[digest] = deque()
            hits.append(now)
            return None

    def undo(self, key: str) -> None:
        """Take back `key`'s newest attempt (one that turned out not to count, e.g. a sign-in
        that succeeded)."""
        digest = self._digest(key)
        with self._lock:
            hits = self._hits.get(digest)
            if hits:
                hits.pop()
            if hits is not None and not hits:
                del self._hits[digest]

    def reset(self, key: str) -> None:
        """Forget `key`'s attempts (e.g. after a successful sign-in)."""
        digest = self._digest(key)
        with self._lock:
            self._hits.pop(digest, None)

    def _digest(self, key: str) -> bytes:
        return hashlib.blake2b(
            key.encode("utf-8", "surrogatepass"), key=self._hash_key, digest_size=16
        ).digest()

    def _recent(self, key: bytes, now: float) -> deque[float] | None:
        hits = self._hits.get(key)
        if hits is None:
            return None
        while hits and hits[0] <= now - self.window_s:
            hits.popleft()
        if not hits:
            del self._hits[key]
            return None
        return hits

    def _evict(self, now: float) -> None:
        for key in [k for k, hits in self._hits.items() if hits[-1] <= now - self.window_s]:
            del self._hits[key]
        if len(self._hits) >= self._max_keys:  # still full: drop the stalest tenth
            stalest = sorted(self._hits, key=lambda k: self._hits[k][-1])
            for key in stalest[: max(1, self._max_keys // 10)]:
                del self._hits[key]
