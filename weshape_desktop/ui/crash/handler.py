"""Unhandled exceptions, wherever they happen, end in a scrubbed report and a short dialog.

Python calls `sys.excepthook` for exceptions that escape a Qt slot or a QRunnable and
`threading.excepthook` for those that end a thread; `TaskRunner` hands over the errors of tasks
nobody handles. The report is written on the thread that failed; the dialog is shown on the GUI
thread (the signal is queued there).
"""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QLocale, QObject, Signal, qVersion
from PySide6.QtWidgets import QApplication

from weshape_desktop import __version__
from weshape_desktop.ui.crash.dialog import CrashDialog
from weshape_desktop.ui.crash.report import build_report, save_report

log = logging.getLogger(__name__)
_installed: CrashHandler | None = None


def versions() -> dict[str, str]:
    return {
        "App": __version__,
        "Qt": f"{qVersion()} (PySide6 {pyside_version})",
        "Qt platform": QApplication.platformName() if QApplication.instance() else "-",
        "Language": QLocale().name(),
    }


class CrashHandler(QObject):
    """Installed once by the app: every report goes to its folder (the log folder)."""

    crashed = Signal(str)  # the report's path

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.dialog: CrashDialog | None = None
        self._previous = (sys.excepthook, threading.excepthook)
        self.crashed.connect(self._show)

    def install(self) -> None:
        global _installed
        sys.excepthook = self._on_exception
        threading.excepthook = self._on_thread_exception
        _installed = self

    def uninstall(self) -> None:
        global _installed
        sys.excepthook, threading.excepthook = self._previous
        _installed = None

    def record(self, exc: BaseException, where: str) -> Path | None:
        """Write the report and log it (scrubbed too: the log must not leak either)."""
        text = build_report(exc, where, versions())
        try:
            path = save_report(self.folder, text)
        except OSError as problem:  # a full disk must not turn one crash into two
            log.error("unexpected error; no report written (%s)\n%s", problem, text)
            return None
        log.error("unexpected error; report saved to %s\n%s", path.name, text)
        return path

    def report(self, exc: BaseException, where: str) -> None:
        """Record `exc` and tell the user (from any thread)."""
        path = self.record(exc, where)
        if path is not None:
            self.crashed.emit(str(path))

    def _on_exception(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):  # Ctrl+C in a terminal is no crash
            self._previous[0](kind, exc, tb)
            return
        thread = threading.current_thread()
        where = "GUI thread" if thread is threading.main_thread() else f"thread {thread.name}"
        self.report(exc.with_traceback(tb), where)

    def _on_thread_exception(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return  # how a thread ends on purpose
        name = args.thread.name if args.thread is not None else "?"
        self.report(args.exc_value.with_traceback(args.exc_traceback), f"thread {name}")

    def _show(self, path: str) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.report = Path(path)  # one notice at a time, offering the latest report
            return
        self.dialog = CrashDialog(Path(path), QApplication.activeWindow())
        self.dialog.open()


def record_crash(exc: BaseException, where: str) -> None:
    """Record an unexpected error some caller tells the user about itself."""
    if _installed is not None:
        _installed.record(exc, where)
    else:  # tests and tools without the app's handler: still no raw traceback in the log
        log.error("unexpected error (%s)\n%s", where, build_report(exc, where, versions()))


def report_crash(exc: BaseException, where: str) -> None:
    """Record an unexpected error nobody handled and show the crash dialog."""
    if _installed is not None:
        _installed.report(exc, where)
    else:
        record_crash(exc, where)
