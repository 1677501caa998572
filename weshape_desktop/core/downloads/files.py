"""Where downloads live on disk (DESIGN §7): the library folder, its parts folder, and their errors.

`<library>/.weshape-parts` holds `<sha256>.<fmt>.part` (a file being fetched, resumable) and, for a
moment, the files being stored or rendered. Files enter the library folder only whole, by an
atomic link or rename (`DownloadFolder.store`), so it never holds half a file, even when the
process is killed; every byte written goes through `write_chunk`. Which library file a finished
download became is the library database's to say (`DownloadFolder.stored` checks that it is still
there). OS errors become messages that say what to do (`disk_errors`).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import requests

from weshape_desktop.core.downloads.types import PARTS_DIR
from weshape_desktop.core.errors import (
    DiskError,
    DiskFullError,
    LibraryFolderMissingError,
    LibraryNotWritableError,
    WeshapeError,
)
from weshape_desktop.core.filenames import resolve_inside, safe_file_name

PART_HOLD_BYTES = 256 * 1024  # a fresh body up to this size is written only if the transfer stops


def write_chunk(fh: BinaryIO, data: bytes) -> None:
    """Every byte a download writes goes through here (tests inject disk errors)."""
    written = fh.write(data)
    while written < len(data):  # an unbuffered file may take less than all of it
        written += fh.write(memoryview(data)[written:])


class DownloadFolder:
    """The library folder `library_dir` as downloads use it; safe to share between workers."""

    def __init__(self, library_dir: Path) -> None:
        self.library_dir = library_dir
        self.parts_dir = library_dir / PARTS_DIR
        self._names_lock = threading.Lock()  # picking a free name + renaming into it
        # Unnamed files are named through /proc; False once the file system refused one.
        self.unnamed_files = hasattr(os, "O_TMPFILE") and os.path.isdir("/proc/self/fd")
        self._root: Path | None = None  # the library folder resolved, once

    def part_path(self, sha256: str, fmt: str) -> Path:
        """The part file of a download of the file `sha256` in `fmt`."""
        return self.parts_dir / f"{sha256}.{fmt}.part"

    def make_parts_dir(self) -> None:
        """Create the parts folder if needed, but never the library folder: a library on a drive
        that was unplugged must not come back as an empty folder."""
        try:
            self.parts_dir.mkdir(mode=0o700)
        except FileExistsError:
            pass
        except (FileNotFoundError, NotADirectoryError) as exc:
            raise LibraryFolderMissingError(str(self.library_dir), detail=str(exc)) from exc

    def stored(self, name: str, sha256: str) -> Path | None:
        """The library file `name`, if it is there and its bytes still have this sha256."""
        try:
            path = self._inside(name)
            if hashlib.sha256(path.read_bytes()).hexdigest() == sha256:
                return path
        except (OSError, ValueError):
            pass
        return None

    def remove_leftovers(self) -> None:
        """Delete what a process killed while storing or rendering left in the parts folder
        (anything but part files: also the markers earlier versions wrote); call it while no
        download runs."""
        try:
            names = os.listdir(self.parts_dir)
        except OSError:
            return  # no parts folder yet, or an unplugged drive: nothing to tidy
        for name in names:
            if not name.endswith(".part"):
                with contextlib.suppress(OSError):  # tidying up is never the user's problem
                    (self.parts_dir / name).unlink()

    def store(self, data: bytes, title: str, item_id: str, ext: str) -> Path:
        """Write `data` to a new file out of sight (on the library's file system, so it stays
        out of sight even if the process dies), fsync, then give it a free name built from
        `title` and `item_id`, or keep the file of that name when it is identical."""
        fd, tmp = self._new_file()
        try:
            with os.fdopen(fd, "wb", buffering=0, closefd=False) as fh:
                write_chunk(fh, data)
            os.fsync(fd)
            with self._names_lock:
                for copy in range(1, 1000):
                    path = self._inside(safe_file_name(title, item_id, ext, copy=copy))
                    if not path.exists():
                        if tmp is None:  # name the unnamed file: linkat() following /proc's
                            # link; a dir fd is what makes os.link call linkat() (an absolute
                            # path ignores it)
                            os.link(f"/proc/self/fd/{fd}", path, src_dir_fd=fd)
                        else:
                            os.replace(tmp, path)
                        return path
                    if path.read_bytes() == data:
                        return path
                    # else another item (or another version) already has this name
            raise DiskError(str(self.library_dir), "too many files with the same name")
        finally:
            os.close(fd)
            if tmp is not None:
                tmp.unlink(missing_ok=True)

    def _inside(self, name: str) -> Path:
        """`library_dir / name`, checked to stay in it (`resolve_inside`)."""
        if self._root is None:
            self._root = self.library_dir.resolve()
        return resolve_inside(self._root, name, resolved=True)

    def _new_file(self) -> tuple[int, Path | None]:
        """A new file in the parts folder for `store`, open for writing, and its name: None for
        an unnamed file (Linux's O_TMPFILE), which nothing needs to delete if the process dies
        and which costs a name less to create and rename (~0.2 ms of kernel time a file here);
        else a temp file, where the file system has no unnamed files."""
        flags = os.O_WRONLY | os.O_CLOEXEC
        if self.unnamed_files:
            try:
                return os.open(self.parts_dir, flags | os.O_TMPFILE, 0o644), None
            except OSError as exc:
                if exc.errno not in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
                    raise
                self.unnamed_files = False
        tmp = self.parts_dir / f"{secrets.token_hex(8)}.tmp"
        # What mkstemp does (a new name, O_EXCL: never an existing file or a symlink), minus its
        # getpid() and chmod(). Every system call lets another worker take the GIL.
        # Permissions: as for any new file.
        return os.open(tmp, flags | os.O_CREAT | os.O_EXCL, 0o644), tmp


class PartFile:
    """The part file of one response body, written lazily.

    A fresh body (`have` 0) stays in memory until it passes `PART_HOLD_BYTES`, so a small file
    that arrives whole never touches its part file: a create, a write and a delete saved per file,
    system calls that each hand the GIL to another worker. `keep()` writes what is held when the
    transfer stops early, so the next attempt resumes from there. A resumed body is appended to
    the part file as it arrives.
    """

    def __init__(self, path: Path, have: int) -> None:
        self._path = path
        self._append = have > 0
        self._fh: BinaryIO | None = None
        self._held: list[bytes] | None = None if self._append else []  # the fresh body so far
        self._held_bytes = 0
        self._written = 0  # how many of the held chunks are in the file

    def add(self, chunk: bytes) -> None:
        """The next bytes of the body."""
        if self._held is None:
            self._write([chunk])
            return
        self._held.append(chunk)
        self._held_bytes += len(chunk)
        if self._fh is not None or self._held_bytes > PART_HOLD_BYTES:
            self.keep()

    def keep(self) -> None:
        """Write every held chunk that isn't in the file yet."""
        if self._held is not None and self._written < len(self._held):
            self._write(self._held[self._written :])
            self._written = len(self._held)

    def close(self) -> None:
        """Close the file, if it was opened."""
        if self._fh is not None:
            self._fh.close()

    def body(self) -> bytes | None:
        """The whole file, for a fresh body (None for a resumed one: its start is on disk)."""
        return None if self._held is None else b"".join(self._held)

    def _write(self, chunks: list[bytes]) -> None:
        if self._fh is None:
            self._fh = self._path.open("ab" if self._append else "wb")
        for chunk in chunks:
            write_chunk(self._fh, chunk)


@contextmanager
def disk_errors(folder: Path) -> Iterator[None]:
    """Turn file-system errors inside the block into messages that say what to do."""
    try:
        yield
    except requests.RequestException:
        raise
    except OSError as exc:
        raise disk_error(exc, folder) from exc


def disk_error(exc: OSError, folder: Path) -> WeshapeError:
    """The user-facing error for a failed file operation in the library `folder`."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(detail=str(exc))
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return LibraryNotWritableError(str(folder), detail=str(exc))
    if exc.errno == errno.ENOENT and not folder.is_dir():
        return LibraryFolderMissingError(str(folder), detail=str(exc))
    return DiskError(str(folder), exc.strerror or str(exc), detail=str(exc))
