"""Browsing a tile grid as a designer does, driven with keys and the mouse: the grid-size slider
and its shortcuts, quick look, Enter and double-click. The catalog's and the library's tests call
these on their own views (their fixtures differ; what is checked is the same)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QHoverEvent
from PySide6.QtWidgets import QApplication, QWidget

from weshape_desktop.ui.grid import LARGE_PREVIEW_SIZE, TileGrid, TileModel, TileSizeSlider
from weshape_desktop.ui.previews import PreviewService

TIMEOUT = 15_000
CTRL = Qt.KeyboardModifier.ControlModifier


def check_tile_size_shortcuts_and_memory(
    qtbot, view: QWidget, model: TileModel, grid: TileGrid, ini: Path
) -> None:
    """Ctrl+= / Ctrl+- / Ctrl+0 and the slider size the tiles; previews render at 160 or 320 px
    only; the size is saved under the grid's key and read back by the next slider."""
    settings = QSettings(str(ini), QSettings.Format.IniFormat)
    zoom = TileSizeSlider(grid, view)  # the window puts it in its status bar
    zoom.show()
    zoom.remember(settings, "tiles")
    view.activateWindow()
    qtbot.waitUntil(lambda: grid.window().isActiveWindow(), timeout=TIMEOUT)
    grid.setFocus()
    cell = grid.horizontalHeader().defaultSectionSize(), grid.verticalHeader().defaultSectionSize()
    columns = grid.proxy.columns()

    qtbot.keyClick(grid, Qt.Key.Key_Equal, CTRL)
    assert (grid.tile_size(), model.preview_size) == (176, 320)
    assert grid.verticalHeader().defaultSectionSize() == cell[1] + 16
    qtbot.keyClick(grid, Qt.Key.Key_Minus, CTRL)
    qtbot.keyClick(grid, Qt.Key.Key_Minus, CTRL)
    assert (grid.tile_size(), model.preview_size) == (144, 160)
    zoom.slider.setValue(100)  # a drag between steps snaps to one
    assert zoom.slider.value() == grid.tile_size() == 96
    assert grid.proxy.columns() > columns  # smaller tiles: more of them per row
    assert int(settings.value("tiles")) == 96
    qtbot.keyClick(grid, Qt.Key.Key_0, CTRL)
    assert (grid.tile_size(), cell[1]) == (160, grid.verticalHeader().defaultSectionSize())

    zoom.slider.setValue(320)
    settings.sync()
    again = TileSizeSlider(grid, view)
    again.remember(QSettings(str(ini), QSettings.Format.IniFormat), "tiles")
    assert again.slider.value() == 320
    other = TileSizeSlider(grid, view)
    other.remember(QSettings(str(ini), QSettings.Format.IniFormat), "another tab")
    assert other.slider.value() == grid.tile_size() == 160


def check_quick_look_with_keys(
    qtbot, grid: TileGrid, titles: list[str], previews: PreviewService
) -> None:
    """Space opens the current tile large; arrows move through the grid (the selection and
    the quick look follow); Space and Escape close it; a click on the dimmed grid too."""
    grid.setFocus()
    grid.select_row(0)
    qtbot.keyClick(grid, Qt.Key.Key_Space)
    look = grid.quick_look()
    assert look is not None and look.title() == titles[0]
    qtbot.waitUntil(look.preview.is_final, timeout=TIMEOUT)  # rendered large, not just scaled
    assert previews.pixmap(look.sha256(), LARGE_PREVIEW_SIZE) is not None
    assert look.geometry() == grid.viewport().geometry()
    card = look.card.geometry()
    assert look.rect().contains(card) and card.width() > grid.tile_size()

    right = Qt.Key.Key_Left if grid.isRightToLeft() else Qt.Key.Key_Right
    qtbot.keyClick(grid, right)
    assert grid.selected_rows() == [1]
    assert grid.quick_look() is look and look.title() == titles[1]
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    row = grid.proxy.columns() + 1
    assert grid.selected_rows() == [row] and look.title() == titles[row]
    qtbot.keyClick(grid, Qt.Key.Key_Space)
    assert grid.quick_look() is None

    qtbot.keyClick(grid, Qt.Key.Key_Space)
    assert grid.quick_look() is look
    qtbot.keyClick(grid, Qt.Key.Key_Escape)
    assert grid.quick_look() is None

    qtbot.keyClick(grid, Qt.Key.Key_Space)
    qtbot.mouseClick(look, Qt.MouseButton.LeftButton, pos=card.center())
    assert grid.quick_look() is look  # a click on the card itself keeps it
    qtbot.mouseClick(look, Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    assert grid.quick_look() is None
    assert grid.selected_rows() == [row]  # the click outside selected nothing underneath


def check_enter_and_double_click_open(qtbot, grid: TileGrid) -> None:
    """Enter on the current tile, or a double-click on another, asks to open its details."""
    opened: list[int] = []
    grid.opened.connect(opened.append)
    grid.setFocus()
    grid.select_row(1)
    qtbot.keyClick(grid, Qt.Key.Key_Space)
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert opened == [1] and grid.quick_look() is None  # Enter from quick look: the details
    centre = grid.visualRect(grid.proxy.index_of(0)).center()
    # As a real double-click arrives: a click, then the double-click on the same tile.
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert opened == [1]
    qtbot.mouseDClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert opened == [1, 0], opened


def check_hover_differs_from_selection(qtbot, grid: TileGrid) -> None:
    """The tile under the pointer gets a wash that is neither the plain tile nor the selected one
    (sampled inside the tile's edge, beside the preview), and loses it when the pointer leaves."""
    grid.select_row(1)
    cell = grid.visualRect(grid.proxy.index_of(0))
    edge = cell.center() - QPoint(grid.delegate.tile.width() // 2 - 2, 0)

    def colour_at_corner(row: int) -> int:
        point = edge + grid.visualRect(grid.proxy.index_of(row)).topLeft() - cell.topLeft()
        return grid.viewport().grab().toImage().pixel(point)

    def hover(point: QPoint) -> None:
        # As the pointer moving in sends them (QTest's pointer may hold a button from earlier).
        at = QPointF(point)
        QApplication.sendEvent(grid.viewport(), QHoverEvent(QEvent.Type.HoverMove, at, at, at))

    plain, selected = colour_at_corner(0), colour_at_corner(1)
    hover(cell.center())
    qtbot.waitUntil(lambda: colour_at_corner(0) != plain)
    assert colour_at_corner(0) != selected
    hover(grid.visualRect(grid.proxy.index_of(2)).center())
    qtbot.waitUntil(lambda: colour_at_corner(0) == plain)
