"""Child processes of bench/library.py's cold-open figure; each prints PAINTED after its first
paint, then exits. Imports only what each start needs, so the two are compared fairly:

    python bench/library_open.py bare               # QApplication + an empty QMainWindow
    python bench/library_open.py open DB CACHE_DIR  # the same window holding the app's library
                                                    # tab, opened as the app opens it
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

PAINTED = "painted"
WINDOW = (1200, 800)


class FirstPaint(QObject):
    """Prints PAINTED after the first paint of `widget` for which `ready()` holds, then quits."""

    def __init__(self, widget: QWidget, ready: Callable[[], bool]) -> None:
        super().__init__(widget)
        self.ready = ready
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.ready():
            QTimer.singleShot(0, self._done)  # right after this paint has happened
        return False

    def _done(self) -> None:
        print(PAINTED, flush=True)
        QApplication.exit(0)


def bare() -> int:
    app = QApplication(["bare"])
    window = QMainWindow()
    window.resize(*WINDOW)
    FirstPaint(window, lambda: True)
    window.show()
    return app.exec()


def open_library(db: Path, cache: Path) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    # What the app's main window does for its library tab (ui/main_window.py), nothing more.
    from weshape_desktop.ui.library import LibrarySession, LibraryTab
    from weshape_desktop.ui.previews import PreviewService
    from weshape_desktop.ui.tasks import TaskRunner

    app = QApplication(["library"])
    window = QMainWindow()
    tasks = TaskRunner(window)
    previews = PreviewService(cache, "", parent=window)
    library_dir = db.parent / "library"
    session = LibrarySession(tasks, db, library_dir, window)
    tab = LibraryTab(tasks, previews, library_dir, "en", window)
    tab.use_session(session)
    window.setCentralWidget(tab)
    window.resize(*WINDOW)
    view = tab.view

    def ready() -> bool:
        first, last = view.grid.visible_rows()
        return first <= last and not view.model.loading_rows(first, last)

    FirstPaint(view.grid.viewport(), ready)
    session.open()  # as MainWindow does, before the window shows
    window.show()
    code = app.exec()
    previews.shutdown()
    tasks.shutdown()
    session.close()
    return code


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        sys.exit(bare())
    sys.exit(open_library(Path(sys.argv[2]), Path(sys.argv[3])))
