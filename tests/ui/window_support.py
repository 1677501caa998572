"""A main window made ready for key presses, for the tests that type (shortcuts, key-only flows)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication

from weshape_desktop.ui.main_window import MainWindow


def ready_to_type(
    qtbot, window: MainWindow, url: str, also: Callable[[], bool] = lambda: True
) -> MainWindow:
    """`window` on the server at `url`, shown and active (keys reach it), its catalog loaded,
    its session and download queue up, and `also()` true."""
    window.connect_server(url)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(
        lambda: (
            QApplication.activeWindow() is window
            and window.catalog.model.rowCount() > 0
            and window.accounts.session is not None
            and window.downloads.is_running()
            and also()
        ),
        timeout=20_000,
    )
    return window
