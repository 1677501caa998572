"""The library folder as downloads write to it: OS errors become messages that say what to do,
and every byte reaches the file even when the OS takes it in parts (core/downloads/files.py)."""

from __future__ import annotations

import errno
import os
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.core.downloads.support import Events, Fault, MakeQueue, Served, serve
from weshape_desktop.core.downloads import files as download_files
from weshape_desktop.core.downloads.files import (
    DownloadFolder,
    disk_error,
    disk_errors,
    write_chunk,
)
from weshape_desktop.core.downloads.types import PARTS_DIR
from weshape_desktop.core.errors import (
    DiskError,
    DiskFullError,
    LibraryFolderMissingError,
    LibraryNotWritableError,
    WeshapeError,
)
from weshape_desktop.core.svg import sanitize_svg

pytest_plugins = ["tests.core.downloads.support"]

# Past the size a fresh body is held in memory, even half of it (what a stalled response sends).
LARGE_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><!-- '
    + bytes(range(97, 123)) * 25_000
    + b" --></svg>"
)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    yield from serve(tmp_path / "catalog", 1, {"large": LARGE_SVG})


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    return folder


def not_writable(folder: Path) -> str:
    return (
        f"weShape Desktop can't write to the library folder {folder}. Choose another folder "
        "in the settings or check its permissions."
    )


def missing(folder: Path) -> str:
    return (
        f"The library folder {folder} doesn't exist. Reconnect the drive it is on, or choose "
        "another folder in the settings."
    )


def could_not_save(folder: Path, reason: str) -> str:
    return f"weShape Desktop couldn't save a file in the library folder {folder}: {reason}"


FULL = "The disk is full. Free some space, then try again."

# Errors a test can't make the OS give on demand (root ignores permissions, quotas need setup);
# the read-only and full disks are real tmpfs mounts in test_downloads_failures.py.
CASES: list[tuple[OSError, bool, type[WeshapeError], Callable[[Path], str]]] = [
    (OSError(errno.ENOSPC, "No space left on device"), True, DiskFullError, lambda f: FULL),
    (OSError(errno.EDQUOT, "Disk quota exceeded"), True, DiskFullError, lambda f: FULL),
    (OSError(errno.EACCES, "Permission denied"), True, LibraryNotWritableError, not_writable),
    (OSError(errno.EPERM, "Operation not permitted"), True, LibraryNotWritableError, not_writable),
    (OSError(errno.EROFS, "Read-only file system"), True, LibraryNotWritableError, not_writable),
    # An unplugged drive can fail with EIO while its folder is gone: the OS's reason, not a guess.
    (
        OSError(errno.EIO, "Input/output error"),
        False,
        DiskError,
        lambda f: could_not_save(f, "Input/output error"),
    ),
    (OSError("no errno"), True, DiskError, lambda f: could_not_save(f, "no errno")),
]


@pytest.mark.parametrize(
    ("exc", "folder_exists", "kind", "message"),
    CASES,
    ids=["ENOSPC", "EDQUOT", "EACCES", "EPERM", "EROFS", "EIO-folder-gone", "no-errno"],
)
def test_os_errors_say_what_to_do(
    exc: OSError,
    folder_exists: bool,
    kind: type[WeshapeError],
    message: Callable[[Path], str],
    tmp_path: Path,
) -> None:
    folder = tmp_path / "library"
    if folder_exists:
        folder.mkdir()
    error = disk_error(exc, folder)
    assert type(error) is kind
    assert str(error) == message(folder)
    assert error.detail == str(exc), "the log keeps the OS's own words"


def caught(folder: Path, operation: Callable[[], object]) -> WeshapeError:
    with pytest.raises(WeshapeError) as raised, disk_errors(folder):
        operation()
    return raised.value


def test_real_file_system_errors(tmp_path: Path) -> None:
    library = tmp_path / "library"
    library.mkdir()
    # A missing file inside a folder that is there is not a missing library.
    error = caught(library, lambda: (library / "gone" / "x.svg").open("wb"))
    assert type(error) is DiskError
    assert str(error) == could_not_save(library, "No such file or directory")
    error = caught(library, lambda: library.open("wb"))
    assert str(error) == could_not_save(library, "Is a directory")
    unplugged = tmp_path / "unplugged"
    error = caught(unplugged, lambda: (unplugged / "x.svg").open("wb"))
    assert type(error) is LibraryFolderMissingError
    assert str(error) == missing(unplugged)
    assert "No such file or directory" in error.detail


def test_every_byte_is_written_when_the_os_takes_them_in_parts() -> None:
    """An unbuffered file may accept less than it is given (network file systems do). A socket
    with a timeout really does: 2 MiB is far more than its buffer (~200 KiB) takes at once."""
    data = bytes(range(256)) * 8192
    writer, reader = socket.socketpair()
    writer.settimeout(30)
    received = bytearray()

    def drain() -> None:
        while chunk := reader.recv(65536):
            received.extend(chunk)

    draining = threading.Thread(target=drain)
    draining.start()
    try:
        with writer.makefile("wb", buffering=0) as fh:
            write_chunk(fh, data)
    finally:
        writer.close()
        draining.join()
        reader.close()
    assert received == data


def test_leftovers_of_a_killed_process_go_and_part_files_stay(tmp_path: Path) -> None:
    folder = DownloadFolder(tmp_path)
    folder.remove_leftovers()  # no parts folder yet: nothing to do
    folder.make_parts_dir()
    kept = ["ab12.svg.part", "stray folder"]
    leftovers = [
        "0123456789abcdef.tmp",  # a store cut short
        "tmpk2j3x9.png",  # a render cut short
        "ab12.svg.done",  # markers earlier versions wrote: the database says what is stored now
        "ab12.png.64.done",
    ]
    (folder.parts_dir / "stray folder").mkdir()  # can't be unlinked: tidying goes on anyway
    for name in kept[:1] + leftovers:
        (folder.parts_dir / name).write_bytes(b"x")
    folder.remove_leftovers()
    assert sorted(os.listdir(folder.parts_dir)) == sorted(kept)


def test_a_large_body_goes_through_its_part_file_and_resumes_from_it(
    make_queue: MakeQueue, served: Served, library: Path, events: Events
) -> None:
    """A stale part file the server ignores (200, not 206) is replaced, not appended to; more
    than the held size arrives before the body is cut, and the next try resumes from there."""
    half = len(LARGE_SVG) // 2  # what a truncated response sends
    assert half > download_files.PART_HOLD_BYTES
    item = next(i for i in served.items() if i.id == "large")
    part = library / PARTS_DIR / f"{item.sha256}.svg.part"
    part.parent.mkdir()
    part.write_bytes(LARGE_SVG[:10])
    served.faults.plan = [Fault(ignore_range=True, truncate=True)]
    done = events.wait_state(make_queue().enqueue(item), "done", "failed").state
    assert done.path is not None and done.path.read_bytes() == sanitize_svg(LARGE_SVG)
    assert [r.range for r in served.faults.files_requests()] == ["bytes=10-", f"bytes={half}-"]
    assert not part.exists()


def test_a_large_file_arrives_whole_in_one_request(
    make_queue: MakeQueue, served: Served, library: Path, events: Events
) -> None:
    item = next(i for i in served.items() if i.id == "large")
    done = events.wait_state(make_queue().enqueue(item), "done", "failed").state
    assert done.path is not None and done.path.read_bytes() == sanitize_svg(LARGE_SVG)
    assert [r.range for r in served.faults.files_requests()] == [None]


def test_a_part_file_of_one_byte_is_resumed(
    make_queue: MakeQueue, served: Served, library: Path, events: Events
) -> None:
    item = next(i for i in served.items() if i.id == "large")
    part = library / PARTS_DIR / f"{item.sha256}.svg.part"
    part.parent.mkdir()
    part.write_bytes(LARGE_SVG[:1])
    done = events.wait_state(make_queue().enqueue(item), "done", "failed").state
    assert done.path is not None and done.path.read_bytes() == sanitize_svg(LARGE_SVG)
    assert [r.range for r in served.faults.files_requests()] == ["bytes=1-"]
