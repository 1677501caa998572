"""The README's keyboard shortcuts, pressed on the main window as a user would: Ctrl+F, Ctrl+J,
Ctrl+E, and Ctrl+D meaning "download" in the catalog and "favourite" in the library. Both Ctrl+D
actions live in one window, so only one may be enabled at a time: Qt triggers neither of two
enabled actions with one shortcut (an "Ambiguous shortcut overload"), and the press does nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.conftest import LiveCatalog
from tests.ui.library.support import fill_app_library
from tests.ui.window_support import ready_to_type
from weshape_desktop.core.models import Illustration
from weshape_desktop.ui.account import SignInDialog
from weshape_desktop.ui.export import ExportDialog
from weshape_desktop.ui.main_window import MainWindow

TIMEOUT = 20_000
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(make_window, live: LiveCatalog, qtbot) -> tuple[MainWindow, Illustration]:
    """A shown, active window on the live catalog, signed out, with one illustration in its
    library."""
    (kept,) = fill_app_library(1)
    window = make_window()
    ready_to_type(qtbot, window, live.url, lambda: window.library_tab.view.model.rowCount() == 1)
    return window, kept


def press(qtbot, window: MainWindow, key: Qt.Key) -> None:
    qtbot.keyClick(window, key, CTRL)


def no_ambiguous_shortcuts(qtlog) -> None:
    clashes = [r.message for r in qtlog.records if "Ambiguous shortcut" in r.message]
    assert not clashes, clashes


def test_ctrl_d_downloads_in_the_catalog_and_favourites_in_the_library(
    window, qtbot, qtlog
) -> None:
    window, kept = window
    store = window.library.store

    window.tabs.setCurrentWidget(window.library_tab)
    window.library_tab.view.grid.select_row(0)
    assert window.library_tab.detail.entry().item.id == kept.id
    press(qtbot, window, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: store.entry(kept.id).favourite, timeout=TIMEOUT)
    assert window.findChild(SignInDialog) is None, "Ctrl+D in the library is not a download"
    assert window.download_requests.waiting() == 0

    window.tabs.setCurrentWidget(window.catalog_tab)
    window.catalog.grid.select_row(0)
    press(qtbot, window, Qt.Key.Key_D)
    # Signed out: the download waits for a sign-in, which the window asks for.
    dialog = window.findChild(SignInDialog)
    assert dialog is not None and dialog.isVisible()
    assert window.download_requests.waiting() == 1
    dialog.reject()
    assert store.entry(kept.id).favourite, "Ctrl+D in the catalog left the favourite alone"
    no_ambiguous_shortcuts(qtlog)


def test_ctrl_f_searches_the_tab_on_screen(window, qtbot, qtlog) -> None:
    window, _kept = window
    press(qtbot, window, Qt.Key.Key_F)
    qtbot.waitUntil(window.catalog.search_edit.hasFocus, timeout=TIMEOUT)

    window.tabs.setCurrentWidget(window.library_tab)
    press(qtbot, window, Qt.Key.Key_F)
    qtbot.waitUntil(window.library_tab.view.filters.search_edit.hasFocus, timeout=TIMEOUT)
    no_ambiguous_shortcuts(qtlog)


def test_ctrl_j_shows_and_hides_the_downloads(window, qtbot, qtlog) -> None:
    window, _kept = window
    assert not window.downloads_dock.isVisible()
    press(qtbot, window, Qt.Key.Key_J)
    assert window.downloads_dock.isVisible()
    press(qtbot, window, Qt.Key.Key_J)
    assert not window.downloads_dock.isVisible()
    no_ambiguous_shortcuts(qtlog)


def test_ctrl_e_exports_the_library_selection_only(window, qtbot, qtlog) -> None:
    window, kept = window
    window.catalog.grid.select_row(0)
    press(qtbot, window, Qt.Key.Key_E)
    assert window.findChild(ExportDialog) is None, "the catalog has nothing to export"

    window.tabs.setCurrentWidget(window.library_tab)
    window.library_tab.view.grid.select_row(0)
    panel = window.library_tab.detail
    qtbot.waitUntil(panel.export_action.isEnabled, timeout=TIMEOUT)  # once its file is found
    press(qtbot, window, Qt.Key.Key_E)
    dialog = window.findChild(ExportDialog)
    assert dialog is not None and dialog.isVisible() and dialog.entry.item.id == kept.id
    dialog.reject()
    no_ambiguous_shortcuts(qtlog)
