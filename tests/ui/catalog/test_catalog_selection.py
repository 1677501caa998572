"""Catalog multi-select and drag out (issue 17), driven with mouse and key events on the real
catalog grid against the real reference server, a real keyring and the real download queue.

The offscreen platform ends a `QDrag.exec` at once (and Qt deletes the drag later), so a drag's
payload is copied as it starts."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from tests.ui.catalog.test_owned_marks import TIMEOUT, download, signed_in_window

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
LEFT = Qt.MouseButton.LeftButton


def loaded_window(make_window, server_url: str, qtbot):
    window = make_window()
    window.resize(1200, 800)
    window.connect_server(server_url)
    window.show()
    qtbot.waitUntil(
        lambda: window.catalog.model.rowCount() > 6 and window.downloads.is_running(),
        timeout=TIMEOUT,
    )
    return window


def tile_centre(window, row: int) -> QPoint:
    grid = window.catalog.grid
    return grid.visualRect(grid.proxy.index_of(row)).center()


def click(window, qtbot, row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.mouseClick(window.catalog.grid.viewport(), LEFT, modifier, tile_centre(window, row))


def selected_ids(window) -> list[str]:
    return [item.id for item in window.catalog.selected_items()]


def ids(window, rows) -> list[str]:
    return [window.catalog.model.item(row).id for row in rows]


def test_shift_ctrl_keys_and_escape_select_tiles(make_window, server_url: str, qtbot) -> None:
    window = loaded_window(make_window, server_url, qtbot)
    grid, tab = window.catalog.grid, window.catalog_tab
    click(window, qtbot, 1)
    assert selected_ids(window) == ids(window, [1])
    assert tab.detail.isVisible() and not tab.selection.isVisible()

    click(window, qtbot, 4, SHIFT)  # a range, in reading order across the grid's rows
    assert selected_ids(window) == ids(window, range(1, 5))
    assert tab.selection.isVisible() and not tab.detail.isVisible()
    assert tab.selection.heading.text() == "4 illustrations selected"
    assert tab.selection.buttons.svg_button.text() == "Download 4 illustrations as SVG"
    size = tab.download_buttons.png_size  # the single download's size is the batch's
    assert (
        tab.selection.buttons.png_button.text() == f"Download 4 illustrations as PNG ({size:,} px)"
    )
    assert not tab.selection.owned_label.isVisible()

    click(window, qtbot, 2, CTRL)  # toggles one off, then on again
    assert selected_ids(window) == ids(window, [1, 3, 4])
    assert tab.selection.heading.text() == "3 illustrations selected"
    click(window, qtbot, 2, CTRL)
    assert selected_ids(window) == ids(window, range(1, 5))

    click(window, qtbot, 0)  # a plain click: that one only
    assert selected_ids(window) == ids(window, [0])
    for _ in range(2):  # the keyboard extends the run
        qtbot.keyClick(grid, Qt.Key.Key_Right, SHIFT)
    assert selected_ids(window) == ids(window, range(3))

    qtbot.keyClick(grid, Qt.Key.Key_A, CTRL)  # everything loaded
    assert len(selected_ids(window)) == window.catalog.model.rowCount()

    qtbot.keyClick(grid, Qt.Key.Key_Escape)
    assert selected_ids(window) == []
    assert tab.detail.isVisible() and not tab.selection.isVisible()
    assert tab.detail.item() is None


def test_download_the_selection_skips_what_the_library_has(
    make_window, server_url: str, qtbot
) -> None:
    window = signed_in_window(make_window, server_url, qtbot)
    tab = window.catalog_tab
    window.catalog.grid.select_row(0)
    download(window, qtbot, tab.download_buttons.svg_button.click)
    owned = tab.view.model.owned_formats
    qtbot.waitUntil(lambda: bool(owned(ids(window, [0])[0])), timeout=TIMEOUT)

    window.catalog.grid.select_rows(range(5))
    panel = tab.selection
    assert panel.owned_label.text() == "1 of 5 already in your library: they are skipped."
    assert panel.buttons.svg_button.text() == "Download 4 illustrations as SVG"
    finished: list[str] = []
    window.downloads.finished.connect(lambda state: finished.append(state.item.id))
    panel.buttons.svg_button.click()
    qtbot.waitUntil(lambda: len(finished) == 4, timeout=TIMEOUT)
    assert sorted(finished) == sorted(ids(window, range(1, 5)))
    assert not window.downloads_dock.isVisible()  # the panel opens only on request or failure
    assert window.download_notice.isVisible()
    qtbot.waitUntil(lambda: not panel.buttons.svg_button.isEnabled(), timeout=TIMEOUT)
    assert panel.owned_label.text() == "All of them are already in your library."
    assert not panel.buttons.png_button.isEnabled()


def test_download_the_selection_asks_to_sign_in_first(make_window, server_url: str, qtbot):
    window = loaded_window(make_window, server_url, qtbot)
    window.catalog.grid.select_rows([0, 2])
    window.catalog_tab.selection.buttons.png_button.click()
    assert window.download_requests.waiting() == 2
    assert window.downloads.states() == []
    dialog = next(w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window)
    dialog.close()
    qtbot.waitUntil(lambda: window.download_requests.waiting() == 0, timeout=TIMEOUT)


def drag_tiles(window, qtbot, rows: list[int]) -> None:
    """Select `rows`, press on the first and move past the drag distance, button held."""
    window.catalog.grid.select_rows(rows)
    viewport = window.catalog.grid.viewport()
    start = tile_centre(window, rows[0])
    qtbot.mousePress(viewport, LEFT, Qt.KeyboardModifier.NoModifier, start)
    distance = QApplication.startDragDistance() + 5
    for step in (1, 2):  # the first move arms the drag, the next starts it
        qtbot.mouseMove(viewport, start + QPoint(step * distance, 0))


def watch_drags(window) -> list[QMimeData]:
    """What the drags out of the catalog will carry, copied as each begins."""
    drags: list[QMimeData] = []

    def copy(data: QMimeData) -> None:
        payload = QMimeData()
        for fmt in data.formats():
            payload.setData(fmt, data.data(fmt))
        drags.append(payload)

    window.catalog_tab.drag_out.started.connect(copy)
    return drags


def files_of(payload: QMimeData) -> list[Path]:
    return [Path(url.toLocalFile()) for url in payload.urls()]


def test_drag_of_owned_tiles_carries_their_files(make_window, server_url: str, qtbot) -> None:
    window = signed_in_window(make_window, server_url, qtbot)
    for row in (0, 1):
        window.catalog.grid.select_row(row)
        download(window, qtbot, window.catalog_tab.download_buttons.svg_button.click)
    qtbot.waitUntil(lambda: all(window.catalog.model.owned_formats(i) for i in ids(window, [0, 1])))
    drags = watch_drags(window)
    drag_tiles(window, qtbot, [0, 1])
    assert len(drags) == 1
    files = files_of(drags[0])
    assert len(files) == 2 and all(f.is_file() and f.suffix == ".svg" for f in files)
    assert all(f.parent == window.library_dir for f in files)
    assert not window.catalog_tab.drag_out.is_waiting()


def test_drag_downloads_first_then_drops(make_window, server_url: str, qtbot) -> None:
    window = signed_in_window(make_window, server_url, qtbot)
    drag_out, drags = window.catalog_tab.drag_out, watch_drags(window)
    drag_tiles(window, qtbot, [2, 3])
    assert drag_out.is_waiting() and not drags
    assert drag_out.note.isVisible()
    assert drag_out.note.text() == "Downloading 2 illustrations to drop… (Escape cancels)"
    assert QGuiApplication.mouseButtons() & LEFT  # still held: the drag starts by itself
    selected = selected_ids(window)
    qtbot.mouseMove(window.catalog.grid.viewport(), tile_centre(window, 5))
    assert selected_ids(window) == selected  # moving on while it waits selects nothing
    qtbot.waitUntil(lambda: bool(drags), timeout=TIMEOUT)
    files = files_of(drags[0])
    assert len(files) == 2 and all(f.is_file() for f in files)
    assert not drag_out.is_waiting() and not drag_out.note.isVisible()
    qtbot.mouseRelease(window.catalog.grid.viewport(), LEFT)


def test_escape_cancels_a_waiting_drag(make_window, server_url: str, qtbot) -> None:
    window = signed_in_window(make_window, server_url, qtbot)
    drag_out, drags = window.catalog_tab.drag_out, watch_drags(window)
    drag_tiles(window, qtbot, [4])
    assert drag_out.is_waiting()
    qtbot.keyClick(window.catalog.grid, Qt.Key.Key_Escape)
    assert not drag_out.is_waiting()
    assert drag_out.note.text() == "The drag was cancelled."
    assert window.catalog.selected_items()  # Escape ended the wait, not the selection
    qtbot.mouseRelease(window.catalog.grid.viewport(), LEFT)
    qtbot.waitUntil(
        lambda: all(s.state in ("cancelled", "done") for s in window.downloads.states()),
        timeout=TIMEOUT,
    )
    assert not drags


def test_a_failed_download_ends_the_drag_with_a_message(
    make_window, server_url: str, qtbot
) -> None:
    window = signed_in_window(make_window, server_url, qtbot)
    drag_out = window.catalog_tab.drag_out
    drags = watch_drags(window)
    gone = replace(window.catalog.model.item(5), id="gone", sha256="0" * 64)  # the server: 404
    drag_out.start([gone])
    assert drag_out.is_waiting()
    qtbot.waitUntil(lambda: not drag_out.is_waiting(), timeout=TIMEOUT)
    assert drag_out.note.text().startswith("Nothing was dropped: ")
    assert gone.title_in("en") in drag_out.note.text()
    assert not drags


def test_a_drag_signed_out_asks_to_sign_in(make_window, server_url: str, qtbot) -> None:
    window = loaded_window(make_window, server_url, qtbot)
    drag_out, drags = window.catalog_tab.drag_out, watch_drags(window)
    drag_tiles(window, qtbot, [1, 2])
    qtbot.mouseRelease(window.catalog.grid.viewport(), LEFT)
    assert not drag_out.is_waiting()
    assert drag_out.note.text() == "Sign in to download these illustrations, then drag them again."
    assert window.download_requests.waiting() == 2  # downloaded once signed in
    assert not drags
