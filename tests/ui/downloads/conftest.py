"""Fixtures for the Downloads panel tests: a real LibraryStore and library folder, controllers that
are always stopped, and the fault-injecting file server of the core download tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.core.downloads.support import Served, serve
from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.downloads import DownloadState
from weshape_desktop.core.library import LibraryStore
from weshape_desktop.ui.downloads import DownloadsController
from weshape_desktop.ui.i18n import Translations
from weshape_desktop.ui.tasks import TaskRunner

TIMEOUT = 30_000


@pytest.fixture
def library_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    return folder


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LibraryStore]:
    s = LibraryStore(tmp_path / "library.db")
    yield s
    s.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    """A small generated catalog whose file requests can be stalled, cut or damaged."""
    yield from serve(tmp_path / "catalog", 6)


@dataclass
class Recorder:
    """What a controller signalled, with the thread each signal arrived on."""

    changed: list[DownloadState] = field(default_factory=list)
    finished: list[DownloadState] = field(default_factory=list)
    failed: list[DownloadState] = field(default_factory=list)
    summaries: list[tuple[int, int, int]] = field(default_factory=list)
    threads: set[Any] = field(default_factory=set)

    def attach(self, controller: DownloadsController) -> None:
        from PySide6.QtCore import QThread

        def note(bucket: list[Any]) -> Callable[[Any], None]:
            def record(value: Any) -> None:
                self.threads.add(QThread.currentThread())
                bucket.append(value)

            return record

        controller.changed.connect(note(self.changed))
        controller.finished.connect(note(self.finished))
        controller.failed.connect(note(self.failed))
        controller.summary_changed.connect(lambda *s: self.summaries.append(s))


MakeController = Callable[..., tuple[DownloadsController, Recorder]]


@pytest.fixture
def make_controller(
    qapp: Any, tasks: TaskRunner, library_dir: Path, store: LibraryStore
) -> Iterator[MakeController]:
    """`make_controller(url, **start_options)`: a started controller (fast network probes) and a
    recorder of its signals; every one is stopped after the test."""
    made: list[tuple[DownloadsController, ApiClient]] = []

    def make(url: str, **options: Any) -> tuple[DownloadsController, Recorder]:
        controller = DownloadsController(tasks, probe_first_ms=50, probe_max_ms=400)
        recorder = Recorder()
        recorder.attach(controller)
        api = ApiClient(url, timeout=10.0, retries=0)
        made.append((controller, api))
        controller.start(api, library_dir, store, lang=options.pop("lang", "en"), **options)
        return controller, recorder

    yield make
    for controller, api in made:
        assert controller.stop(), "the download queue did not stop in time"
        api.close()


@pytest.fixture
def translations(qapp: Any) -> Iterator[Translations]:
    translations = Translations(qapp)
    translations.apply("en")
    yield translations
    translations.apply("en")  # the app object outlives the test
