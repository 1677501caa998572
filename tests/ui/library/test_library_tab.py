"""The Library tab: its details panel, and its integrity strips (what the opening check found,
and the fixes it offers)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from tests.ui.library.test_library_session import damaged_inside, library_with_one_file
from weshape_desktop.core.library import NewFile
from weshape_desktop.core.models import Facet, Facets
from weshape_desktop.ui.library import LibraryCheck, LibrarySession, LibraryTab

from .support import fill_library

SELECT_HINT = "Select an illustration to see its details."


def test_details_appear_with_the_first_selected_entry(
    qtbot, library, tasks, local_previews, translations
) -> None:
    """The panel is built only when an entry is first shown; what the tab was told before
    (the store, the facets) still reaches it."""
    first, _second = fill_library(library.store, library.folder, 2)
    tab = LibraryTab(tasks, local_previews, library.folder, "en")
    qtbot.addWidget(tab)
    tab.show()
    category = Facet(first.category, {"en": "Everyday people"}, 1)
    tab.set_facets(Facets((category,), ()))
    tab.set_store(library.store)
    qtbot.waitUntil(lambda: tab.view.model.rowCount() == 2)
    hints = [label for label in tab.findChildren(QLabel) if label.text() == SELECT_HINT]
    assert any(label.isVisible() for label in hints)  # nothing selected yet

    tab.view.grid.select_row(tab.view.model.row_of(first.id))
    panel = tab.detail
    assert panel.isVisible() and not any(label.isVisible() for label in hints)
    assert panel.entry() is not None and panel.entry().item.id == first.id
    assert panel.title_label.text() == first.title_in("en")
    assert panel.field_text("category") == "Everyday people"
    with qtbot.waitSignal(panel.entry_changed):  # editable: the store reached the panel
        qtbot.mouseClick(panel.favourite_button, Qt.MouseButton.LeftButton)
    assert library.store.entry(first.id).favourite


def test_missing_files_are_downloaded_again_in_their_own_format(
    qtbot, library, tasks, local_previews, translations
) -> None:
    svg_item, png_item = fill_library(library.store, library.folder, 2)
    (library.folder / f"{svg_item.id}.svg").unlink()
    library.store.add_entries([NewFile(png_item, "big.png", "0" * 64, "png", 10, png_size=512)])
    tab = LibraryTab(tasks, local_previews, library.folder, "en")
    qtbot.addWidget(tab)
    tab.show()
    tab.set_store(library.store)
    tab.set_check(LibraryCheck(None, 0, (svg_item.id, png_item.id), ()))
    assert tab.missing_banner.isVisible() and "2 illustrations" in tab.missing_banner.message()
    assert not tab.missing_banner.icon_label.pixmap().isNull()  # drawn when first shown
    asked: list[tuple[str, str, int]] = []
    tab.download_requested.connect(lambda item, fmt, size: asked.append((item.id, fmt, size)))
    tab.missing_banner.retry_button.click()
    qtbot.waitUntil(lambda: len(asked) == 2)
    assert sorted(asked) == sorted([(svg_item.id, "svg", 0), (png_item.id, "png", 512)])
    assert not tab.missing_banner.isVisible()


def test_show_in_library_clears_a_search_that_hides_the_item(
    qtbot, library, tasks, local_previews, translations
) -> None:
    items = fill_library(library.store, library.folder, 3)
    tab = LibraryTab(tasks, local_previews, library.folder, "en")
    qtbot.addWidget(tab)
    tab.show()
    tab.set_store(library.store)
    tab.set_check(LibraryCheck(None, 0, (), ()))
    view = tab.view
    qtbot.waitUntil(lambda: view.model.rowCount() == 3)
    shown, hidden = items[0], items[1]
    view.filters.search_edit.setText(shown.title_in("en"))
    view.filters.search_edit.returnPressed.emit()
    qtbot.waitUntil(lambda: view.model.row_of(hidden.id) < 0 and view.model.rowCount() >= 1)

    tab.show_item(shown.id)  # listed: selected at once, the search stays
    assert view.current_entry() is not None and view.current_entry().item.id == shown.id
    assert view.filters.search_edit.text() == shown.title_in("en")

    tab.show_item(hidden.id)  # hidden by the search: the whole library, then the item
    qtbot.waitUntil(
        lambda: view.current_entry() is not None and view.current_entry().item.id == hidden.id
    )
    assert view.filters.search_edit.text() == "" and view.model.rowCount() == 3


def test_damage_found_right_after_opening_is_repaired_and_the_user_told(
    qtbot, tasks, local_previews, translations, tmp_path: Path
) -> None:
    folder, db = library_with_one_file(tmp_path)
    damaged_inside(db)  # passes the header check at open, fails the quick check after it
    tab = LibraryTab(tasks, local_previews, folder, "en")
    qtbot.addWidget(tab)
    tab.show()
    session = LibrarySession(tasks, db, folder, parent=tab)
    tab.use_session(session)
    session.open()
    qtbot.waitUntil(lambda: session.is_settled() and tab.view.model.query_loaded(), timeout=10_000)
    box = tab.findChild(QMessageBox)
    assert box is not None and box.isVisible() and box.windowTitle() == "Library repaired"
    assert "1 illustration recovered" in box.text() and ".broken-" in box.text()
    assert tab.view.model.ids() == ["kept"]  # the rebuilt library, from the folder's file
    assert not tab.view.banner.isVisible()  # the damaged one's read errors are gone with it
    tasks.wait_idle()
    session.close()


def test_category_names_are_kept_for_a_run_where_the_catalog_never_answers(
    qtbot, library, tasks, local_previews, translations
) -> None:
    """The Arabic library showed Latin category ids when the catalog's names weren't loaded
    (offline): the names the catalog gave once are kept in the library and shown next time."""
    (first,) = fill_library(library.store, library.folder, 1)
    online = LibraryTab(tasks, local_previews, library.folder, "ar")
    qtbot.addWidget(online)
    online.set_store(library.store)
    names = {"en": "Everyday people", "ar": "أناس في يومهم"}
    online.set_facets(Facets((Facet(first.category, names, 1),), ()))
    assert tasks.wait_idle()

    offline = LibraryTab(tasks, local_previews, library.folder, "ar")  # the next run, offline
    qtbot.addWidget(offline)
    offline.show()
    offline.set_store(library.store)
    qtbot.waitUntil(lambda: offline.view.model.rowCount() == 1)
    offline.view.grid.select_row(0)
    qtbot.waitUntil(lambda: offline.detail.field_text("category") == "أناس في يومهم")
    assert first.category not in offline.detail.field_text("category")
