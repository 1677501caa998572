"""Deleting the files of removed entries: only files inside the library folder, ever."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FileRemoval:
    """What happened to the files of removed entries."""

    deleted: int
    failed: tuple[str, ...] = ()  # relative paths that could not be deleted
    outside: tuple[str, ...] = ()  # relative paths leading out of the library folder: kept


def delete_library_files(library_dir: Path, rel_paths: Iterable[str]) -> FileRemoval:
    """Delete these files of the library folder; never anything outside it.

    Paths come from the database, which sync and hand edits can fill: each is resolved (links
    and `..` included) and must land strictly inside the folder. A file already gone is fine.
    """
    root = library_dir.resolve()
    deleted, failed, outside = 0, [], []
    for rel in rel_paths:
        target = (root / rel).resolve()
        if target == root or not target.is_relative_to(root):
            outside.append(rel)
            continue
        try:
            if target.is_file():
                target.unlink()
                deleted += 1
        except OSError:
            failed.append(rel)
    return FileRemoval(deleted, tuple(failed), tuple(outside))
