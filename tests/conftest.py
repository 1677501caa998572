"""Fresh state for every test (CONVENTIONS habit 6): own WESHAPE_HOME, no leftover threads."""

from __future__ import annotations

import multiprocessing
import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import requires, version
from pathlib import Path

import pytest

from tests.scripted_http import refused_url
from weshape_desktop.server.app import create_app
from weshape_desktop.server.catalog_source import load_catalog
from weshape_desktop.server.runner import ServerThread
from weshape_desktop.server.settings import ServerSettings

pytest_plugins = ["tests.s3_emulator"]  # the s3_endpoint fixture

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


def pytest_report_header() -> list[str]:
    """The resolved versions of the app's direct dependencies, once per run."""
    names = {re.split(r"[\s;<>=!~\[]", req)[0] for req in requires("weshape-desktop") or []}
    found = sorted(f"{n} {version(n)}" for n in names - {"weshape-desktop"})
    return ["dependencies: " + ", ".join(found)]


@dataclass(frozen=True)
class LiveCatalog:
    """A running server and facts about its catalog the tests check against."""

    url: str
    total: int  # illustrations: the catalog grid's cards
    category: str  # a category with some, but not all, illustrations
    category_count: int


@pytest.fixture
def live() -> Iterator[LiveCatalog]:
    """The reference server on the bundled sample catalog, for this test only."""
    catalog = load_catalog()
    entries = catalog.entries
    category = entries[0].category
    # The app asks for one item per illustration (family), so the totals count those.
    total = len({e.family for e in entries})
    count = len({e.family for e in entries if e.category == category})
    assert 0 < count < total
    with ServerThread(
        create_app(ServerSettings(require_account_for_downloads=False), catalog=catalog)
    ) as server:
        yield LiveCatalog(server.url, total, category, count)


@pytest.fixture
def live_server(live: LiveCatalog) -> str:
    return live.url


@pytest.fixture(name="refused_url")
def refused_url_fixture() -> str:
    """A loopback URL where nothing listens."""
    return refused_url()
