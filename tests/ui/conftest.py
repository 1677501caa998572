"""Fixtures for the catalog UI tests: a real reference server, a TaskRunner and a PreviewService.

Every test gets its own server, runner and preview service, and all of them are stopped and waited
for before the test ends (CONVENTIONS habit 6).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from weshape_desktop.core.api import ApiClient
from weshape_desktop.server.app import create_app
from weshape_desktop.server.catalog_source import load_catalog
from weshape_desktop.server.runner import ServerThread
from weshape_desktop.server.settings import ServerSettings
from weshape_desktop.ui.previews import PreviewService
from weshape_desktop.ui.tasks import TaskRunner


@dataclass(frozen=True)
class LiveCatalog:
    """A running server and facts about its catalog the tests check against."""

    url: str
    total: int
    category: str  # a category with some, but not all, items
    category_count: int


@pytest.fixture
def live() -> Iterator[LiveCatalog]:
    """The reference server on the bundled sample catalog, for this test only."""
    catalog = load_catalog()
    entries = catalog.entries
    category = entries[0].category
    count = sum(e.category == category for e in entries)
    assert 0 < count < len(entries)
    with ServerThread(create_app(ServerSettings(), catalog=catalog)) as server:
        yield LiveCatalog(server.url, len(entries), category, count)


@pytest.fixture
def refused_url() -> str:
    """A loopback URL where nothing listens: bind a port, then free it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def api_for() -> Iterator[Callable[[str], ApiClient]]:
    """`api_for(url)`: a client without retries, so a refused connection fails at once."""
    clients: list[ApiClient] = []

    def build(url: str) -> ApiClient:
        clients.append(ApiClient(url, timeout=10.0, retries=0))
        return clients[-1]

    yield build
    for client in clients:
        client.close()


@pytest.fixture
def tasks(qapp) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    assert runner.wait_idle(), "background tasks still running"


@pytest.fixture
def previews(qapp, live: LiveCatalog, weshape_home: Path) -> Iterator[PreviewService]:
    """Previews rendered from the live server's files; its worker processes stop afterwards."""
    service = PreviewService(weshape_home / "cache", f"{live.url}/v1/files/{{sha256}}", workers=1)
    yield service
    service.shutdown()
