"""The window's grid-size sliders: one per tab in the status bar, shown with its tab, its
shortcuts working on its own grid only, each size remembered for the next window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

CTRL = Qt.KeyboardModifier.ControlModifier


def test_each_tab_keeps_its_own_tile_size(make_window, qtbot):
    window = make_window()
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    catalog, library = window.catalog.grid, window.library_tab.view.grid
    assert window.catalog_zoom.isVisible() and not window.library_zoom.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Equal, CTRL)
    window.tabs.setCurrentWidget(window.library_tab)
    assert window.library_zoom.isVisible() and not window.catalog_zoom.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Minus, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_Minus, CTRL)
    assert (catalog.tile_size(), library.tile_size()) == (176, 128)
    window.close()

    again = make_window()
    assert again.catalog.grid.tile_size() == 176
    assert again.library_tab.view.grid.tile_size() == 128
    assert again.library_zoom.slider.value() == 128
