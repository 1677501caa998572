"""What the Library tab does with an illustration, end to end from its details panel: export,
copy as SVG, show in the folder; and the "Import them" strip for files the library doesn't know."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from tests.ui.library.test_library_session import open_session
from weshape_desktop.core.library import LibraryStore, NewFile
from weshape_desktop.core.svg import sanitize_svg
from weshape_desktop.ui.export import SVG_MIME, ExportDialog
from weshape_desktop.ui.library import LibraryTab

from .support import fill_library, sample_items

TIMEOUT = 10_000


def shown_tab(qtbot, tasks, previews, folder: Path, store: LibraryStore) -> LibraryTab:
    tab = LibraryTab(tasks, previews, folder, "en")
    qtbot.addWidget(tab)
    tab.show()
    tab.set_store(store)
    return tab


@pytest.fixture
def selected(qtbot, library, tasks, local_previews, translations):
    """A tab showing two illustrations, the second selected, its panel's actions ready."""
    _first, second = fill_library(library.store, library.folder, 2)
    tab = shown_tab(qtbot, tasks, local_previews, library.folder, library.store)
    qtbot.waitUntil(lambda: tab.view.model.rowCount() == 2, timeout=TIMEOUT)
    tab.view.grid.select_row(tab.view.model.row_of(second.id))
    panel = tab.detail
    qtbot.waitUntil(panel.export_action.isEnabled, timeout=TIMEOUT)  # its file was found
    return tab, second


def test_export_opens_the_dialog_for_the_selection(qtbot, selected) -> None:
    tab, item = selected
    qtbot.mouseClick(tab.detail.export_button, Qt.MouseButton.LeftButton)
    dialog = tab.findChild(ExportDialog)
    assert dialog is not None and dialog.isVisible() and dialog.entry.item.id == item.id
    dialog.reject()


def test_copy_svg_puts_the_file_on_the_clipboard(qtbot, selected, library) -> None:
    tab, item = selected
    with qtbot.waitSignal(tab.message, timeout=TIMEOUT) as told:
        qtbot.mouseClick(tab.detail.copy_svg_button, Qt.MouseButton.LeftButton)
    assert told.args == ["SVG copied: paste it into your design tool."]
    copied = bytes(QGuiApplication.clipboard().mimeData().data(SVG_MIME).data())
    assert copied == sanitize_svg((library.folder / f"{item.id}.svg").read_bytes())


def test_show_in_folder_opens_the_folder_holding_the_file(
    qtbot, library, tasks, local_previews, translations, opened_urls
) -> None:
    ((item, source),) = sample_items(1)
    (library.folder / "Icons").mkdir()
    shutil.copyfile(source, library.folder / "Icons" / "mine.svg")
    library.store.add_entries([NewFile(item, "Icons/mine.svg", item.sha256, "svg", item.bytes)])
    tab = shown_tab(qtbot, tasks, local_previews, library.folder, library.store)
    qtbot.waitUntil(lambda: tab.view.model.rowCount() == 1, timeout=TIMEOUT)
    tab.view.grid.select_row(0)
    qtbot.waitUntil(tab.detail.show_in_folder_action.isEnabled, timeout=TIMEOUT)
    qtbot.mouseClick(tab.detail.show_in_folder_button, Qt.MouseButton.LeftButton)
    assert [Path(url.toLocalFile()) for url in opened_urls] == [library.folder / "Icons"]


def test_import_them_adds_the_files_the_library_did_not_know(
    qtbot, library, tasks, local_previews, translations, tmp_path: Path
) -> None:
    kept, copied_in = fill_library(library.store, library.folder, 2)
    library.store.remove_entries([copied_in.id])  # the file stays: as if copied in by hand
    db = tmp_path / "library.db"
    check = open_session(qtbot, tasks, db, library.folder)  # the check the window runs
    assert check.unknown == (library.folder / f"{copied_in.id}.svg",)

    tab = shown_tab(qtbot, tasks, local_previews, library.folder, library.store)
    tab.set_check(check)
    qtbot.waitUntil(lambda: tab.view.model.rowCount() == 1, timeout=TIMEOUT)
    strip = tab.unknown_banner
    assert strip.isVisible() and "1 file in the library folder" in strip.message()
    assert strip.retry_button.text() == "Import them"
    with qtbot.waitSignal(tab.message, timeout=TIMEOUT) as told:
        qtbot.mouseClick(strip.retry_button, Qt.MouseButton.LeftButton)
    assert told.args == ["1 illustration imported."]
    assert not strip.isVisible()
    qtbot.waitUntil(lambda: tab.view.model.rowCount() == 2, timeout=TIMEOUT)
    entry = library.store.entry(copied_in.id)
    assert entry is not None and entry.path == f"{copied_in.id}.svg"
    assert library.store.entry(kept.id) is not None
