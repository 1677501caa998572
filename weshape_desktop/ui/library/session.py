"""Opening the library: the database off the GUI thread, shown at once, then checked.

The window starts painting at once. The database opens with only its header read, so the
library view gets its store (`opened`) as soon as possible; once its first rows are in
(`run_checks`) the checks run in the background, in the order of their cost: the quick check
of every page (a damaged database is rebuilt at once, as when the damage is found at open), the
library folder against the database (`checked`: files gone, files unknown), and last the full
check (`damaged`: rebuilt at the next start). Writers other than the user's own edits (the
download queue) wait for `checked`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from weshape_desktop.core.library import (
    Found,
    LibraryStore,
    OpenedLibrary,
    check_opened,
    full_check,
    open_library,
    request_rebuild,
)
from weshape_desktop.ui.tasks import TaskRunner, describe_error


@dataclass(frozen=True)
class LibraryCheck:
    """What the checks after opening found."""

    recovered_from: Path | None  # the damaged database, moved aside
    reimported: int  # entries rebuilt from the files after a recovery
    missing: tuple[str, ...]  # ids of entries whose file is gone
    unknown: tuple[Path, ...]  # files in the folder that no entry records


class LibrarySession(QObject):
    """Owns the open `LibraryStore` for the window's lifetime."""

    opened = Signal(object)  # LibraryStore: show it (the checks follow in the background)
    checked = Signal(object)  # LibraryCheck: the database is sound; what the folder check found
    reopening = Signal()  # the quick check found damage: let go of the store, it is rebuilt
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
        self.check: LibraryCheck | None = None  # set once the checks after opening passed
        self.error = ""
        self._rebuilt = False  # the quick check's damage was rebuilt once this run
        self._unchecked: OpenedLibrary | None = None  # opened, its checks not started yet

    def open(self) -> None:
        self.tasks.run(
            lambda: open_library(self.db_path, self.library_dir, "header"),
            on_done=self._on_opened,
            on_error=self._on_failed,
        )

    def is_settled(self) -> bool:
        """Checked or failed (screenshots wait for this)."""
        return self.check is not None or bool(self.error)

    def close(self) -> None:
        self._unchecked = None
        if self.store is not None:
            self.store.close()
            self.store = None

    def run_checks(self) -> None:
        """Check the library just opened, unless that is done or under way. The views showing
        it call this once its first query has answered: the checks keep a core and the GIL
        busy (~0.5 s at 100k entries), which would slow the first rows. Without a view, call
        it on `opened`."""
        opened, self._unchecked = self._unchecked, None
        if opened is None:
            return
        self.tasks.run(
            lambda: check_opened(opened.store, self.library_dir),
            on_done=lambda found: self._on_checked(opened, found),
            on_error=self._on_failed,
        )

    def _on_opened(self, opened: OpenedLibrary) -> None:
        self.store = opened.store
        self._unchecked = opened
        self.opened.emit(opened.store)

    def _on_checked(self, opened: OpenedLibrary, found: Found | None) -> None:
        if found is None and not self._rebuilt:
            self._rebuild(opened.store)
            return
        self.check = LibraryCheck(
            opened.store.recovered_from, opened.reimported, *(found or ((), ()))
        )
        self.checked.emit(self.check)
        if found is None:
            # Damaged again right after a rebuild (a failing disk?): rather than loop, keep the
            # library working and rebuild it at the next start.
            request_rebuild(self.db_path)
            self.damaged.emit()
            return
        # The full check (every index too) takes ~0.4 s at 100k entries, on its own read-only
        # connection so it never holds up the library.
        self.tasks.run(lambda: full_check(self.db_path), on_done=self._on_full_check)

    def _rebuild(self, store: LibraryStore) -> None:
        """The quick check found damage: rebuild now, as when it is found at open (the views
        let go of the store first, so nothing uses it while it is closed and moved aside)."""
        self._rebuilt = True
        self.store = None
        self.reopening.emit()

        def reopen() -> OpenedLibrary:
            store.close()
            return open_library(self.db_path, self.library_dir, "quick")

        self.tasks.run(reopen, on_done=self._on_opened, on_error=self._on_failed)

    def _on_full_check(self, sound: bool) -> None:
        if not sound:
            self.damaged.emit()

    def _on_failed(self, exc: BaseException) -> None:
        self.error = describe_error(exc)
        self.failed.emit(self.error)
