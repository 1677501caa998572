"""`--screenshot PATH --show VIEW`: wait until the view is fully painted, save a PNG, quit."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from weshape_desktop.ui.main_window import MainWindow

SCREENSHOT_VIEWS = (
    "catalog", "library", "detail", "downloads", "policy", "signin", "settings", "consent",
)  # fmt: skip
TIMEOUT_S = 90.0


class Screenshotter(QObject):
    """Polls the window's readiness on the event loop (never blocking it), then grabs it."""

    def __init__(self, window: MainWindow, view: str, path: Path) -> None:
        super().__init__(window)
        self.window = window
        self.view = view
        self.path = path
        self.deadline = time.monotonic() + TIMEOUT_S
        self.timer = QTimer(self, interval=100)
        self.timer.timeout.connect(self._check)

    def start(self) -> None:
        self.timer.start()

    def _check(self) -> None:
        if self.window.view_ready(self.view):
            self.timer.stop()
            target = self.window.open_view(self.view)
            # one more pass so the last previews that arrived are painted before the grab
            QTimer.singleShot(50, lambda: self._save(target))
        elif time.monotonic() > self.deadline:
            self.timer.stop()
            print(f"weshape-desktop: the {self.view} view was not ready in time", file=sys.stderr)
            QApplication.exit(1)

    def _save(self, target: QWidget) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not target.grab().save(str(self.path), "PNG"):
            print(f"weshape-desktop: could not write {self.path}", file=sys.stderr)
            QApplication.exit(1)
            return
        QApplication.exit(0)
