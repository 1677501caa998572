"""Opening the library and checking it (DESIGN §6): the steps the UI runs off the GUI thread.

A database found damaged is moved aside and rebuilt from the files in the library folder; the
full `integrity_check` is slow, so damage it finds is rebuilt at the next start.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from weshape_desktop.core.library.checks import Check, check_existing, request_rebuild
from weshape_desktop.core.library.store import LibraryStore


@dataclass(frozen=True)
class OpenedLibrary:
    """A library store just opened, and how many entries a recovery rebuilt from the files."""

    store: LibraryStore
    reimported: int


def open_library(db_path: Path, library_dir: Path, check: Check) -> OpenedLibrary:
    """Open (or create, upgrade, recover) the library, reading `check` of it for damage first;
    a database found damaged is rebuilt, with the files in the folder imported again."""
    store = LibraryStore(db_path, check=check)
    try:
        library_dir.mkdir(parents=True, exist_ok=True)
        reimported = len(store.rescan(library_dir)) if store.recovered_from else 0
        return OpenedLibrary(store, reimported)
    except BaseException:
        store.close()
        raise


Found = tuple[tuple[str, ...], tuple[Path, ...]]  # (entries whose file is gone, unknown files)


def check_opened(store: LibraryStore, library_dir: Path) -> Found | None:
    """The quick check of the open library's database (None: it is damaged), then the library
    folder against it."""
    if not check_existing(store.path):
        return None
    return tuple(store.missing_files(library_dir)), tuple(store.unknown_files(library_dir))


def full_check(db_path: Path) -> bool:
    """`integrity_check` of the library; on damage, ask for a rebuild at the next start."""
    sound = check_existing(db_path, "full")
    if not sound:
        request_rebuild(db_path)
    return sound
