"""Both grids move with the keyboard as a tile view should, in either direction of writing:
arrows step tile by tile (wrapping at the end of a line), Home and End go to the first and last
tile, PageDown and PageUp move by a screenful, and Tab leaves the grid instead of walking it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.conftest import LiveCatalog
from weshape_desktop.ui.grid import TileGrid
from weshape_desktop.ui.main_window import MainWindow

TIMEOUT = 20_000
Key = Qt.Key


@pytest.fixture(params=["en", "ar"])
def grid(request, make_window, live: LiveCatalog, qtbot) -> TileGrid:
    window: MainWindow = make_window()
    window.set_language(request.param)
    window.connect_server(live.url)
    window.show()
    window.activateWindow()
    grid = window.catalog.grid
    qtbot.waitUntil(lambda: grid.proxy.source_count() > 3 * grid.proxy.columns(), timeout=TIMEOUT)
    grid.setFocus()
    qtbot.waitUntil(grid.hasFocus)
    grid.select_row(0)
    return grid


def press(qtbot, grid: TileGrid, key: Qt.Key) -> int:
    qtbot.keyClick(QApplication.focusWidget(), key)
    return grid.proxy.flat_row(grid.currentIndex())


def test_arrows_follow_the_reading_direction(grid: TileGrid, qtbot) -> None:
    forward, back = (Key.Key_Left, Key.Key_Right) if grid.isRightToLeft() else (
        Key.Key_Right, Key.Key_Left
    )  # fmt: skip
    columns = grid.proxy.columns()
    assert press(qtbot, grid, forward) == 1
    assert press(qtbot, grid, back) == 0
    assert press(qtbot, grid, Key.Key_Down) == columns
    assert press(qtbot, grid, back) == columns - 1, "the line's start steps to the line above"
    assert press(qtbot, grid, forward) == columns, "the line's end steps to the next line"
    assert press(qtbot, grid, Key.Key_Up) == 0


def test_home_end_and_pages(grid: TileGrid, qtbot) -> None:
    count = grid.proxy.source_count()
    last = press(qtbot, grid, Key.Key_End)
    assert last == count - 1, "End goes to the last tile loaded"
    assert last > grid.proxy.columns(), "End goes to the last tile, not the line's end"
    assert press(qtbot, grid, Key.Key_Home) == 0
    down = press(qtbot, grid, Key.Key_PageDown)
    assert down > grid.proxy.columns() and down % grid.proxy.columns() == 0
    assert press(qtbot, grid, Key.Key_PageUp) == 0


def test_tab_leaves_the_grid(grid: TileGrid, qtbot) -> None:
    qtbot.keyClick(grid, Key.Key_Tab)
    assert not grid.hasFocus()
    assert grid.proxy.flat_row(grid.currentIndex()) == 0


def test_enter_opens_the_current_tile(grid: TileGrid, qtbot) -> None:
    press(qtbot, grid, Key.Key_Down)
    with qtbot.waitSignal(grid.opened, timeout=TIMEOUT) as opened:
        press(qtbot, grid, Key.Key_Return)
    assert opened.args == [grid.proxy.columns()]
