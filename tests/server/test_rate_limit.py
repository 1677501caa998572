"""The sliding-window limiter on its own: windows, reset, undo, bounded memory, hashed keys."""

from __future__ import annotations

from tests.server.conftest import FakeClock
from weshape_desktop.server.rate_limit import SlidingWindowLimiter

EMAIL_KEY = "email:lina@example.org"


def test_limit_within_a_sliding_window() -> None:
    clock = FakeClock()
    limiter = SlidingWindowLimiter(3, 60, clock)
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


def test_undo_takes_back_the_newest_attempt() -> None:
    clock = FakeClock()
    limiter = SlidingWindowLimiter(2, 60, clock)
    assert limiter.try_hit(EMAIL_KEY) is None
    clock.advance(10)
    assert limiter.try_hit(EMAIL_KEY) is None
    limiter.undo(EMAIL_KEY)
    assert limiter.try_hit(EMAIL_KEY) is None  # the undone attempt freed its place
    assert limiter.try_hit(EMAIL_KEY) == 50  # the oldest attempt still decides
    limiter.undo(EMAIL_KEY)
    limiter.undo(EMAIL_KEY)
    limiter.undo(EMAIL_KEY)  # nothing left to take back
    assert not vars(limiter)["_hits"]


def test_memory_is_bounded() -> None:
    clock = FakeClock()
    limiter = SlidingWindowLimiter(1, 60, clock, max_keys=10)
    for n in range(100):
        limiter.try_hit(f"ip:10.0.0.{n}")
    assert len(vars(limiter)["_hits"]) <= 10
    assert limiter.try_hit("ip:10.0.0.99") is not None  # the newest are kept


def test_keys_are_kept_only_as_keyed_hashes() -> None:
    limiter = SlidingWindowLimiter(5, 60, FakeClock())
    other = SlidingWindowLimiter(5, 60, FakeClock())
    for each in (limiter, other):
        each.try_hit(EMAIL_KEY)
    state = repr(vars(limiter))
    assert "lina" not in state and "example.org" not in state
    # Per-limiter random keys: the same email leaves no common trace between limiters.
    assert set(vars(limiter)["_hits"]).isdisjoint(vars(other)["_hits"])
