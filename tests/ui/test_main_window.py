"""The main window as a whole: wiring, runtime language switch, bad server URLs, geometry."""

from __future__ import annotations

import socket
import time

import pytest
from PySide6.QtCore import Qt

from tests.conftest import LiveCatalog
from tests.ui.library.support import fill_library
from weshape_desktop.core.config import Settings
from weshape_desktop.core.library import LibraryStore
from weshape_desktop.core.paths import AppPaths

TIMEOUT = 20_000


def test_grid_detail_and_count(make_window, live: LiveCatalog, qtbot) -> None:
    window = make_window()
    window.connect_server(live.url)
    window.show()
    qtbot.waitUntil(lambda: window.catalog.model.rowCount() > 0, timeout=TIMEOUT)
    assert window.count_label.text() == f"{live.total} illustrations"  # all, not just page one
    window.catalog.grid.select_row(0)
    assert window.detail.item() == window.catalog.model.item(0)
    qtbot.waitUntil(lambda: window.view_ready("detail"), timeout=TIMEOUT)


def test_language_switches_at_runtime(make_window, live: LiveCatalog, qtbot, qapp) -> None:
    window = make_window()
    window.connect_server(live.url)
    qtbot.waitUntil(lambda: window.catalog.model.rowCount() > 0, timeout=TIMEOUT)
    window.set_language("ar")
    assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    qtbot.waitUntil(
        lambda: window.windowTitle() == "weShape لسطح المكتب"
    )  # LanguageChange is posted
    assert window.file_menu.title() == "&ملف"
    assert "رسم" in window.count_label.text()
    first_title = window.catalog.model.index(0, 0).data()
    assert any("\u0600" <= ch <= "\u06ff" for ch in first_title)
    assert Settings.load(window.paths.settings_file).language == "ar"
    window.set_language("en")
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight
    qtbot.waitUntil(lambda: window.file_menu.title() == "&File")


def test_search_shortcut_focuses_the_catalog_search(make_window, qtbot) -> None:
    window = make_window()
    window.show()
    qtbot.waitActive(window)
    edit = window.catalog.search_edit
    edit.setText("cats")
    edit.deselect()
    window.catalog.grid.setFocus()
    window.search_action.trigger()  # Ctrl+F
    qtbot.waitUntil(edit.hasFocus)
    assert edit.selectedText() == "cats"  # typing replaces the last search


@pytest.mark.parametrize(
    ("url", "expected"),
    [("", "No weShape server is set"), ("http://example.com", "is not secure")],
)
def test_missing_or_insecure_server_is_explained(make_window, url: str, expected: str) -> None:
    window = make_window()
    window.connect_server(url)
    assert expected in window.catalog.banner.message()
    assert window.api is None


def test_demo_server_failure_is_shown(make_window, qtbot) -> None:
    from weshape_desktop.core.demo_server import DemoServerError

    def fail() -> str:
        raise DemoServerError(detail="exited with 1")

    window = make_window()
    window.connect_when_ready(fail)
    qtbot.waitUntil(lambda: "demo server could not start" in window.catalog.banner.message())


def test_window_geometry_is_remembered(make_window, qtbot) -> None:
    first = make_window()
    first.show()
    first.resize(700, 500)  # within the offscreen screen (800×600)
    first.close()
    second = make_window()
    second.show()
    qtbot.waitExposed(second)
    assert (second.width(), second.height()) == (700, 500)


def test_library_sidebar_width_is_remembered(make_window, qtbot) -> None:
    paths = AppPaths.resolve().ensure()
    store = LibraryStore(paths.library_db)
    fill_library(store, paths.default_library_dir, 1)  # an empty library shows no sidebar
    store.close()

    def library_shown():  # a MainWindow
        window = make_window()
        window.show()
        window.tabs.setCurrentWidget(window.library_tab)
        splitter = window.library_tab.view.splitter
        qtbot.waitUntil(lambda: splitter.sizes()[0] > 0, timeout=10_000)  # shown and laid out
        return window

    first = library_shown()
    first.resize(780, 560)  # within the offscreen screen (800×600)
    splitter = first.library_tab.view.splitter
    splitter.setSizes([310, splitter.width() - 310])
    width = splitter.sizes()[0]
    first.close()
    second = library_shown()
    assert second.library_tab.view.splitter.sizes()[0] == width


def test_quitting_does_not_wait_for_a_server_that_never_answers(make_window, qtbot) -> None:
    # Connections are accepted and never answered: each catalog request would wait out its
    # 10 s read timeout, 40 s with retries. The window's shutdown must not wait for that.
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        window = make_window()
        window.connect_server(f"http://127.0.0.1:{listener.getsockname()[1]}")
        qtbot.waitUntil(window.catalog.model.is_loading, timeout=TIMEOUT)
        started = time.monotonic()
        window.shutdown()
        assert time.monotonic() - started < window.api.timeout  # aborted, not timed out
        assert window.tasks.pool.activeThreadCount() == 0
