"""Fresh state for every test (CONVENTIONS habit 6): own WESHAPE_HOME, no leftover threads."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("DO_NOT_TRACK", None)


@pytest.fixture(autouse=True)
def weshape_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Everything the app writes goes under a per-test folder."""
    home = tmp_path / "weshape-home"
    monkeypatch.setenv("WESHAPE_HOME", str(home))
    monkeypatch.delenv("WESHAPE_SERVER", raising=False)
    return home


@pytest.fixture(autouse=True)
def no_leftover_threads() -> Iterator[None]:
    """Fail a test that leaves a Python thread or child process running."""
    before = set(threading.enumerate())
    yield
    leftovers = []
    for thread in set(threading.enumerate()) - before:
        if isinstance(thread, threading._DummyThread):  # Qt pool threads seen by Python
            continue
        thread.join(timeout=10)
        if thread.is_alive():
            leftovers.append(thread.name)
    children = multiprocessing.active_children()
    assert not leftovers, f"test left threads running: {leftovers}"
    assert not children, f"test left child processes running: {children}"
