"""What the library holds, seen from the catalog and in the library (issue 17): the owned mark
per format on catalog tiles after a real download, "Show in library", format badges on library
tiles, and the way forward for a PNG-only entry."""

from __future__ import annotations

from tests.ui.conftest import open_window as signed_in_window
from weshape_desktop.ui.grid import FormatsRole

TIMEOUT = 30_000


def download(window, qtbot, start) -> None:
    """Call `start()` and wait for the download it queues to finish."""
    with qtbot.waitSignal(window.downloads.finished, timeout=TIMEOUT):
        start()


def mark(window, row: int) -> str | None:
    return window.catalog.model.index(row).data(FormatsRole)


def test_catalog_marks_owned_formats_and_shows_them_in_the_library(
    make_window, server_url: str, qtbot
) -> None:
    window = signed_in_window(make_window, server_url, qtbot)
    buttons = window.catalog_tab.download_buttons
    window.catalog.grid.select_row(0)
    item = window.catalog.model.item(0)
    assert mark(window, 0) is None
    assert buttons.svg_button.text() == "Download SVG" and buttons.svg_button.menu() is None

    download(window, qtbot, buttons.svg_button.click)
    qtbot.waitUntil(lambda: mark(window, 0) == "✓ SVG", timeout=TIMEOUT)
    assert mark(window, 1) is None
    assert "In your library: SVG" in window.catalog.model.index(0).data(3)  # the tooltip
    assert buttons.svg_button.text() == "Show in library"
    assert buttons.download_svg_action.text() == "Download SVG again"

    download(window, qtbot, buttons.png_button.click)
    qtbot.waitUntil(lambda: mark(window, 0) == "✓ PNG · SVG", timeout=TIMEOUT)

    # "Download again" is one click away, in the button's menu.
    download(window, qtbot, buttons.download_svg_action.trigger)

    buttons.svg_button.click()
    assert window.tabs.currentWidget() is window.library_tab
    view = window.library_tab.view
    qtbot.waitUntil(lambda: view.current_entry() is not None, timeout=TIMEOUT)
    assert view.current_entry().item.id == item.id

    # Removing the entry in the library takes the mark off the catalog tile.
    window.library.store.remove_entries([item.id])
    window.library_tab.edited.emit()
    qtbot.waitUntil(lambda: mark(window, 0) is None, timeout=TIMEOUT)
    window.catalog.grid.select_row(1)
    window.catalog.grid.select_row(0)
    assert buttons.svg_button.text() == "Download SVG"


def test_library_badges_and_the_png_only_way_forward(make_window, server_url: str, qtbot) -> None:
    window = signed_in_window(make_window, server_url, qtbot)
    buttons = window.catalog_tab.download_buttons
    window.catalog.grid.select_row(1)
    png_item = window.catalog.model.item(1)
    download(window, qtbot, buttons.png_button.click)
    qtbot.waitUntil(lambda: mark(window, 1) == "✓ PNG", timeout=TIMEOUT)
    # Only a PNG in the library: the main button still shows it, the SVG is in its menu.
    assert buttons.svg_button.text() == "Show in library"
    assert buttons.download_svg_action.text() == "Download SVG"

    window.tabs.setCurrentWidget(window.library_tab)
    window.library_tab.show_item(png_item.id)
    view = window.library_tab.view
    qtbot.waitUntil(lambda: view.current_entry() is not None, timeout=TIMEOUT)

    def badge() -> str | None:
        return view.model.index(view.model.row_of(png_item.id)).data(FormatsRole)

    qtbot.waitUntil(lambda: badge() == "PNG", timeout=TIMEOUT)  # the row loads when asked
    detail = window.library_tab.detail
    qtbot.waitUntil(lambda: detail.is_ready(), timeout=TIMEOUT)
    assert not detail.export_action.isEnabled() and not detail.copy_svg_action.isEnabled()
    assert detail.png_only_label.isVisible()
    assert "PNG only" in detail.png_only_label.text()
    assert detail.export_action.toolTip() == detail.png_only_label.text()

    download(window, qtbot, detail.download_svg_button.click)
    assert any(s.item.id == png_item.id and s.fmt == "svg" for s in window.downloads.states())
    qtbot.waitUntil(lambda: badge() == "PNG · SVG", timeout=TIMEOUT)
    qtbot.waitUntil(lambda: not detail.png_only_label.isVisible(), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: detail.export_action.isEnabled(), timeout=TIMEOUT)
