"""Moving the library folder (the settings' Library section): copy, verify, then switch.

The copy is complete and checked byte for byte before anything points at it, and the originals are
deleted only after that; a cancel or a failure halfway removes the copies made so far and leaves the
old folder untouched, so a library is never half-moved.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from weshape_desktop.core.errors import (
    LibraryMoveCancelledError,
    LibraryMoveFailedError,
    LibraryMoveTargetError,
)

log = logging.getLogger(__name__)


def library_files(folder: Path) -> list[Path]:
    """Every file under `folder`, relative to it, in a stable order."""
    if not folder.is_dir():
        return []
    return sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())


def move_library(
    source: Path,
    target: Path,
    progress: Callable[[int, int], None] = lambda done, total: None,
    cancelled: Callable[[], bool] = lambda: False,
) -> int:
    """Move the files of the library folder `source` into the empty (or new) folder `target`
    and return how many moved. `progress(done, total)` counts files copied and verified;
    `cancelled()` is asked between files.

    Raises `LibraryMoveTargetError` for a target inside the library, containing it, or not
    empty; `LibraryMoveCancelledError` or `LibraryMoveFailedError` after undoing the copies.
    """
    source, target = source.resolve(), target.resolve()
    # (A folder holding the library is never empty, so that case is refused too.)
    if target.is_relative_to(source) or (
        target.exists() and (not target.is_dir() or any(target.iterdir()))
    ):
        raise LibraryMoveTargetError(str(target))
    files = library_files(source)
    created_target = not target.exists()
    copied: list[Path] = []
    try:
        target.mkdir(parents=True, exist_ok=True)
        for done, rel in enumerate(files, start=1):
            if cancelled():
                raise LibraryMoveCancelledError()
            copy = target / rel
            copy.parent.mkdir(parents=True, exist_ok=True)
            copied.append(copy)
            shutil.copyfile(source / rel, copy)
            if _digest(copy) != _digest(source / rel):
                raise OSError(f"the copy of {rel} differs from the original")
            progress(done, len(files))
        os.sync()  # the copies are on disk before the originals go
    except LibraryMoveCancelledError:
        _undo(target, copied, created_target)
        raise
    except OSError as exc:
        _undo(target, copied, created_target)
        raise LibraryMoveFailedError(
            str(target), exc.strerror or str(exc), detail=repr(exc)
        ) from exc
    for rel in files:  # the copy is whole: the originals may go
        try:
            (source / rel).unlink()
        except OSError as exc:
            log.warning("library move: left %s in the old folder (%s)", rel, exc)
    _remove_empty_folders(source)
    return len(files)


def _digest(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _undo(target: Path, copied: list[Path], created_target: bool) -> None:
    for copy in copied:
        copy.unlink(missing_ok=True)
    _remove_empty_folders(target)
    if created_target:
        with contextlib.suppress(OSError):
            target.rmdir()


def _remove_empty_folders(folder: Path) -> None:
    """Remove the empty folders under `folder` (deepest first), keeping `folder` itself."""
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if path.is_dir():
            with contextlib.suppress(OSError):  # not empty: something else lives there
                path.rmdir()
