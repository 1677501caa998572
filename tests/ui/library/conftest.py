"""Fixtures for the library view tests: a real LibraryStore with its folder, and previews that
render library files (no server: its address is refused, so fallbacks fail fast)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from weshape_desktop.core.library import LibraryStore
from weshape_desktop.ui.previews import PreviewService
from weshape_desktop.ui.tasks import TaskRunner


@dataclass
class Library:
    store: LibraryStore
    folder: Path


@pytest.fixture
def library(tmp_path: Path, tasks: TaskRunner) -> Iterator[Library]:
    """An empty library (store + folder); closed after the test's background work is done."""
    lib = Library(LibraryStore(tmp_path / "library.db"), tmp_path / "library")
    lib.folder.mkdir()
    yield lib
    tasks.wait_idle()
    lib.store.close()


@pytest.fixture
def local_previews(qapp, weshape_home: Path, refused_url: str) -> Iterator[PreviewService]:
    """Previews from library files; the server fallback is a refused address (fails fast)."""
    service = PreviewService(weshape_home / "cache", f"{refused_url}/{{sha256}}", workers=1)
    yield service
    service.shutdown()
