"""Moving the library folder with progress and cancel; `core.library.move_library` does the
copying, checking and undoing on a worker."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from weshape_desktop.core.library import move_library
from weshape_desktop.ui.tasks import TaskRunner, describe_error


class LibraryMove(QObject):
    """One move. `finished(Path)` once the files are in the new folder (and gone from the old);
    `failed(str)` with a translated reason after a cancel or an error — the library is then
    whole in its old folder."""

    finished = Signal(Path)
    failed = Signal(str)
    _progress = Signal(int, int)  # emitted on the worker

    def __init__(self, tasks: TaskRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self._cancel = threading.Event()
        self.dialog = QProgressDialog(parent)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self._cancel.set)
        self._progress.connect(self._show_progress)

    def start(self, source: Path, target: Path) -> None:
        self.dialog.setWindowTitle(self.tr("Moving the library"))
        self.dialog.setLabelText(self.tr("Copying and checking the files…"))
        self.dialog.setCancelButtonText(self.tr("Cancel"))
        self.dialog.setRange(0, 0)
        self.dialog.show()
        self.tasks.run(
            lambda: move_library(source, target, self._progress.emit, self._cancel.is_set),
            on_done=lambda _count: self._moved(target),
            on_error=self._failed,
            owner=self,
        )

    def cancel(self) -> None:
        self._cancel.set()

    def _show_progress(self, done: int, total: int) -> None:
        self.dialog.setRange(0, total)
        self.dialog.setValue(done)

    def _moved(self, target: Path) -> None:
        self.dialog.hide()
        self.finished.emit(target)

    def _failed(self, exc: BaseException) -> None:
        self.dialog.hide()
        self.failed.emit(describe_error(exc))
