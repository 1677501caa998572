"""The details panels at small windows: at 1024×640 and up, with the downloads panel open, in both
languages, every control of the catalog's and the library's details lies inside the window (the
panels scroll instead of squeezing), and the title never overlaps the preview. Enter on a tile
takes the keyboard there."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QScrollArea, QWidget

from tests.conftest import LiveCatalog
from tests.ui.library.support import fill_app_library

TIMEOUT = 20_000
EDGE = 4  # px


def window_rect_of(widget: QWidget) -> QRect:
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


def check_preview_whole(preview: QLabel, title: QLabel) -> None:
    shown = preview.pixmap().deviceIndependentSize()
    assert shown.height() <= preview.height() and shown.width() <= preview.width()  # not cropped
    assert not title.geometry().intersects(preview.geometry())


def check_fits(panel: QWidget, pinned: list[QAbstractButton]) -> None:
    window = panel.window().rect()
    scroll = panel.findChild(QScrollArea)
    assert window.contains(window_rect_of(scroll.viewport()))
    content = scroll.widget()
    assert content.width() <= scroll.viewport().width()  # nothing cut off at the side
    for button in pinned:  # clear of the window's edge, on the left in Arabic
        assert window.adjusted(EDGE, 0, -EDGE, 0).contains(window_rect_of(button)), button.text()
    for child in content.findChildren(QWidget):
        if child.isVisibleTo(content) and isinstance(child, QAbstractButton | QLabel):
            box = QRect(child.mapTo(content, QPoint(0, 0)), child.size())
            assert box.left() >= 0 and box.right() < content.width(), child.objectName()


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("size", [(1024, 640), (1440, 900)])
def test_details_fit_the_window(make_window, live: LiveCatalog, qtbot, lang, size) -> None:
    fill_app_library(1)
    window = make_window()
    window.set_language(lang)
    window.connect_server(live.url)
    window.resize(*size)
    window.show()
    window.downloads_dock.show()
    qtbot.waitUntil(lambda: window.catalog.model.rowCount() > 0, timeout=TIMEOUT)
    window.catalog.grid.select_row(0)
    qtbot.waitUntil(window.detail.preview_label.is_final, timeout=TIMEOUT)
    assert window.size().width() == size[0] and window.size().height() == size[1]
    detail, buttons = window.detail, window.catalog_tab.download_buttons
    check_fits(detail, [buttons.svg_button, buttons.png_button])
    check_preview_whole(detail.preview_label, detail.title_label)

    window.tabs.setCurrentWidget(window.library_tab)
    library = window.library_tab
    qtbot.waitUntil(lambda: library.view.model.rowCount() == 1, timeout=TIMEOUT)
    library.view.grid.select_row(0)
    qtbot.waitUntil(lambda: library.detail.is_ready(), timeout=TIMEOUT)
    panel = library.detail
    check_fits(panel, [])
    check_preview_whole(panel.preview, panel.title_label)


def test_enter_moves_the_keyboard_to_the_details(make_window, live: LiveCatalog, qtbot) -> None:
    """Enter on a tile: the catalog's download button, the library's Export / recolour."""
    fill_app_library(1)
    window = make_window()
    window.connect_server(live.url)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: window.catalog.model.rowCount() > 0, timeout=TIMEOUT)
    grid = window.catalog.grid
    grid.select_row(0)
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    qtbot.waitUntil(window.catalog_tab.download_buttons.svg_button.hasFocus)

    window.tabs.setCurrentWidget(window.library_tab)
    library = window.library_tab
    qtbot.waitUntil(lambda: library.view.model.rowCount() == 1, timeout=TIMEOUT)
    library.view.grid.select_row(0)
    qtbot.waitUntil(lambda: library.detail.is_ready(), timeout=TIMEOUT)
    library.view.grid.setFocus()
    qtbot.keyClick(library.view.grid, Qt.Key.Key_Enter)
    qtbot.waitUntil(library.detail.export_button.hasFocus)
