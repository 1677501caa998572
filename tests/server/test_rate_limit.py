"""The sliding-window limiter on its own, on the database under test: windows, reset, undo,
hashed keys, purging, and limits that hold across processes counting at the same moment."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.server.conftest import FakeClock, database_url
from weshape_desktop.server.db import make_engine, migrate, rate_limit_hits
from weshape_desktop.server.rate_limit import SlidingWindowLimiter

EMAIL_KEY = "email:lina@example.org"
HASH_KEY = secrets.token_bytes(32)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[sa.Engine]:
    engine = make_engine(database_url(tmp_path))
    migrate(engine)
    yield engine
    engine.dispose()


def rows(engine: sa.Engine) -> list[tuple[str, str, float]]:
    with engine.connect() as conn:
        query = sa.select(rate_limit_hits.c.limiter, rate_limit_hits.c.key, rate_limit_hits.c.at)
        return [tuple(row) for row in conn.execute(query)]


def test_limit_within_a_sliding_window(engine: sa.Engine) -> None:
    clock = FakeClock()
    limiter = SlidingWindowLimiter(engine, "test", 3, 60, clock, HASH_KEY)
    for _ in range(3):
        assert limiter.try_hit(EMAIL_KEY) is None
        clock.advance(10)
    assert limiter.try_hit(EMAIL_KEY) == 30  # the first hit leaves the window at 60 s
    assert limiter.try_hit(EMAIL_KEY) == 30  # refused attempts are not counted
    assert limiter.try_hit("email:someone@example.org") is None
    clock.advance(30)
    assert limiter.try_hit(EMAIL_KEY) is None
    assert limiter.try_hit(EMAIL_KEY) == 10
    limiter.reset(EMAIL_KEY)
    assert limiter.try_hit(EMAIL_KEY) is None


def test_undo_takes_back_the_newest_attempt(engine: sa.Engine) -> None:
    clock = FakeClock()
    limiter = SlidingWindowLimiter(engine, "test", 2, 60, clock, HASH_KEY)
    assert limiter.try_hit(EMAIL_KEY) is None
    clock.advance(10)
    assert limiter.try_hit(EMAIL_KEY) is None
    limiter.undo(EMAIL_KEY)
    assert limiter.try_hit(EMAIL_KEY) is None  # the undone attempt freed its place
    assert limiter.try_hit(EMAIL_KEY) == 50  # the oldest attempt still decides
    limiter.undo(EMAIL_KEY)
    limiter.undo(EMAIL_KEY)
    limiter.undo(EMAIL_KEY)  # nothing left to take back
    assert rows(engine) == []


def test_stale_rows_are_purged(engine: sa.Engine) -> None:
    clock = FakeClock()
    limiter = SlidingWindowLimiter(engine, "test", 1, 60, clock, HASH_KEY)
    for n in range(20):
        limiter.try_hit(f"ip:10.0.0.{n}")
    clock.advance(61)
    limiter.try_hit("ip:10.0.0.99")
    assert [at for _, _, at in rows(engine)] == [clock.now]


def test_keys_are_kept_only_as_keyed_hashes(engine: sa.Engine) -> None:
    limiter = SlidingWindowLimiter(engine, "a", 5, 60, FakeClock(), HASH_KEY)
    other = SlidingWindowLimiter(engine, "b", 5, 60, FakeClock(), secrets.token_bytes(32))
    for each in (limiter, other):
        each.try_hit(EMAIL_KEY)
    stored = rows(engine)
    assert "lina" not in repr(stored) and "example.org" not in repr(stored)
    assert len({key for _, key, _ in stored}) == 2  # no common trace between limiters


def test_parallel_attempts_in_several_processes_never_pass_the_limit(
    engine: sa.Engine, tmp_path: Path
) -> None:
    """Two workers (two engines on one database, one hash key) counting 40 attempts on one key
    at once: exactly the limit passes, and every refusal says when to come back."""
    second = make_engine(database_url(tmp_path))
    clock = FakeClock()
    workers = [SlidingWindowLimiter(e, "test", 7, 60, clock, HASH_KEY) for e in (engine, second)]
    start = threading.Barrier(8)

    def attempt(n: int) -> int | None:
        if n < 8:
            start.wait()
        return workers[n % 2].try_hit(EMAIL_KEY)

    try:
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(attempt, range(40)))
    finally:
        second.dispose()
    assert answers.count(None) == 7
    assert set(answers) - {None} == {60}
    assert len(rows(engine)) == 7
