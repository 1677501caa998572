"""PreviewService: process-pool rendering, disk cache, priorities, hostile files, time budget."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QColor

from tests.held_requests import HeldRequests
from tests.server.conftest import build_catalog, start_test_server
from weshape_desktop.ui.previews import PreviewService, service as previews

WAIT_MS = 20_000  # a cold worker spawn imports Qt; generous so slow CI machines don't flake


def svg(color: str, width: int = 20, height: int = 10) -> bytes:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">'
        f'<rect width="{width}" height="{height}" fill="{color}"/></svg>'
    ).encode()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE svg [
 <!ENTITY a "aaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<svg xmlns="http://www.w3.org/2000/svg"><text>&d;&d;&d;&d;</text></svg>"""


class PreviewFiles:
    """The real reference server's /v1/previews, serving whatever files a test adds (broken and
    hostile ones too). `hold(digest)` keeps a file's requests waiting until the returned Event is
    set; every hold is released at teardown (no sleeps anywhere)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.catalog = build_catalog(folder, 0)
        self.held = HeldRequests()
        self.server = start_test_server(self.catalog, middleware=self.held.wrap)
        self.template = f"{self.server.url}/v1/previews/{{sha256}}"

    def add(self, data: bytes) -> str:
        digest = sha(data)
        path = self.folder / f"{digest}.svg"
        path.write_bytes(data)
        self.catalog.files[digest] = path
        return digest

    def hold(self, digest: str) -> threading.Event:
        return self.held.hold(digest)

    def requested(self, digest: str) -> int:
        """How many times the file was asked for."""
        return sum(digest in path for path in self.held.paths)

    def close(self) -> None:
        self.held.release_all()
        self.server.stop()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[PreviewFiles]:
    files = PreviewFiles(tmp_path / "served")
    yield files
    files.close()


@pytest.fixture
def make_service(
    qtbot, server: PreviewFiles, tmp_path: Path
) -> Iterator[Callable[..., PreviewService]]:
    services: list[PreviewService] = []

    def make(**options: object) -> PreviewService:
        service = PreviewService(tmp_path / "cache", server.template, **options)  # type: ignore[arg-type]
        services.append(service)
        return service

    yield make
    for service in services:
        service.shutdown()
    assert not multiprocessing.active_children()
    assert not [t for t in threading.enumerate() if t.name == "preview-dispatcher"]


def test_renders_caches_on_disk_and_serves_the_cache_without_a_worker(
    qtbot, server: PreviewFiles, make_service, tmp_path: Path
) -> None:
    digest = server.add(svg("#ff0000"))
    service = make_service()
    assert not multiprocessing.active_children(), "workers must start lazily"
    assert service.pixmap(digest, 64) is None

    with qtbot.waitSignal(service.ready, timeout=WAIT_MS) as blocker:
        assert service.request(digest, 64, priority=0)
        assert service.pending_count() == 1
    assert blocker.args == [digest, 64]
    assert service.pending_count() == 0

    pixmap = service.pixmap(digest, 64)
    assert pixmap is not None and (pixmap.width(), pixmap.height()) == (64, 64)
    image = pixmap.toImage()
    assert image.pixelColor(32, 32) == QColor("#ff0000")  # 20×10 drawn centred, aspect kept
    assert image.pixelColor(32, 4).alpha() == 0
    assert image.pixelColor(32, 59).alpha() == 0
    cached = service.cache_path(digest, 64)
    assert cached.parent == tmp_path / "cache" / "previews" / "64" / digest[:2]
    assert cached.is_file()
    assert not [p for p in cached.parent.iterdir() if p.suffix == ".tmp"]
    assert not service.request(digest, 64, priority=0), "cached: no second render"
    service.shutdown()
    assert not multiprocessing.active_children()

    fresh = make_service()  # a new run: empty memory cache, same disk cache
    assert fresh.pixmap(digest, 64) is not None
    assert not fresh.request(digest, 64, priority=0)
    assert fresh.pending_count() == 0
    assert not multiprocessing.active_children(), "served from disk without a worker"
    assert server.requested(digest) == 1


def test_workers_render_below_the_apps_priority(qtbot, server: PreviewFiles, make_service) -> None:
    # On a machine with as many cores as workers, rendering at the app's priority took the CPU
    # from the GUI thread mid-paint.
    digest = server.add(svg("#00ff00"))
    service = make_service()
    with qtbot.waitSignal(service.ready, timeout=WAIT_MS):
        service.request(digest, 32, priority=0)
    [worker, *_] = multiprocessing.active_children()
    own = os.getpriority(os.PRIO_PROCESS, 0)
    assert os.getpriority(os.PRIO_PROCESS, worker.pid) >= min(own + 10, 19)


def test_a_damaged_or_cut_short_cache_file_is_drawn_again(
    qtbot, server: PreviewFiles, make_service
) -> None:
    digest = server.add(svg("#00ff00"))
    service = make_service()
    path = service.cache_path(digest, 64)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"WSP1\x40\x00\x40\x00 not LZ4 at all")
    assert service.pixmap(digest, 64) is None
    assert not path.exists(), "a damaged file is removed"
    with qtbot.waitSignal(service.ready, timeout=WAIT_MS):
        assert service.request(digest, 64)
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])  # as if the disk filled up mid-write
    fresh = make_service()
    assert fresh.pixmap(digest, 64) is None
    with qtbot.waitSignal(fresh.ready, timeout=WAIT_MS):
        assert fresh.request(digest, 64)
    pixmap = make_service().pixmap(digest, 64)  # from the disk again
    assert pixmap is not None and pixmap.toImage().pixelColor(32, 32) == QColor("#00ff00")


def test_visible_items_render_first_in_the_order_given(
    qtbot, server: PreviewFiles, make_service
) -> None:
    gate = server.add(svg("#ffffff"))
    opened = server.hold(gate)
    keys = [(server.add(svg(f"#0000{i:02x}")), 32) for i in range(6)]
    service = make_service(workers=1)
    order: list[tuple[str, int]] = []
    service.ready.connect(lambda digest, size: order.append((digest, size)))

    service.request(gate, 32, priority=0)  # keeps the only worker busy while we queue
    qtbot.waitUntil(lambda: server.requested(gate), timeout=WAIT_MS)
    for priority, (digest, size) in zip([5, 4, 3, 2, 1, 0], keys, strict=True):
        service.request(digest, size, priority=priority)
    service.request(*keys[4], priority=9)  # a later, worse priority doesn't demote it
    service.prioritize([keys[1], keys[3], ("f" * 64, 32)])  # unknown keys are ignored
    assert service.pending_count() == 7
    opened.set()

    qtbot.waitUntil(lambda: len(order) == 7, timeout=WAIT_MS)
    expected = [(gate, 32), keys[1], keys[3], keys[5], keys[4], keys[2], keys[0]]
    assert order == expected


def test_broken_and_missing_files_fail_with_a_reason(
    qtbot, server: PreviewFiles, make_service
) -> None:
    broken = server.add(b'<svg xmlns="http://www.w3.org/2000/svg"><g></svg>')
    missing = "0" * 64
    service = make_service()
    failures: dict[str, str] = {}
    service.failed.connect(lambda digest, size, reason: failures.__setitem__(digest, reason))

    service.request(broken, 48, priority=0)
    service.request(missing, 48, priority=0)
    qtbot.waitUntil(lambda: len(failures) == 2, timeout=WAIT_MS)
    assert "well-formed" in failures[broken]
    assert "404" in failures[missing]
    assert service.pixmap(broken, 48) is None
    assert service.failure_reason(broken, 48) == failures[broken]
    assert not service.request(broken, 48, priority=0), "a failed item is not retried in a loop"
    service.forget_failures()
    assert service.request(broken, 48, priority=0)


def test_unsafe_svg_fails_with_the_reason(qtbot, server: PreviewFiles, make_service) -> None:
    digest = server.add(BILLION_LAUGHS)
    service = make_service()
    with qtbot.waitSignal(service.failed, timeout=WAIT_MS) as blocker:
        service.request(digest, 64, priority=0)
    assert blocker.args[:2] == [digest, 64]
    assert "entities" in blocker.args[2]


def test_invalid_reference_fails_without_touching_the_disk(
    qtbot, make_service, tmp_path: Path
) -> None:
    service = make_service()
    with qtbot.waitSignal(service.failed, timeout=WAIT_MS) as blocker:
        assert not service.request("../../etc/passwd", 64, priority=0)
    assert "invalid" in blocker.args[2]
    assert not multiprocessing.active_children()
    assert not (tmp_path / "cache").exists()


def test_overrunning_worker_is_killed_and_replaced(
    qtbot, server: PreviewFiles, make_service
) -> None:
    slow = server.add(svg("#00ff00"))
    server.hold(slow)  # answered only at teardown
    good = server.add(svg("#0000ff"))
    service = make_service(workers=1, time_budget_s=2.0)

    service.request(slow, 64, priority=0)
    service.request(good, 64, priority=1)
    qtbot.waitUntil(lambda: server.requested(slow), timeout=WAIT_MS)
    [first_worker] = multiprocessing.active_children()
    with qtbot.waitSignal(service.failed, timeout=WAIT_MS) as failed:
        pass
    assert failed.args[:2] == [slow, 64]
    assert "longer than 2 seconds" in failed.args[2]
    with qtbot.waitSignal(service.ready, timeout=WAIT_MS) as ready:
        pass
    assert ready.args == [good, 64]
    assert not first_worker.is_alive()
    assert [p.pid for p in multiprocessing.active_children()] != [first_worker.pid]


def test_a_worker_that_dies_fails_its_job_and_is_replaced(
    qtbot, server: PreviewFiles, make_service
) -> None:
    doomed = server.add(svg("#123456"))
    server.hold(doomed)  # answered only at teardown
    good = server.add(svg("#654321"))
    service = make_service(workers=1)

    service.request(doomed, 64, priority=0)
    qtbot.waitUntil(lambda: server.requested(doomed), timeout=WAIT_MS)
    [worker] = multiprocessing.active_children()
    with qtbot.waitSignal(service.failed, timeout=WAIT_MS) as failed:
        os.kill(worker.pid, signal.SIGKILL)  # a crash inside QtSvg looks like this
    assert failed.args[:2] == [doomed, 64]
    assert "stopped unexpectedly" in failed.args[2]
    with qtbot.waitSignal(service.ready, timeout=WAIT_MS) as ready:
        service.request(good, 64, priority=0)
    assert ready.args == [good, 64]


def test_cancel_pending_drops_queued_work_only(qtbot, server: PreviewFiles, make_service) -> None:
    gate = server.add(svg("#111111"))
    opened = server.hold(gate)
    others = [server.add(svg(f"#22{i:02x}22")) for i in range(4)]
    service = make_service(workers=1)
    readies: list[str] = []
    service.ready.connect(lambda digest, size: readies.append(digest))

    service.request(gate, 32, priority=0)
    qtbot.waitUntil(lambda: server.requested(gate), timeout=WAIT_MS)
    for digest in others:
        service.request(digest, 32, priority=0)
    assert service.pending_count() == 5
    service.cancel_pending()
    assert service.pending_count() == 1  # the one being rendered still reports
    opened.set()
    qtbot.waitUntil(lambda: service.pending_count() == 0, timeout=WAIT_MS)
    assert readies == [gate]
    with qtbot.waitSignal(service.ready, timeout=WAIT_MS):
        assert service.request(others[0], 32, priority=0)  # cancelled items can be asked again


def test_a_long_fling_keeps_only_the_most_urgent_renders_queued(
    qtbot, server: PreviewFiles, make_service, monkeypatch
) -> None:
    monkeypatch.setattr(previews, "QUEUE_LIMIT", 8)
    gate = server.add(svg("#111111"))
    opened = server.hold(gate)
    flown_past = [server.add(svg(f"#44{i:02x}44")) for i in range(20)]
    service = make_service(workers=1)
    readies: list[str] = []
    service.ready.connect(lambda digest, size: readies.append(digest))

    service.request(gate, 32, priority=0)
    qtbot.waitUntil(lambda: server.requested(gate), timeout=WAIT_MS)
    # Tiles painted one after another, each sooner than the last (as the grid asks).
    for seq, digest in enumerate(flown_past):
        service.request(digest, 32, priority=-seq)
        assert service.pending_count() <= 8 + 1  # the queue, and the one rendering
    opened.set()
    qtbot.waitUntil(lambda: service.pending_count() == 0, timeout=WAIT_MS)
    # The latest painted were kept (most recent first); the rest can be asked for again.
    assert readies[0] == gate and set(readies[1:]) == set(flown_past[-len(readies) + 1 :])
    assert readies[1:] == sorted(readies[1:], key=flown_past.index, reverse=True)
    with qtbot.waitSignal(service.ready, timeout=WAIT_MS):
        assert service.request(flown_past[0], 32, priority=0)


def test_shutdown_mid_work_leaves_nothing_running(
    qtbot, server: PreviewFiles, make_service
) -> None:
    slow = server.add(svg("#abcdef"))
    server.hold(slow)  # answered only at teardown
    digests = [server.add(svg(f"#33{i:02x}33")) for i in range(20)]
    service = make_service(workers=2)
    service.request(slow, 64, priority=0)
    for digest in digests:
        service.request(digest, 64, priority=1)
    qtbot.waitUntil(lambda: server.requested(slow), timeout=WAIT_MS)

    service.shutdown()
    assert not multiprocessing.active_children()
    assert not [t for t in threading.enumerate() if t.name == "preview-dispatcher"]
    service.shutdown()  # idempotent
    assert not service.request(digests[0], 128, priority=0)
    assert service.pending_count() == 0


def test_qt_messages_while_drawing_go_to_the_apps_log_not_the_terminal(
    qtbot, server: PreviewFiles, make_service, caplog, capfd
) -> None:
    """Real-world files make QtSvg warn ("Could not resolve property"), once per reference: the
    worker hands a few of them to the app, which logs them with the file they came from."""
    dangling = b"".join(
        [
            b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">',
            b'<rect width="10" height="10" fill="url(#nowhere)"/>' * 50,
            b"</svg>",
        ]
    )
    digest = server.add(dangling)
    service = make_service()
    pool_log = "weshape_desktop.ui.previews.pool"
    with caplog.at_level("INFO", logger=pool_log), qtbot.waitSignal(service.ready, timeout=WAIT_MS):
        service.request(digest, 32, priority=0)
    notes = [r.getMessage() for r in caplog.records if "while drawing" in r.getMessage()]
    assert notes and all(digest[:12] in note for note in notes)
    assert any("nowhere" in note for note in notes) and len(notes) <= 5
    assert "nowhere" not in capfd.readouterr().err


def test_the_apps_own_qt_messages_are_logged(caplog) -> None:
    from PySide6.QtCore import qWarning

    from weshape_desktop.ui.qt_messages import route_qt_messages

    route_qt_messages()
    try:
        with caplog.at_level("WARNING", logger="qt"):
            qWarning("a note from Qt")
        assert [r.getMessage() for r in caplog.records] == ["default: a note from Qt"]
    finally:
        from PySide6.QtCore import qInstallMessageHandler

        qInstallMessageHandler(None)
