"""A small in-memory sliding-window limiter for sign-in and registration attempts.

Per process: behind several API processes each keeps its own counts (a shared store such as
PostgreSQL or Redis would replace it there, DESIGN §14). Memory stays bounded: keys whose
window has passed are dropped, and past `max_keys` the stalest keys go first.
"""

from __future__ import annotations

import math
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
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def retry_after(self, key: str) -> int | None:
        """Whole seconds until `key` may try again, or None when it may try now."""
        now = self._clock()
        with self._lock:
            hits = self._recent(key, now)
            if hits is None or len(hits) < self.limit:
                return None
            return max(1, math.ceil(hits[-self.limit] + self.window_s - now))

    def hit(self, key: str) -> None:
        """Count one attempt for `key` now."""
        now = self._clock()
        with self._lock:
            hits = self._recent(key, now)
            if hits is None:
                if len(self._hits) >= self._max_keys:
                    self._evict(now)
                hits = self._hits[key] = deque()
            hits.append(now)
            while len(hits) > self.limit:
                hits.popleft()  # only the newest `limit` hits decide anything

    def reset(self, key: str) -> None:
        with self._lock:
            self._hits.pop(key, None)

    def _recent(self, key: str, now: float) -> deque[float] | None:
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
