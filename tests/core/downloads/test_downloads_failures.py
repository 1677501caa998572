"""The download queue when things go wrong: damaged or cut bodies, server errors, rate limits,
hostile files, a full or read-only disk, a missing library folder (DESIGN §7, §11)."""

from __future__ import annotations

import errno
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import pytest

from tests.core.downloads.support import (
    TIMEOUT_S,
    Events,
    Fault,
    MakeQueue,
    Served,
    Sleeper,
    persisted,
    serve,
)
from tests.tmpfs import remount, tmpfs
from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.auth import AuthSession
from weshape_desktop.core.auth.credentials import CredentialStore
from weshape_desktop.core.downloads import files as download_files
from weshape_desktop.core.downloads.queue import PARTS_DIR, DownloadState
from weshape_desktop.core.errors import (
    DiskFullError,
    DownloadDamagedError,
    DownloadIncompleteError,
    LibraryFolderMissingError,
    LibraryNotWritableError,
    NotFoundError,
    OfflineError,
    PngExportError,
    ServerError,
    SignInRequiredError,
    UnsafeDownloadError,
)
from weshape_desktop.core.library import LibraryStore
from weshape_desktop.core.svg import sanitize_svg

SCRIPT_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)">'
    b'<script>alert(1)</script><rect width="5" height="5"/></svg>'
)
BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    b'<svg xmlns="http://www.w3.org/2000/svg">&lol3;</svg>'
)
HUGE_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="50000" height="50000"><rect/></svg>'
BIG_SVG = (  # ~400 kB: more than the tiny tmpfs holds, and too big to skip its part file
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    + b"<!-- "
    + b"x" * 400_000
    + b" --></svg>"
)
EXTRA = {"script": SCRIPT_SVG, "laughs": BILLION_LAUGHS, "huge": HUGE_SVG, "big": BIG_SVG}

pytest_plugins = ["tests.core.downloads.support"]


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    yield from serve(tmp_path / "catalog", 6, EXTRA)


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "Existing-keep.svg").write_bytes(b"<svg/>")  # a file the library already had
    return folder


def item_by_id(served: Served, item_id: str, **changes: Any) -> Any:
    return next(i for i in served.items(**changes) if i.id == item_id)


def settle(events: Events, key: str) -> DownloadState:
    return events.wait_state(key, "done", "failed", "paused").state


def assert_library_intact(library: Path) -> None:
    """Only the file that was there before; no temp file, no half-written final file."""
    assert sorted(p.name for p in library.iterdir() if p.name != PARTS_DIR) == ["Existing-keep.svg"]
    assert (library / "Existing-keep.svg").read_bytes() == b"<svg/>"


def test_a_damaged_transfer_is_fetched_again_without_bothering_the_user(
    make_queue: MakeQueue, served: Served, library: Path, events: Events, sleeper: Sleeper
) -> None:
    served.faults.plan = [Fault(corrupt=True)]  # one damaged body, then the real one
    item = served.items()[1]
    key = make_queue().enqueue(item)
    state = settle(events, key)
    assert state.state == "done" and state.path is not None
    assert "failed" not in events.kinds(key)
    assert [r.range for r in served.faults.files_requests()] == [None, None], "from scratch"
    assert len(sleeper.waits) == 1 and 0.375 <= sleeper.waits[0] <= 0.625
    assert list((library / PARTS_DIR).iterdir()) == []


def test_a_body_that_ignores_range_and_is_garbage_is_fetched_again(
    make_queue: MakeQueue, served: Served, library: Path, events: Events
) -> None:
    """A resumed transfer answered with 200 and the wrong bytes: the part is dropped, the file
    fetched again from the start."""
    item = served.items()[2]
    parts = library / PARTS_DIR
    parts.mkdir(mode=0o700)
    (parts / f"{item.sha256}.svg.part").write_bytes(served.blob(item.sha256)[:10])
    served.faults.plan = [Fault(ignore_range=True, corrupt=True)]
    state = settle(events, make_queue().enqueue(item))
    assert state.state == "done" and state.path is not None
    assert [r.range for r in served.faults.files_requests()] == ["bytes=10-", None]


def test_always_damaged_fails_after_the_retries(
    make_queue: MakeQueue, served: Served, library: Path, events: Events, sleeper: Sleeper
) -> None:
    served.faults.default = Fault(corrupt=True)  # the server sends bytes that don't match
    item = served.items()[1]
    queue = make_queue()
    state = settle(events, queue.enqueue(item))
    assert state.state == "failed"
    assert isinstance(state.error, DownloadDamagedError)
    assert state.error_text == (
        "The downloaded file for “Name card” was damaged (checksum mismatch). Try again."
    )
    assert len(served.faults.files_requests()) == 3, "the first try and two more"
    first, second = sleeper.waits
    assert 0.375 <= first <= 0.625 and 0.75 <= second <= 1.25
    assert list((library / PARTS_DIR).iterdir()) == []
    assert_library_intact(library)


def test_cancel_during_the_backoff_after_damage_is_prompt(
    make_queue: MakeQueue, served: Served, library: Path, events: Events
) -> None:
    backing_off = threading.Event()

    def sleeper(abort: threading.Event, seconds: float) -> None:
        backing_off.set()
        abort.wait(seconds)  # what the queue does without a sleeper

    served.faults.default = Fault(corrupt=True)
    queue = make_queue(sleeper=sleeper, backoff_s=600.0)
    key = queue.enqueue(served.items()[1])
    assert backing_off.wait(TIMEOUT_S)
    started = time.monotonic()
    queue.cancel(key)
    assert events.wait_state(key, "cancelled", "failed").state.state == "cancelled"
    assert time.monotonic() - started < 5.0, "the backoff must end when the job is cancelled"
    assert len(served.faults.files_requests()) == 1
    assert list((library / PARTS_DIR).iterdir()) == []
    assert_library_intact(library)


def test_wrong_size_is_rejected(
    make_queue: MakeQueue, served: Served, library: Path, events: Events
) -> None:
    item = served.items(bytes=served.items()[1].bytes + 10)[1]
    state = settle(events, make_queue().enqueue(item))
    assert state.state == "failed" and isinstance(state.error, DownloadDamagedError)
    assert list((library / PARTS_DIR).iterdir()) == []
    assert_library_intact(library)


def test_a_damaged_part_file_gets_one_fresh_attempt(
    make_queue: MakeQueue, served: Served, library: Path, events: Events, sleeper: Sleeper
) -> None:
    item = served.items()[2]
    parts = library / PARTS_DIR
    parts.mkdir(mode=0o700)
    (parts / f"{item.sha256}.svg.part").write_bytes(b"garbage!")
    state = settle(events, make_queue().enqueue(item))
    assert state.state == "done"
    assert [r.range for r in served.faults.files_requests()] == ["bytes=8-", None]
    assert sleeper.waits == [], "the old part file was the bad one: no reason to wait"


def test_a_part_file_the_server_cannot_continue_is_fetched_again_at_once(
    make_queue: MakeQueue, served: Served, library: Path, events: Events, sleeper: Sleeper
) -> None:
    """416: the server's file doesn't go on from our part; the old part was the bad one."""
    item = served.items()[2]
    parts = library / PARTS_DIR
    parts.mkdir(mode=0o700)
    (parts / f"{item.sha256}.svg.part").write_bytes(served.blob(item.sha256)[:10])
    served.faults.plan = [Fault(status=416)]
    state = settle(events, make_queue().enqueue(item))
    assert state.state == "done"
    assert [r.range for r in served.faults.files_requests()] == ["bytes=10-", None]
    assert sleeper.waits == []


def test_a_clock_that_does_not_move_gives_no_speed_not_a_crash(
    make_queue: MakeQueue, served: Served, events: Events
) -> None:
    """Coarse timers (Windows ticks every ~15 ms) can read the same time for a whole body."""
    key = make_queue(clock=lambda: 1000.0).enqueue(served.items()[3])
    assert settle(events, key).state == "done"
    assert all(e.state.speed_bps == 0.0 for e in events.events if e.kind == "progress")


def test_truncated_body_is_resumed(
    make_queue: MakeQueue, served: Served, events: Events, sleeper: Sleeper
) -> None:
    served.faults.plan = [Fault(truncate=True)]
    item = served.items()[3]
    state = settle(events, make_queue().enqueue(item))
    assert state.state == "done"
    assert state.path is not None and state.path.read_bytes()
    ranges = [r.range for r in served.faults.files_requests()]
    assert ranges == [None, f"bytes={item.bytes // 2}-"]
    assert len(sleeper.waits) == 1


def test_truncated_bodies_are_retried_then_reported(
    make_queue: MakeQueue, served: Served, library: Path, events: Events, sleeper: Sleeper
) -> None:
    served.faults.default = Fault(truncate=True)
    item = served.items()[3]
    state = settle(events, make_queue(max_attempts=3).enqueue(item))
    assert state.state == "failed"
    assert isinstance(state.error, DownloadIncompleteError)
    assert "Item 3" in state.error_text
    assert len(served.faults.files_requests()) == 3
    assert len(sleeper.waits) == 2
    assert_library_intact(library)


def test_server_errors_are_retried_with_growing_backoff(
    make_queue: MakeQueue, served: Served, events: Events, sleeper: Sleeper
) -> None:
    served.faults.plan = [Fault(status=503), Fault(status=500)]
    state = settle(events, make_queue().enqueue(served.items()[0]))
    assert state.state == "done"
    assert len(served.faults.files_requests()) == 3
    first, second = sleeper.waits
    assert 0.375 <= first <= 0.625 and 0.75 <= second <= 1.25


def test_server_errors_give_up_after_max_attempts(
    make_queue: MakeQueue, served: Served, events: Events
) -> None:
    served.faults.default = Fault(status=502)
    state = settle(events, make_queue(max_attempts=2).enqueue(served.items()[0]))
    assert state.state == "failed" and isinstance(state.error, ServerError)
    assert len(served.faults.files_requests()) == 2


def test_not_found_fails_at_once(
    make_queue: MakeQueue, served: Served, events: Events, sleeper: Sleeper
) -> None:
    served.faults.plan = [Fault(status=404)]
    state = settle(events, make_queue().enqueue(served.items()[0]))
    assert state.state == "failed" and isinstance(state.error, NotFoundError)
    assert len(served.faults.files_requests()) == 1
    assert sleeper.waits == []


def test_rate_limit_waits_for_retry_after(
    make_queue: MakeQueue, served: Served, events: Events, sleeper: Sleeper
) -> None:
    served.faults.plan = [Fault(status=429, retry_after="7")]
    state = settle(events, make_queue().enqueue(served.items()[0]))
    assert state.state == "done"
    assert sleeper.waits == [7.0]
    assert len(served.faults.files_requests()) == 2


def test_signed_out_downloads_ask_to_sign_in(
    make_queue: MakeQueue, served: Served, events: Events
) -> None:
    def signed_out(api: ApiClient) -> AuthSession:
        return AuthSession(api, CredentialStore())  # nothing in the keyring for this server

    state = settle(events, make_queue(auth=signed_out).enqueue(served.items()[0]))
    assert state.state == "failed" and isinstance(state.error, SignInRequiredError)
    assert served.faults.files_requests() == []


def test_offline_items_wait_for_the_network(
    make_queue: MakeQueue, served: Served, events: Events, store: LibraryStore, refused_url: str
) -> None:
    item = served.items()[0]
    state = settle(events, make_queue(url=refused_url, max_attempts=2).enqueue(item))
    assert state.state == "paused" and state.waiting_for_network
    assert isinstance(state.error, OfflineError)
    row = persisted(store)[(item.id, "svg")]
    assert row.state == "paused" and row.error


def test_sanitised_svg_is_stored_without_script(
    make_queue: MakeQueue, served: Served, events: Events
) -> None:
    state = settle(events, make_queue().enqueue(item_by_id(served, "script")))
    assert state.state == "done" and state.path is not None
    stored = state.path.read_bytes()
    assert b"<rect" in stored and b"script" not in stored and b"onload" not in stored


@pytest.mark.parametrize(
    ("item_id", "reason"),
    [
        ("laughs", "The file declares XML entities or external references, which are not allowed."),
        ("huge", "The image width (50000) is larger than 10000 pixels."),
    ],
)
def test_hostile_svg_is_rejected_and_nothing_stored(
    make_queue: MakeQueue,
    served: Served,
    library: Path,
    events: Events,
    item_id: str,
    reason: str,
) -> None:
    state = settle(events, make_queue().enqueue(item_by_id(served, item_id)))
    assert state.state == "failed" and isinstance(state.error, UnsafeDownloadError)
    assert (
        state.error_text == f"“{item_id}” was not saved because the file could be harmful: {reason}"
    )
    assert list((library / PARTS_DIR).iterdir()) == []
    assert_library_intact(library)


def test_a_png_that_cannot_be_rendered_says_which_and_why(
    make_queue: MakeQueue, served: Served, library: Path, events: Events
) -> None:
    """The renderer works on a temp file in the parts folder (the library's file system, tidied
    after a kill); when it fails the message names the item, and nothing is left behind."""
    given: list[Path] = []

    def render_png(data: bytes, size: int, path: Path) -> None:
        given.append(path)
        raise ValueError("The image is empty.")

    item = served.items()[1]
    state = settle(events, make_queue(render_png=render_png).enqueue(item, "png", 64))
    assert state.state == "failed" and isinstance(state.error, PngExportError)
    assert state.error_text == (
        "“Name card” could not be turned into a PNG image: The image is empty. "
        "Try the SVG format instead."
    )
    assert [path.parent for path in given] == [library / PARTS_DIR]
    assert list((library / PARTS_DIR).iterdir()) == []
    assert_library_intact(library)


def failing_writes(code: int) -> Callable[[BinaryIO, bytes], None]:
    def write(fh: BinaryIO, data: bytes) -> None:
        raise OSError(code, "injected")

    return write


@pytest.mark.parametrize("item_id", ["item-0", "big"])  # written at the end / part file first
def test_injected_disk_full(
    make_queue: MakeQueue,
    served: Served,
    library: Path,
    events: Events,
    monkeypatch: pytest.MonkeyPatch,
    item_id: str,
) -> None:
    assert len(BIG_SVG) > download_files.PART_HOLD_BYTES
    monkeypatch.setattr(download_files, "write_chunk", failing_writes(errno.ENOSPC))
    state = settle(events, make_queue().enqueue(item_by_id(served, item_id)))
    assert state.state == "failed" and isinstance(state.error, DiskFullError)
    assert state.error_text == "The disk is full. Free some space, then try again."
    assert len(served.faults.files_requests()) == 1, "a full disk is not retried"
    assert_library_intact(library)


def test_full_disk_when_the_final_file_is_written(
    make_queue: MakeQueue,
    served: Served,
    library: Path,
    events: Events,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The part file fits, the final copy doesn't: no temp file or half file remains."""

    def write(fh: BinaryIO, data: bytes) -> None:
        if not str(fh.name).endswith(".part"):
            raise OSError(errno.ENOSPC, "injected")
        fh.write(data)

    monkeypatch.setattr(download_files, "write_chunk", write)
    state = settle(events, make_queue().enqueue(served.items()[0]))
    assert isinstance(state.error, DiskFullError)
    assert_library_intact(library)


def test_missing_library_folder(
    make_queue: MakeQueue, served: Served, tmp_path: Path, events: Events
) -> None:
    gone = tmp_path / "unplugged-drive" / "library"
    state = settle(events, make_queue(library=gone).enqueue(served.items()[0]))
    assert state.state == "failed" and isinstance(state.error, LibraryFolderMissingError)
    assert str(gone) in state.error_text
    assert "No such file or directory" in state.error.detail, "the log says what the OS said"
    assert not gone.exists(), "the queue must not create a library folder that vanished"


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 64 kB file system, holding a file the library already had."""
    with tmpfs(tmp_path / "tiny", "size=64k") as folder:
        (folder / "Existing-keep.svg").write_bytes(b"<svg/>")
        yield folder


def test_really_full_disk(
    make_queue: MakeQueue, served: Served, events: Events, tiny_disk: Path
) -> None:
    queue = make_queue(library=tiny_disk)
    small = settle(events, queue.enqueue(served.items()[0]))
    assert small.state == "done" and small.path is not None
    big = settle(events, queue.enqueue(item_by_id(served, "big")))
    assert big.state == "failed" and isinstance(big.error, DiskFullError)
    names = sorted(p.name for p in tiny_disk.iterdir() if p.name != PARTS_DIR)
    assert names == sorted(["Existing-keep.svg", small.path.name])
    assert (tiny_disk / "Existing-keep.svg").read_bytes() == b"<svg/>"


def test_a_part_file_that_cannot_be_deleted_is_not_the_users_problem(
    make_queue: MakeQueue,
    served: Served,
    events: Events,
    tiny_disk: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Cancelling works on a drive that became read-only; the log says what stayed behind."""
    served.faults.plan = [Fault(stall=True)]
    queue = make_queue(library=tiny_disk, concurrency=1)
    item, waiting = served.items()[1:3]
    key = queue.enqueue(item)
    assert served.faults.stalled.acquire(timeout=TIMEOUT_S)
    queue.cancel(queue.enqueue(waiting))  # never started: no part file, nothing to say
    events.wait(lambda: "progress" in events.kinds(key))
    queue.pause(key)
    events.wait_state(key, "paused")
    part = tiny_disk / PARTS_DIR / f"{item.sha256}.svg.part"
    assert part.stat().st_size > 0
    remount(tiny_disk, "ro")
    queue.cancel(key)
    assert events.wait_state(key, "cancelled").state.state == "cancelled"
    assert part.exists()
    logged = [r.getMessage() for r in caplog.records if r.name.startswith("weshape_desktop")]
    assert logged == [f"could not delete the part file of {item.id} (svg)"]


def not_writable_text(library: Path) -> str:
    return (
        f"weShape Desktop can't write to the library folder {library}. Choose another folder "
        "in the settings or check its permissions."
    )


@pytest.mark.parametrize("item_id", ["item-0", "big"])  # written at the end / part file first
def test_library_on_a_disk_that_became_read_only(
    make_queue: MakeQueue, served: Served, events: Events, tiny_disk: Path, item_id: str
) -> None:
    queue = make_queue(library=tiny_disk)
    before = settle(events, queue.enqueue(served.items()[1]))
    assert before.state == "done" and before.path is not None
    remount(tiny_disk, "ro")
    state = settle(events, queue.enqueue(item_by_id(served, item_id)))
    assert state.state == "failed" and isinstance(state.error, LibraryNotWritableError)
    assert state.error_text == not_writable_text(tiny_disk)
    assert len(served.faults.files_requests()) == 2, "a read-only disk is not retried"
    names = sorted(p.name for p in tiny_disk.iterdir() if p.name != PARTS_DIR)
    assert names == sorted(["Existing-keep.svg", before.path.name])
    assert before.path.read_bytes() == sanitize_svg(served.blob(served.items()[1].sha256))


def test_library_on_a_read_only_disk(
    make_queue: MakeQueue, served: Served, events: Events, tmp_path: Path
) -> None:
    with tmpfs(tmp_path / "read-only-drive", "ro") as drive:
        state = settle(events, make_queue(library=drive).enqueue(served.items()[0]))
        assert state.state == "failed" and isinstance(state.error, LibraryNotWritableError)
        assert state.error_text == not_writable_text(drive)
        assert list(drive.iterdir()) == []


def test_proxy_from_the_environment_is_used(
    make_queue: MakeQueue,
    served: Served,
    events: Events,
    refused_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Transfers read the proxy settings once per host, but they do read them."""
    for name in ("NO_PROXY", "no_proxy", "HTTP_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("http_proxy", refused_url)  # a proxy that is down
    queue = make_queue(max_attempts=1)
    state = settle(events, queue.enqueue(served.items()[0]))
    assert state.state == "paused" and isinstance(state.error, OfflineError)
    assert served.faults.files_requests() == [], "nothing reached the server directly"

    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    queue = make_queue()
    state = settle(events, queue.enqueue(served.items()[1]))
    assert state.state == "done"
