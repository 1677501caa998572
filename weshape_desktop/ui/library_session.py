"""Opening the library: the database off the GUI thread, then a check against the folder.

The window starts painting at once; the library view gets its store when `opened` fires. What
the check finds (a damaged database rebuilt from the files, files gone from the folder, files the
database doesn't know) is reported by signals so the window can tell the user and offer the fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from weshape_desktop.core.library import LibraryStore
from weshape_desktop.core.library_open import check_existing, request_rebuild
from weshape_desktop.ui.tasks import TaskRunner, describe_error


@dataclass(frozen=True)
class LibraryCheck:
    """What opening the library found."""

    store: LibraryStore
    recovered_from: Path | None  # the damaged database, moved aside
    reimported: int  # entries rebuilt from the files after a recovery
    missing: tuple[str, ...]  # ids of entries whose file is gone
    unknown: tuple[Path, ...]  # files in the folder that no entry records


def full_check(db_path: Path) -> bool:
    """`integrity_check` of the library; on damage, ask for a rebuild at the next start."""
    sound = check_existing(db_path, full=True)
    if not sound:
        request_rebuild(db_path)
    return sound


def open_and_check(db_path: Path, library_dir: Path) -> LibraryCheck:
    """Open (or create, upgrade, recover) the library and compare it with the folder."""
    store = LibraryStore(db_path)
    try:
        library_dir.mkdir(parents=True, exist_ok=True)
        reimported = len(store.rescan(library_dir)) if store.recovered_from else 0
        return LibraryCheck(
            store,
            store.recovered_from,
            reimported,
            tuple(store.missing_files(library_dir)),
            tuple(store.unknown_files(library_dir)),
        )
    except BaseException:
        store.close()
        raise


class LibrarySession(QObject):
    """Owns the open `LibraryStore` for the window's lifetime."""

    opened = Signal(object)  # LibraryCheck
    failed = Signal(str)  # a translated sentence: the library can't be used this run
    damaged = Signal()  # the full check found damage: it is rebuilt at the next start

    def __init__(
        self, tasks: TaskRunner, db_path: Path, library_dir: Path, parent: QObject
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.db_path = db_path
        self.library_dir = library_dir
        self.store: LibraryStore | None = None
        self.error = ""

    def open(self) -> None:
        self.tasks.run(
            lambda: open_and_check(self.db_path, self.library_dir),
            on_done=self._on_opened,
            on_error=self._on_failed,
        )

    def is_settled(self) -> bool:
        """Opened or failed (screenshots wait for this)."""
        return self.store is not None or bool(self.error)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    def _on_opened(self, check: LibraryCheck) -> None:
        self.store = check.store
        self.opened.emit(check)
        # The open ran the quick check; the full one (every index too) takes ~0.4 s at 100k
        # entries, on its own read-only connection so it never holds up the library.
        self.tasks.run(lambda: full_check(self.db_path), on_done=self._on_full_check)

    def _on_full_check(self, sound: bool) -> None:
        if not sound:
            self.damaged.emit()

    def _on_failed(self, exc: BaseException) -> None:
        self.error = describe_error(exc)
        self.failed.emit(self.error)
