"""DownloadsController against the real reference server, a real LibraryStore and real files."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urlsplit

from PySide6.QtCore import QThread

from tests.conftest import LiveCatalog
from tests.core.downloads.support import Fault, Served, illustration
from tests.ui.downloads.conftest import TIMEOUT, MakeController
from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.downloads.queue import PARTS_DIR
from weshape_desktop.core.errors import DownloadDamagedError, OfflineError
from weshape_desktop.core.models import CatalogQuery
from weshape_desktop.core.svg import sanitize_svg
from weshape_desktop.server.app import create_app
from weshape_desktop.server.catalog_source import load_catalog
from weshape_desktop.server.runner import ServerThread
from weshape_desktop.server.settings import ServerSettings
from weshape_desktop.ui.downloads.controller import FLUSH_MS, DownloadsController
from weshape_desktop.ui.tasks import TaskRunner, describe_error


def state_of(controller: DownloadsController, key: str) -> str:
    state = controller.state(key)
    return state.state if state else ""


def bytes_done(controller: DownloadsController, key: str) -> int:
    state = controller.state(key)
    return state.bytes_done if state else 0


def part_files(library_dir: Path) -> list[Path]:
    return list((library_dir / PARTS_DIR).glob("*.part"))


def test_twenty_real_items_arrive_on_the_gui_thread(
    qtbot, live: LiveCatalog, make_controller: MakeController, library_dir: Path, store
) -> None:
    api = ApiClient(live.url, retries=0)
    try:
        items = api.catalog(CatalogQuery(), limit=20).items
        blobs = {i.sha256: api.file_bytes(i.sha256) for i in items}
    finally:
        api.close()
    assert len(items) == 20
    controller, seen = make_controller(live.url)
    started = time.monotonic()
    keys = [controller.enqueue(item) for item in items]

    qtbot.waitUntil(lambda: len(seen.finished) == 20, timeout=TIMEOUT)
    assert seen.threads == {QThread.currentThread()}, "every signal arrives on the GUI thread"
    assert sorted(s.key for s in seen.finished) == sorted(keys)
    for state in seen.finished:
        assert state.path is not None and state.path.parent == library_dir
        assert state.path.read_bytes() == sanitize_svg(blobs[state.item.sha256])
    entries = store.entries([i.id for i in items])
    assert sorted((e.item.id, e.path) for e in entries) == sorted(
        (s.item.id, s.path.name) for s in seen.finished
    )
    assert store.downloads() == [], "finished downloads leave no queue rows"
    total = sum(i.bytes for i in items)
    qtbot.waitUntil(lambda: controller.summary() == (0, total, total), timeout=TIMEOUT)
    # Totals are sent from the coalescing timer: at most ~10 a second, not one per event.
    elapsed = time.monotonic() - started
    assert len(seen.summaries) <= elapsed / (FLUSH_MS / 1000) + 2
    assert seen.failed == []


def test_pause_then_resume_continues_the_part_file(
    qtbot, served: Served, make_controller: MakeController
) -> None:
    served.faults.plan = [Fault(stall=True)]  # half the file, then nothing until paused
    controller, seen = make_controller(served.url)
    item = served.items()[0]
    key = controller.enqueue(item)
    assert served.faults.stalled.acquire(timeout=TIMEOUT / 1000)
    qtbot.waitUntil(lambda: bytes_done(controller, key) > 0, timeout=TIMEOUT)

    controller.pause(key)
    qtbot.waitUntil(lambda: state_of(controller, key) == "paused", timeout=TIMEOUT)
    assert controller.summary()[0] == 0
    controller.resume(key)
    qtbot.waitUntil(lambda: len(seen.finished) == 1, timeout=TIMEOUT)
    ranges = [r.range for r in served.faults.files_requests()]
    assert ranges[0] is None and ranges[1] and ranges[1].startswith("bytes=")
    assert seen.finished[0].path.read_bytes() == sanitize_svg(served.blob(item.sha256))


def test_cancel_deletes_the_part_file(
    qtbot, served: Served, make_controller: MakeController, library_dir: Path, store
) -> None:
    served.faults.plan = [Fault(stall=True)]
    controller, seen = make_controller(served.url)
    key = controller.enqueue(served.items()[1])
    assert served.faults.stalled.acquire(timeout=TIMEOUT / 1000)
    controller.cancel(key)
    qtbot.waitUntil(lambda: state_of(controller, key) == "cancelled", timeout=TIMEOUT)
    assert part_files(library_dir) == []
    assert [p for p in library_dir.iterdir() if p.name != PARTS_DIR] == []
    assert store.downloads() == [] and seen.finished == []

    controller.clear_finished()
    assert controller.states() == [] and controller.summary() == (0, 0, 0)


def test_a_damaged_file_fails_with_a_translated_message_and_retry_works(
    qtbot, served: Served, make_controller: MakeController
) -> None:
    served.faults.default = Fault(corrupt=True)
    controller, seen = make_controller(served.url, damaged_retries=0)  # no fetching it again
    item = served.items()[2]
    key = controller.enqueue(item)
    qtbot.waitUntil(lambda: len(seen.failed) == 1, timeout=TIMEOUT)
    failed = seen.failed[0]
    assert isinstance(failed.error, DownloadDamagedError)
    assert describe_error(failed.error) == (
        f"The downloaded file for “{item.title['en']}” was damaged (checksum mismatch). Try again."
    )
    assert controller.summary()[0] == 0

    served.faults.default = None
    controller.retry(key)
    qtbot.waitUntil(lambda: len(seen.finished) == 1, timeout=TIMEOUT)
    assert seen.finished[0].path.read_bytes() == sanitize_svg(served.blob(item.sha256))


def test_a_missing_file_fails_and_is_listed_again_after_a_restart(
    qtbot, served: Served, make_controller: MakeController
) -> None:
    served.faults.default = Fault(status=404)
    controller, seen = make_controller(served.url)
    key = controller.enqueue(served.items()[3])
    qtbot.waitUntil(lambda: len(seen.failed) == 1, timeout=TIMEOUT)
    assert controller.stop()

    served.faults.default = None
    again, seen_again = make_controller(served.url)
    qtbot.waitUntil(lambda: state_of(again, key) == "failed", timeout=TIMEOUT)
    assert again.state(key).error_text == "This illustration is no longer in the catalog."
    again.retry(key)
    qtbot.waitUntil(lambda: len(seen_again.finished) == 1, timeout=TIMEOUT)


def test_a_paused_download_is_back_after_a_restart(
    qtbot, served: Served, make_controller: MakeController, library_dir: Path
) -> None:
    served.faults.plan = [Fault(stall=True)]
    controller, _ = make_controller(served.url)
    item = served.items()[4]
    key = controller.enqueue(item)
    assert served.faults.stalled.acquire(timeout=TIMEOUT / 1000)
    qtbot.waitUntil(lambda: bytes_done(controller, key) > 0, timeout=TIMEOUT)
    controller.pause(key)
    qtbot.waitUntil(lambda: state_of(controller, key) == "paused", timeout=TIMEOUT)
    assert controller.stop()
    assert len(part_files(library_dir)) == 1

    restarted, seen = make_controller(served.url)
    qtbot.waitUntil(lambda: state_of(restarted, key) == "paused", timeout=TIMEOUT)
    restored = restarted.state(key)
    assert 0 < restored.bytes_done < item.bytes and restored.item == item
    restarted.resume(key)
    qtbot.waitUntil(lambda: len(seen.finished) == 1, timeout=TIMEOUT)
    assert served.faults.files_requests()[-1].range == f"bytes={restored.bytes_done}-"
    assert seen.finished[0].path.read_bytes() == sanitize_svg(served.blob(item.sha256))


def test_waiting_items_resume_when_the_server_comes_back(
    qtbot, make_controller: MakeController, refused_url: str
) -> None:
    catalog = load_catalog()
    item = illustration(catalog.entries[0])
    controller, seen = make_controller(refused_url, max_attempts=1)
    key = controller.enqueue(item)
    qtbot.waitUntil(
        lambda: (s := controller.state(key)) is not None and s.waiting_for_network,
        timeout=TIMEOUT,
    )
    assert isinstance(controller.state(key).error, OfflineError)

    app = create_app(ServerSettings(require_account_for_downloads=False), catalog=catalog)
    with ServerThread(app, port=urlsplit(refused_url).port or 0):
        qtbot.waitUntil(lambda: len(seen.finished) == 1, timeout=TIMEOUT)
    assert seen.finished[0].path.read_bytes() == sanitize_svg(
        catalog.files[item.sha256].read_bytes()
    )


def test_a_new_server_resumes_the_waiting_items(
    qtbot, live: LiveCatalog, make_controller: MakeController, refused_url: str
) -> None:
    item = illustration(load_catalog().entries[1])
    controller, seen = make_controller(refused_url, max_attempts=1)
    key = controller.enqueue(item)
    qtbot.waitUntil(
        lambda: (s := controller.state(key)) is not None and s.waiting_for_network,
        timeout=TIMEOUT,
    )
    api = ApiClient(live.url, retries=0)
    try:
        controller.set_api(api)
        qtbot.waitUntil(lambda: len(seen.finished) == 1, timeout=TIMEOUT)
    finally:
        assert controller.stop()
        api.close()


def test_stop_without_start_and_twice_is_harmless(qapp, tasks: TaskRunner) -> None:
    controller = DownloadsController(tasks)
    assert controller.stop() and controller.stop()
    controller.enqueue(illustration(load_catalog().entries[0]))  # ignored: nothing started
    assert controller.states() == []
