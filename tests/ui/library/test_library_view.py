"""LibraryView on a real LibraryStore and real SVG files: search, filters, sort, bulk edits,
removal with and without the files, empty states, and a large library."""

from __future__ import annotations

import pytest
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QMimeData,
    QPoint,
    QPointF,
    Qt,
    QTranslator,
    QUrl,
)
from PySide6.QtGui import QDrag, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QMessageBox

from tests.ui.library.support import fill_library, fill_synthetic
from weshape_desktop.core.library import LibraryQuery, NewFile
from weshape_desktop.ui.export import SVG_MIME
from weshape_desktop.ui.library import LibraryTab, LibraryView
from weshape_desktop.ui.library.collection_drop import dragged_ids

TIMEOUT = 15_000


def make_view(qtbot, library, tasks, previews, *, store=True, lang="en") -> LibraryView:
    view = LibraryView(tasks, previews, library.folder, lang)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    if store:
        view.set_store(library.store)
        wait_settled(qtbot, view)
    return view


def wait_settled(qtbot, view: LibraryView) -> None:
    qtbot.waitUntil(view.is_ready, timeout=TIMEOUT)


def titles(view: LibraryView) -> list[str]:
    return [e.item.title["en"] for e in view.model.entries(range(view.model.rowCount()))]


def select(view: LibraryView, rows: list[int]) -> None:
    view.grid.select_rows(rows)


def listed(qtbot, view: LibraryView, kind: str, value: str) -> None:
    """Wait until the sidebar lists the entry (its counts are read in the background)."""
    qtbot.waitUntil(lambda: view.sidebar.item_of((kind, value)) is not None, timeout=TIMEOUT)


def choose(view: LibraryView, kind: str, value: str = "") -> None:
    """Click the sidebar entry."""
    item = view.sidebar.item_of((kind, value))
    assert item is not None, (kind, value)
    view.sidebar.setCurrentItem(item)


def count_of(view: LibraryView, kind: str, value: str = "") -> str:
    item = view.sidebar.item_of((kind, value))
    return "" if item is None else item.text(1)


def test_search_in_english_and_arabic(qtbot, library, tasks, local_previews):
    fill_library(library.store, library.folder, 12)
    view = make_view(qtbot, library, tasks, local_previews)
    assert view.model.rowCount() == 12
    counts: list[int] = []
    view.count_changed.connect(counts.append)
    for term in ("datab", "قاعدة", "بيانات"):
        if term.isascii():
            view.filters.search_edit.clear()
            qtbot.keyClicks(view.filters.search_edit, term)
        else:  # QTest types Latin-1 only: Arabic arrives as from an input method
            view.filters.search_edit.setText(term)
        qtbot.waitUntil(lambda t=term: view.model.query().text == t, timeout=TIMEOUT)
        wait_settled(qtbot, view)
        assert set(titles(view)) == {"Database"}, term
        assert counts[-1] == view.model.rowCount()


def test_sidebar_filters_with_counts(qtbot, library, tasks, local_previews):
    items = fill_library(library.store, library.folder, 12)
    store = library.store
    store.add_tags([items[0].id, items[1].id], ["hero"])
    collection = store.create_collection("Pitch deck")
    store.add_to_collection(collection, [items[2].id, items[3].id, items[4].id])
    store.set_favourite([items[5].id], True)
    png = items[6]
    store.add_entries([NewFile(png, f"{png.id}.png", png.sha256, "png", png.bytes, 256)])
    view = make_view(qtbot, library, tasks, local_previews)
    listed(qtbot, view, "collection", collection)
    assert view.sidebar.item_of(("collection", collection)).text(0) == "Pitch deck"
    assert [count_of(view, "all"), count_of(view, "favourites")] == ["12", "1"]
    assert count_of(view, "tag", "hero") == "2"
    assert count_of(view, "collection", collection) == "3"
    assert [count_of(view, "format", "svg"), count_of(view, "format", "png")] == ["12", "1"]
    assert not view.filters.isHidden()
    assert not hasattr(view.filters, "tag_combo")  # the filter row keeps search and sort

    def shows(ids: set[str]) -> None:
        qtbot.waitUntil(lambda: set(view.model.ids()) == ids, timeout=TIMEOUT)

    choose(view, "tag", "hero")
    shows({items[0].id, items[1].id})
    assert view.is_filtered()
    choose(view, "collection", collection)
    shows({items[2].id, items[3].id, items[4].id})
    choose(view, "favourites")
    shows({items[5].id})
    choose(view, "format", "png")
    shows({png.id})
    category_count = sum(i.category == "data" for i in items)
    assert view.sidebar.item_of(("category", "data")).text(0) == "Data"
    assert count_of(view, "category", "data") == str(category_count)
    choose(view, "category", "data")
    shows({i.id for i in items if i.category == "data"})
    choose(view, "all")
    shows({i.id for i in items})
    assert not view.is_filtered()


def test_sidebar_counts_follow_changes(qtbot, library, tasks, local_previews):
    items = fill_library(library.store, library.folder, 5)
    view = make_view(qtbot, library, tasks, local_previews)
    listed(qtbot, view, "format", "svg")
    assert view.sidebar.sections["tag"].isHidden()  # no tags yet: no section
    select(view, [0, 1])
    with qtbot.waitSignal(view.entries_changed, timeout=TIMEOUT):
        view.entry_actions.add_tag(view.selected_ids(), "hero")
    listed(qtbot, view, "tag", "hero")
    assert count_of(view, "tag", "hero") == "2" and not view.sidebar.sections["tag"].isHidden()

    choose(view, "tag", "hero")  # the tag shown goes: the whole library again
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=TIMEOUT)
    select(view, [0, 1])
    with qtbot.waitSignal(view.entries_changed, timeout=TIMEOUT):
        view.entry_actions.remove(view.selected_ids(), delete_files=False)
    qtbot.waitUntil(lambda: count_of(view, "all") == "3", timeout=TIMEOUT)
    assert view.sidebar.scope() == ("all", "") and view.sidebar.item_of(("tag", "hero")) is None
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=TIMEOUT)

    library.store.set_favourite([items[0].id], True)  # written elsewhere (a sync applied)
    view.refresh()
    qtbot.waitUntil(lambda: count_of(view, "favourites") == "1", timeout=TIMEOUT)


def test_sort_by_date_and_title(qtbot, library, tasks, local_previews):
    items = fill_library(library.store, library.folder, 8)
    view = make_view(qtbot, library, tasks, local_previews)
    assert view.model.ids() == [i.id for i in reversed(items)]  # newest first
    sort = view.filters.sort_combo
    sort.setCurrentIndex(sort.findData("added:asc"))
    qtbot.waitUntil(lambda: view.model.ids() == [i.id for i in items], timeout=TIMEOUT)
    sort.setCurrentIndex(sort.findData("title:asc"))
    by_title = sorted(i.title["en"].lower() for i in items)
    qtbot.waitUntil(lambda: [t.lower() for t in titles(view)] == by_title, timeout=TIMEOUT)
    sort.setCurrentIndex(sort.findData("title:desc"))
    qtbot.waitUntil(lambda: [t.lower() for t in titles(view)] == by_title[::-1], timeout=TIMEOUT)


def test_a_collection_opens_in_its_own_order(qtbot, library, tasks, local_previews):
    items = fill_library(library.store, library.folder, 6)
    store = library.store
    collection = store.create_collection("Moodboard")
    order = [items[4].id, items[1].id, items[3].id]  # as the user added them
    for item_id in order:
        store.add_to_collection(collection, [item_id])
    view = make_view(qtbot, library, tasks, local_previews)
    sort = view.filters.sort_combo
    listed(qtbot, view, "collection", collection)
    sort.setCurrentIndex(sort.findData("title:asc"))
    assert sort.findData("position:asc") == -1  # no collection shown: no collection order

    queries: list[LibraryQuery] = []
    view.model.modelReset.connect(lambda: queries.append(view.model.query()))
    choose(view, "collection", collection)
    qtbot.waitUntil(lambda: view.model.ids() == order, timeout=TIMEOUT)
    assert [q.sort for q in queries] == ["position"]  # one query, already in collection order
    assert sort.currentText() == "Collection order"
    qtbot.waitUntil(lambda: view.model.ids() == order, timeout=TIMEOUT)
    sort.setCurrentIndex(sort.findData("added:desc"))
    qtbot.waitUntil(lambda: view.model.ids() == sorted(order, key=ids_newest_first(items)))

    choose(view, "collection", collection)  # unchanged: nothing happens
    choose(view, "all")  # leaving it: the sort used before
    assert sort.currentData() == "title:asc" and sort.findData("position:asc") == -1
    choose(view, "collection", collection)
    assert sort.currentData() == "position:asc"
    view.clear_search()  # "all" again: the sort used outside the collection comes back
    assert sort.currentData() == "title:asc" and view.sidebar.scope() == ("all", "")


def test_moving_within_a_collection_and_taking_items_out(qtbot, library, tasks, local_previews):
    items = fill_library(library.store, library.folder, 6)
    store = library.store
    collection = store.create_collection("Moodboard")
    order = [i.id for i in items[:5]]
    for item_id in order:
        store.add_to_collection(collection, [item_id])
    view = make_view(qtbot, library, tasks, local_previews)
    actions = view.entry_actions
    listed(qtbot, view, "collection", collection)
    select(view, [0])
    assert not actions.earlier_action.isEnabled()  # no collection shown
    assert actions.earlier_action not in actions.menu(view).actions()
    assert not actions.uncollect_action.isEnabled()

    choose(view, "collection", collection)
    qtbot.waitUntil(lambda: view.model.ids() == order, timeout=TIMEOUT)
    select(view, [2, 3])
    assert actions.earlier_action.isEnabled() and actions.later_action.isEnabled()
    assert actions.earlier_action in actions.menu(view).actions()  # and in the context menu
    view.grid.setFocus()
    with qtbot.waitSignal(view.entries_changed, timeout=TIMEOUT):
        qtbot.keyClick(view.grid, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    moved = [order[0], order[2], order[3], order[1], order[4]]
    qtbot.waitUntil(lambda: view.model.ids() == moved, timeout=TIMEOUT)
    assert ids_in_collection(store, collection) == moved
    assert sorted(view.selected_ids()) == sorted(order[2:4])  # the selection moved with them
    with qtbot.waitSignal(view.entries_changed, timeout=TIMEOUT):
        actions.later_action.trigger()
    qtbot.waitUntil(lambda: view.model.ids() == order, timeout=TIMEOUT)

    sort = view.filters.sort_combo  # another order: the grid doesn't show the collection's own
    sort.setCurrentIndex(sort.findData("title:asc"))
    assert not actions.earlier_action.isEnabled() and actions.uncollect_action.isEnabled()
    sort.setCurrentIndex(sort.findData("position:asc"))
    wait_settled(qtbot, view)
    select(view, [0, 4])
    with qtbot.waitSignal(view.entries_changed, timeout=TIMEOUT):
        actions.uncollect_action.trigger()
    qtbot.waitUntil(lambda: view.model.ids() == order[1:4], timeout=TIMEOUT)
    assert ids_in_collection(store, collection) == order[1:4]
    assert len(store.query(store_query())) == 6  # still in the library


def drag_event(kind, view: LibraryView, mime, row: int, leading: bool):
    """A drag event over the tile of `row`, on its leading or trailing half."""
    rect = view.grid.visualRect(view.grid.proxy.index_of(row))
    left = leading != view.grid.isRightToLeft()
    pos = QPointF(rect.left() + 5 if left else rect.right() - 5, rect.center().y())
    action, buttons = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton
    if kind is QEvent.Type.Drop:
        return QDropEvent(pos, action, mime, buttons, Qt.KeyboardModifier.NoModifier)
    event_type = QDragEnterEvent if kind is QEvent.Type.DragEnter else QDragMoveEvent
    return event_type(pos.toPoint(), action, mime, buttons, Qt.KeyboardModifier.NoModifier)


def send_drag(view: LibraryView, event) -> None:
    # Straight to the viewport's filter: outside a real drag session QApplication sends drag
    # moves and drops to the drag manager's last target, a bare pointer that outlives its
    # widget (an earlier test's grid: a crash).
    view.drop.eventFilter(view.grid.viewport(), event)


def drag_payload(view: LibraryView, rows: list[int]) -> QMimeData:
    """What dragging the tiles of `rows` carries: the grid starts a real drag (the offscreen
    platform ends it at once), whose data is copied: the drag and its data are deleted later."""
    view.grid.select_rows(rows)
    view.grid.startDrag(Qt.DropAction.CopyAction)
    drag = view.grid.findChildren(QDrag)[-1]  # the newest
    payload, data = QMimeData(), drag.mimeData()
    for fmt in data.formats():
        payload.setData(fmt, data.data(fmt))
    return payload


def refuses(view: LibraryView, mime: QMimeData) -> bool:
    """A drag of `mime` is turned away: no drag, move or drop is taken, and nothing moves."""
    dropped: list[tuple[list[str], int]] = []

    def on_dropped(ids: list[str], place: int) -> None:
        dropped.append((ids, place))

    view.drop.dropped.connect(on_dropped)
    events = [drag_event(kind, view, mime, 1, leading=True) for kind in DRAG_KINDS]
    for event in events:
        send_drag(view, event)
    view.drop.dropped.disconnect(on_dropped)
    return not dropped and not any(event.isAccepted() for event in events)


DRAG_KINDS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_dragging_tiles_to_another_place_in_the_collection(
    qtbot, library, tasks, local_previews, translations, lang
):
    """The tab's own drag data (the files, plus the ids) dropped back on the grid reorders the
    collection shown; drags from elsewhere are refused."""
    items = fill_library(library.store, library.folder, 5)
    store, order = library.store, [i.id for i in items]
    collection = store.create_collection("Moodboard")
    store.add_to_collection(collection, order)
    translations.apply(lang)
    tab = LibraryTab(tasks, local_previews, library.folder, lang)
    qtbot.addWidget(tab)
    tab.resize(1300, 700)
    tab.show()
    tab.set_store(store)
    view = tab.view
    wait_settled(qtbot, view)
    assert view.grid.isRightToLeft() == (lang == "ar")
    # The sidebar sits before the grid in the reading direction: left, or right in Arabic.
    sidebar_x, grid_x = (w.mapTo(tab, QPoint(0, 0)).x() for w in (view.sidebar, view.grid))
    assert (sidebar_x > grid_x) == (lang == "ar")
    # Not a collection in its own order (the newest come first): nowhere to put them.
    assert refuses(view, drag_payload(view, [1, 2]))

    listed(qtbot, view, "collection", collection)
    choose(view, "collection", collection)
    qtbot.waitUntil(lambda: view.model.ids() == order, timeout=TIMEOUT)
    mime = drag_payload(view, [3, 4])
    files = [QUrl.fromLocalFile(str(library.folder / f"{i}.svg")) for i in order[3:]]
    assert mime.urls() == files  # the files, for other apps
    assert dragged_ids(mime) == order[3:]
    for kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
        event = drag_event(kind, view, mime, 1, leading=True)
        send_drag(view, event)
        assert event.isAccepted() and event.dropAction() == Qt.DropAction.CopyAction
    assert view.drop._marker.isVisible()
    with qtbot.waitSignal(view.entries_changed, timeout=TIMEOUT):
        send_drag(view, drag_event(QEvent.Type.Drop, view, mime, 1, leading=True))
    moved = [order[0], order[3], order[4], order[1], order[2]]
    qtbot.waitUntil(lambda: view.model.ids() == moved, timeout=TIMEOUT)
    assert ids_in_collection(store, collection) == moved
    assert not view.drop._marker.isVisible()

    mime = drag_payload(view, [0])  # one tile: the picture too; dropped after the last tile
    assert mime.hasFormat(SVG_MIME) and dragged_ids(mime) == moved[:1]
    with qtbot.waitSignal(view.entries_changed, timeout=TIMEOUT):
        send_drag(view, drag_event(QEvent.Type.Drop, view, mime, 4, leading=False))
    moved = moved[1:] + moved[:1]
    qtbot.waitUntil(lambda: view.model.ids() == moved, timeout=TIMEOUT)
    assert ids_in_collection(store, collection) == moved

    # From outside the app: the ids as plain text, the same files from a file manager.
    from_files = QMimeData()
    from_files.setUrls(files)
    as_text = QMimeData()
    as_text.setText("\n".join(order))
    assert refuses(view, as_text)
    assert refuses(view, from_files)
    tasks.wait_idle()
    assert view.model.ids() == moved and ids_in_collection(store, collection) == moved


def test_adding_renaming_and_deleting_collections_in_the_sidebar(
    qtbot, library, tasks, local_previews
):
    items = fill_library(library.store, library.folder, 4)
    store = library.store
    moodboard = store.create_collection("Moodboard")
    store.create_collection("Pitch")
    store.add_to_collection(moodboard, [items[0].id, items[1].id])
    view = make_view(qtbot, library, tasks, local_previews)
    actions, sidebar = view.entry_actions, view.sidebar
    listed(qtbot, view, "collection", moodboard)
    messages: list[str] = []
    actions.failed.connect(messages.append)

    def names() -> list[str]:
        return [c.name for c in store.collections()]

    # Add: the + button asks for a name in a popover; Enter creates it.
    sidebar.add_collection_button.click()
    popover = actions.popover
    assert popover is not None and popover.isVisible()
    qtbot.keyClicks(popover.edit, "Ideas")
    assert popover.rows() == ["Create “\u2068Ideas\u2069”"]
    with qtbot.waitSignal(view.entries_changed, timeout=TIMEOUT):
        qtbot.keyClick(popover.edit, Qt.Key.Key_Return)
    assert sorted(names()) == ["Ideas", "Moodboard", "Pitch"]
    (ideas,) = (c.id for c in store.collections() if c.name == "Ideas")
    listed(qtbot, view, "collection", ideas)
    assert count_of(view, "collection", ideas) == "0"

    # Rename in place (F2): a name taken is refused and the old one shown again.
    def rename(collection_id: str, name: str) -> None:
        item = sidebar.item_of(("collection", collection_id))
        sidebar.setCurrentItem(item)
        sidebar.editItem(item, 0)
        (editor,) = (e for e in sidebar.viewport().findChildren(QLineEdit) if e.isVisible())
        editor.setText(name)
        qtbot.keyClick(editor, Qt.Key.Key_Return)

    rename(moodboard, "Pitch")  # the editor hands its text on through the event loop
    qtbot.waitUntil(lambda: messages == ["There is already a collection called \u2068Pitch\u2069."])
    qtbot.waitUntil(lambda: sidebar.item_of(("collection", moodboard)).text(0) == "Moodboard")
    with qtbot.waitSignal(view.entries_changed, timeout=TIMEOUT):
        rename(moodboard, "  Mood board ")
    assert sorted(names()) == ["Ideas", "Mood board", "Pitch"]
    qtbot.waitUntil(lambda: sidebar.item_of(("collection", moodboard)).text(0) == "Mood board")
    assert sidebar.scope() == ("collection", moodboard)

    # Delete asks first; Cancel deletes nothing; the entries stay in the library.
    qtbot.keyClick(sidebar, Qt.Key.Key_Delete)  # or the context menu's "Delete collection…"
    box = actions.dialog
    assert "Mood board" in box.text() and "stay in your library" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert len(names()) == 3
    sidebar.delete_requested.emit(moodboard)
    box = actions.dialog
    delete = next(b for b in box.buttons() if b.text() == "Delete collection")
    with qtbot.waitSignal(view.entries_changed, timeout=TIMEOUT):
        delete.click()
    assert sorted(names()) == ["Ideas", "Pitch"]
    qtbot.waitUntil(lambda: sidebar.item_of(("collection", moodboard)) is None, timeout=TIMEOUT)
    assert sidebar.scope() == ("all", "")
    qtbot.waitUntil(lambda: view.model.rowCount() == 4, timeout=TIMEOUT)  # entries kept


def test_dropping_tiles_on_a_collection_in_the_sidebar(qtbot, library, tasks, local_previews):
    fill_library(library.store, library.folder, 4)
    store = library.store
    collection = store.create_collection("Moodboard")
    tab = LibraryTab(tasks, local_previews, library.folder, "en")
    qtbot.addWidget(tab)
    tab.resize(1300, 700)
    tab.show()
    tab.set_store(store)
    view, sidebar = tab.view, tab.view.sidebar
    wait_settled(qtbot, view)
    listed(qtbot, view, "collection", collection)
    mime = drag_payload(view, [0, 1])
    ids = dragged_ids(mime)
    assert len(ids) == 2

    def event(kind, item, data=mime):
        pos = QPointF(sidebar.visualItemRect(item).center())
        action, buttons = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton
        if kind is QDropEvent:
            return QDropEvent(pos, action, data, buttons, Qt.KeyboardModifier.NoModifier)
        return kind(pos.toPoint(), action, data, buttons, Qt.KeyboardModifier.NoModifier)

    text = QMimeData()
    text.setText("not tiles")
    refused = event(QDragEnterEvent, sidebar.all_item, text)
    sidebar.dragEnterEvent(refused)
    assert not refused.isAccepted()
    entered = event(QDragEnterEvent, sidebar.all_item)
    sidebar.dragEnterEvent(entered)
    assert entered.isAccepted()
    over_all = event(QDragMoveEvent, sidebar.all_item)  # not a collection: nowhere to drop
    sidebar.dragMoveEvent(over_all)
    assert not over_all.isAccepted()

    target = sidebar.item_of(("collection", collection))
    over = event(QDragMoveEvent, target)
    sidebar.dragMoveEvent(over)
    assert over.isAccepted()
    assert target.background(0).style() != Qt.BrushStyle.NoBrush  # marked while over it
    with qtbot.waitSignal(view.entries_changed, timeout=TIMEOUT):
        sidebar.dropEvent(event(QDropEvent, target))
    assert sorted(ids_in_collection(store, collection)) == sorted(ids)
    qtbot.waitUntil(lambda: count_of(view, "collection", collection) == "2", timeout=TIMEOUT)
    assert sidebar.scope() == ("all", "")  # dropping doesn't change what is shown


def ids_in_collection(store, collection_id: str) -> list[str]:
    query = store_query(collection_id=collection_id, sort="position", descending=False)
    return [e.item.id for e in store.query(query)]


def ids_newest_first(items):
    return lambda item_id: -[i.id for i in items].index(item_id)


def test_bulk_favourite_tag_and_collection(qtbot, library, tasks, local_previews):
    fill_library(library.store, library.folder, 10)
    store = library.store
    view = make_view(qtbot, library, tasks, local_previews)
    assert view.grid.selectionMode() == QAbstractItemView.SelectionMode.ExtendedSelection
    select(view, [1, 2, 7])
    chosen = view.selected_ids()
    assert len(chosen) == 3 and view.action_bar.selection_label.text() == "3 selected"
    assert [e.item.id for e in view.selected_entries()] == chosen

    actions = view.entry_actions
    favourite = actions.favourite_action
    assert favourite.isCheckable() and not favourite.isChecked()
    with qtbot.waitSignal(view.entries_changed, timeout=TIMEOUT):
        favourite.trigger()
    assert {e.item.id for e in store.query(store_query(favourites_only=True))} == set(chosen)
    qtbot.waitUntil(lambda: view.model.entry(1) is not None and view.model.entry(1).favourite)
    assert view.selected_ids() == chosen  # the refresh kept the selection
    assert favourite.isChecked()  # every selected one is a favourite: the toggle is on
    select(view, [0, 1])
    assert not favourite.isChecked()  # one of them is not
    select(view, [1, 2, 7])
    assert favourite.isChecked()

    actions.tag_action.trigger()  # a popover at the button: type a tag, Enter adds it
    popover = actions.popover
    assert popover is not None and popover.isVisible()
    assert popover.parentWidget() is view.action_bar.toolbar.widgetForAction(actions.tag_action)
    qtbot.keyClicks(popover.edit, "hero")
    assert popover.rows() == ["Create “\u2068hero\u2069”"]
    with qtbot.waitSignal(view.entries_changed, timeout=TIMEOUT):
        qtbot.keyClick(popover.edit, Qt.Key.Key_Return)
    assert store.tags() == [("hero", 3)] and actions.popover is None
    listed(qtbot, view, "tag", "hero")

    actions.collection_action.trigger()  # a new collection by typing its name
    qtbot.keyClicks(actions.popover.edit, "Launch")
    with qtbot.waitSignal(view.entries_changed, timeout=TIMEOUT):
        qtbot.keyClick(actions.popover.edit, Qt.Key.Key_Return)
    (launch,) = store.collections()
    assert (launch.name, launch.count) == ("Launch", 3)
    listed(qtbot, view, "collection", launch.id)

    select(view, [0])  # an existing collection: it completes, and is added to, not made again
    actions.collection_action.trigger()
    popover = actions.popover
    assert popover.rows() == ["Launch"]
    qtbot.keyClicks(popover.edit, "lau")
    assert popover.rows() == ["Launch", "Create “\u2068lau\u2069”"]
    with qtbot.waitSignal(view.entries_changed, timeout=TIMEOUT):
        qtbot.keyClick(popover.edit, Qt.Key.Key_Return)
    assert [(c.name, c.count) for c in store.collections()] == [("Launch", 4)]

    actions.tag_action.trigger()  # Escape closes it, adding nothing
    qtbot.keyClicks(actions.popover.edit, "other")
    qtbot.keyClick(actions.popover.edit, Qt.Key.Key_Down)  # already the last row
    qtbot.keyClick(actions.popover.edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: actions.popover is None)
    tasks.wait_idle()
    assert store.tags() == [("hero", 3)]

    select(view, [1, 2, 7])
    with qtbot.waitSignal(view.entries_changed, timeout=TIMEOUT):
        favourite.trigger()  # on → off for all of them
    assert store.query(store_query(favourites_only=True)) == []


def store_query(**kwargs) -> LibraryQuery:
    return LibraryQuery(**kwargs)


def test_remove_keeping_or_deleting_the_files(qtbot, library, tasks, local_previews):
    items = fill_library(library.store, library.folder, 6)
    view = make_view(qtbot, library, tasks, local_previews)
    row_of = {item_id: row for row, item_id in enumerate(view.model.ids())}

    # Keep the files: Delete on the grid asks, and the entries go.
    select(view, [row_of[items[0].id], row_of[items[1].id]])
    view.grid.setFocus()
    qtbot.keyClick(view.grid, Qt.Key.Key_Delete)
    dialog = view.entry_actions.dialog
    assert dialog is not None and "Remove 2 illustration" in dialog.text()
    with qtbot.waitSignal(view.entries_changed, timeout=TIMEOUT):
        dialog.keep_button.click()
    qtbot.waitUntil(lambda: view.model.rowCount() == 4, timeout=TIMEOUT)
    assert (library.folder / f"{items[0].id}.svg").is_file()
    assert library.store.entry(items[0].id) is None

    # Cancel changes nothing.
    select(view, [0])
    view.entry_actions.remove_action.trigger()
    view.entry_actions.dialog.cancel_button.click()
    assert library.store.count() == 4

    # Delete the files, one of which leads out of the library folder: that one is kept.
    outside = library.folder.parent / "outside.svg"
    outside.write_text("<svg/>")
    library.store.add_entry(items[0], "../outside.svg", items[0].sha256, "svg", items[0].bytes)
    view.refresh()
    qtbot.waitUntil(lambda: view.model.rowCount() == 5, timeout=TIMEOUT)
    wait_settled(qtbot, view)
    victims = [items[0].id, items[2].id, items[3].id]
    select(view, [view.model.row_of(i) for i in victims])
    view.entry_actions.remove_action.trigger()
    with qtbot.waitSignal(view.entries_changed, timeout=TIMEOUT):
        view.entry_actions.dialog.delete_button.click()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=TIMEOUT)
    assert not (library.folder / f"{items[2].id}.svg").exists()
    assert not (library.folder / f"{items[3].id}.svg").exists()
    assert outside.is_file() and (library.folder / f"{items[4].id}.svg").is_file()
    assert view.banner.isVisible()
    message = view.banner.message()  # (no English translator loaded: "file(s)")
    assert message.startswith("1 file") and "outside the library folder" in message


def test_empty_states(qtbot, library, tasks, local_previews):
    view = make_view(qtbot, library, tasks, local_previews, store=False)
    assert not view.is_ready() and view.message_label.text() == "Opening your library…"
    view.set_store(None, "The disk is full.")
    assert view.is_ready() and view.stack.currentIndex() == 1
    assert view.message_label.text() == "Your library is not available.\nThe disk is full."

    view.set_store(library.store)
    wait_settled(qtbot, view)
    assert view.message_label.text().startswith("Your library is empty")
    assert not view.clear_button.isVisible()

    fill_library(library.store, library.folder, 3)
    view.refresh()
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=TIMEOUT)
    assert view.stack.currentWidget() is view.grid
    view.filters.search_edit.setText("zzqx-nothing")
    qtbot.waitUntil(lambda: view.stack.currentIndex() == 1, timeout=TIMEOUT)
    assert view.message_label.text() == "No illustrations match your search."
    qtbot.mouseClick(view.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=TIMEOUT)
    assert view.filters.search_edit.text() == "" and view.stack.currentWidget() is view.grid


def test_shift_click_selects_a_flat_run_and_ctrl_a_everything(
    qtbot, library, tasks, local_previews
):
    fill_library(library.store, library.folder, 12)
    view = make_view(qtbot, library, tasks, local_previews)
    columns = view.grid.proxy.columns()
    assert 2 < columns < 12
    current: list[object] = []
    view.current_changed.connect(current.append)

    def click(row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        rect = view.grid.visualRect(view.grid.proxy.index_of(row))
        qtbot.mouseClick(view.grid.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())

    click(columns - 1)  # the end of the first line …
    click(columns + 1, Qt.KeyboardModifier.ShiftModifier)  # … to the second tile of the next
    assert view.grid.selected_rows() == [columns - 1, columns, columns + 1]
    assert current[0].item.id == view.model.ids()[columns - 1]
    assert current[-1].item.id == view.model.ids()[columns + 1]
    click(0, Qt.KeyboardModifier.ControlModifier)
    assert view.grid.selected_rows() == [0, columns - 1, columns, columns + 1]

    view.grid.setFocus()
    qtbot.keyClick(view.grid, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert view.grid.selected_rows() == list(range(12))
    assert view.action_bar.selection_label.text() == "12 selected"


def test_refresh_keeps_selection_and_scroll_when_rows_change(qtbot, library, tasks, local_previews):
    fill_synthetic(library.store, 600)
    view = make_view(qtbot, library, tasks, local_previews)
    bar = view.grid.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    first, _ = view.grid.visible_rows()
    wanted = [view.model.ids()[r] for r in (first, first + 1)]
    select(view, [first, first + 1])
    view.grid.selectionModel().setCurrentIndex(
        view.grid.proxy.index_of(first), QItemSelectionModel.SelectionFlag.NoUpdate
    )
    value = bar.value()
    fill_library(library.store, library.folder, 2)  # downloads finished: new rows on top
    for _ in range(3):
        view.refresh()  # debounced: one query
    qtbot.waitUntil(lambda: view.model.rowCount() == 602, timeout=TIMEOUT)
    assert view.selected_ids() == wanted
    assert bar.value() == value
    assert view.current_entry().item.id == wanted[0]


def test_a_large_library_opens_and_scrolls_without_loading_every_entry(
    qtbot, library, tasks, local_previews
):
    fill_synthetic(library.store, 10_000)
    view = make_view(qtbot, library, tasks, local_previews)
    assert view.model.rowCount() == 10_000
    bar = view.grid.verticalScrollBar()
    for fraction in (0.1, 0.25, 0.5, 0.75, 1.0):
        bar.setValue(int(bar.maximum() * fraction))
        wait_settled(qtbot, view)  # the tiles on screen are loaded and painted (or broken)
    first, last = view.grid.visible_rows()
    assert last == 9_999 and view.model.entry(first) is not None
    assert view.model.materialised < 1_000, view.model.materialised


def test_tiles_scrolled_past_queue_no_renders_until_scrolling_stops(
    qtbot, library, tasks, local_previews
):
    fill_synthetic(library.store, 600)
    view = make_view(qtbot, library, tasks, local_previews)  # the tiles on screen are broken
    local_previews.forget_failures()  # … and would ask again when painted
    view.grid.verticalScrollBar().setValue(1)
    view.grid.viewport().repaint()  # painted while scrolling
    assert local_previews.pending_count() == 0
    first, last = view.grid.visible_rows()
    assert not any(view.model.preview_settled(row) for row in range(first, last + 1))
    wait_settled(qtbot, view)  # once scrolling stops, the tiles on screen ask for theirs


class _MarkingTranslator(QTranslator):
    """Wraps every string of the library widgets in ⟦ ⟧, to prove they are re-set at runtime."""

    def translate(self, context, source, disambiguation=None, n=-1):
        library = ("LibraryView", "LibraryFilterBar", "LibraryActions", "LibrarySidebar")
        if context in (*library, "GridPage"):
            return f"⟦{source}⟧"
        return ""

    def isEmpty(self) -> bool:
        return False


def test_language_switch_retranslates_without_restart(qtbot, library, tasks, local_previews):
    fill_library(library.store, library.folder, 3)
    view = make_view(qtbot, library, tasks, local_previews)
    translator = _MarkingTranslator()
    QCoreApplication.installTranslator(translator)
    try:
        QCoreApplication.processEvents()
        assert view.filters.search_edit.placeholderText() == "⟦Search your library⟧"
        assert view.sidebar.all_item.text(0) == "⟦All illustrations⟧"
        assert view.filters.sort_combo.itemText(0) == "⟦Newest first⟧"
        assert view.entry_actions.remove_action.text() == "⟦Remove from library…⟧"
        assert view.clear_button.text() == "⟦Clear search⟧"
    finally:
        QCoreApplication.removeTranslator(translator)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    QCoreApplication.processEvents()
    assert view.filters.search_edit.placeholderText() == "Search your library"

    sort = view.filters.sort_combo
    sort.setCurrentIndex(sort.findData("title:asc"))
    qtbot.waitUntil(lambda: view.model.query().sort == "title", timeout=TIMEOUT)
    view.set_language("ar")  # titles shown, and sorted, in Arabic
    qtbot.waitUntil(lambda: view.model.query().lang == "ar", timeout=TIMEOUT)
    wait_settled(qtbot, view)
    shown = [view.model.index(r).data(Qt.ItemDataRole.DisplayRole) for r in range(3)]
    assert shown == sorted(shown)
    assert all(not t.isascii() for t in shown)
