"""Bulk edits of the selected library entries: favourite, tag, collect, remove, and within the
collection shown: move earlier or later, remove from it; and the collections themselves.

Each edit is a QAction (toolbar, context menu, shortcut); those that need a name open a popover
at the button, those that need a yes a dialog with `open()`. Every edit runs on the TaskRunner,
then reports `edited` (the view refreshes) or `failed` with a translated sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QMessageBox, QWidget

from weshape_desktop.core.library import (
    Collection,
    FileRemoval,
    LibraryStore,
    delete_library_files,
    moved_one_place,
    moved_to,
)
from weshape_desktop.core.text import isolate
from weshape_desktop.ui.icons import IconBinding
from weshape_desktop.ui.library.popover import NamePopover
from weshape_desktop.ui.library.removal import RemovalDialog
from weshape_desktop.ui.tasks import TaskRunner, describe_error


class ShownCollection(NamedTuple):
    id: str
    order: list[str] | None  # all its members in its own order, if the grid shows exactly that


class LibraryActions(QObject):
    """The actions on the entries `selected_ids()` returns, for a widget to show and wire;
    `shown_collection()` tells which collection the grid shows, if any; `anchor(action)` where
    an action's popover opens."""

    edited = Signal()  # an edit was written: show the library again
    failed = Signal(str)  # a translated sentence for the user

    def __init__(
        self,
        tasks: TaskRunner,
        library_dir: Path,
        selected_ids: Callable[[], list[str]],
        shown_collection: Callable[[], ShownCollection | None],
        anchor: Callable[[QAction], QWidget],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._library_dir = library_dir
        self._selected_ids = selected_ids
        self._shown_collection = shown_collection
        self._anchor = anchor
        self._selection_count = 0
        self._widget = parent
        self._store: LibraryStore | None = None
        self._tags: list[str] = []
        self._collections: list[Collection] = []
        self.dialog: QDialog | None = None  # the question open now, if any (tests answer it)
        self.popover: NamePopover | None = None  # likewise, the name being asked for

        def action(slot: Callable[[], None], shortcut: QKeySequence | None = None) -> QAction:
            act = QAction(self)
            act.triggered.connect(slot)
            if shortcut is not None:
                act.setShortcut(shortcut)
                act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            return act

        # One toggle: on when every selected illustration is a favourite.
        self.favourite_action = QAction(self)
        self.favourite_action.setCheckable(True)
        self.favourite_action.triggered.connect(
            lambda checked: self.set_favourite(self._selected_ids(), checked)
        )
        self.tag_action = action(lambda: self.ask_tag())
        self.collection_action = action(lambda: self.ask_collection())
        self.remove_action = action(self.ask_remove, QKeySequence(QKeySequence.StandardKey.Delete))
        alt = Qt.KeyboardModifier.AltModifier
        self.earlier_action = action(lambda: self.move(-1), QKeySequence(alt | Qt.Key.Key_Up))
        self.later_action = action(lambda: self.move(1), QKeySequence(alt | Qt.Key.Key_Down))
        self.uncollect_action = action(self.remove_from_collection)
        icons = IconBinding(parent)
        icons.bind(self.favourite_action.setIcon, "star", checked="star-filled")
        icons.bind(self.tag_action.setIcon, "tag-plus")
        icons.bind(self.collection_action.setIcon, "folder-plus")
        icons.bind(self.remove_action.setIcon, "trash")
        self.retranslate_ui()
        self.set_selection_count(0)

    def actions(self) -> list[QAction]:
        return [*self.edit_actions(), self.remove_action]

    def edit_actions(self) -> list[QAction]:
        """Everything but the destructive Remove, which is shown apart."""
        return [self.favourite_action, self.tag_action, self.collection_action]

    def set_store(self, store: LibraryStore | None) -> None:
        self._store = store
        self.set_selection_count(0)

    def set_choices(self, tags: Sequence[str], collections: Sequence[Collection]) -> None:
        """Existing tags and collections, offered by the popovers."""
        self._tags, self._collections = list(tags), list(collections)

    def collection_actions(self) -> list[QAction]:
        """Only for the collection shown: move within it, remove from it."""
        return [self.earlier_action, self.later_action, self.uncollect_action]

    def menu(self, parent: QWidget) -> QMenu:
        """The context menu of the selection: edits, moves within the collection shown,
        and Remove last, apart."""
        menu = QMenu(parent)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addActions(self.edit_actions())
        if self._shown_collection() is not None:
            menu.addSeparator()
            menu.addActions(self.collection_actions())
        menu.addSeparator()
        menu.addAction(self.remove_action)
        return menu

    def set_selection_count(self, count: int, all_favourite: bool = False) -> None:
        """`all_favourite`: every selected illustration is a favourite (the toggle shows on)."""
        self._selection_count = count
        self.favourite_action.setChecked(count > 0 and all_favourite)
        self.update_enabled()

    def update_enabled(self) -> None:
        """After the selection or what the grid shows changed."""
        usable = self._selection_count > 0 and self._store is not None
        for act in self.actions():
            act.setEnabled(usable)
        shown = self._shown_collection() if usable else None
        self.uncollect_action.setEnabled(shown is not None)
        self.earlier_action.setEnabled(shown is not None and shown.order is not None)
        self.later_action.setEnabled(self.earlier_action.isEnabled())

    # -- edits (also called directly by tests and other widgets) ------------------------------

    def set_favourite(self, ids: list[str], value: bool) -> None:
        self._edit(ids, lambda store: store.set_favourite(ids, value))

    def add_tag(self, ids: list[str], name: str) -> None:
        if name.strip():
            self._edit(ids, lambda store: store.add_tags(ids, [name]))

    def add_to_collection(self, ids: list[str], name: str) -> None:
        """Add to the collection called `name`, creating it if there is none."""
        name = name.strip()
        if not name:
            return
        existing = next((c.id for c in self._collections if c.name == name), None)

        def run(store: LibraryStore) -> int:
            collection_id = existing or store.create_collection(name)
            return store.add_to_collection(collection_id, ids)

        self._edit(ids, run)

    def collect(self, collection_id: str, ids: list[str]) -> None:
        """Add `ids` to the collection `collection_id` (tiles dropped on it in the sidebar)."""
        self._edit(ids, lambda store: store.add_to_collection(collection_id, ids))

    def move(self, step: int) -> None:
        """Move the selection one place earlier (-1) or later (+1) in the collection shown."""
        self._reorder(lambda order: moved_one_place(order, self._selected_ids(), step))

    def move_to(self, ids: list[str], place: int) -> None:
        """Put `ids` at `place` in the order of the collection shown (a drop in the grid)."""
        self._reorder(lambda order: moved_to(order, ids, place))

    def _reorder(self, new_order: Callable[[list[str]], list[str]]) -> None:
        shown = self._shown_collection()
        if self._store is None or shown is None or shown.order is None:
            return
        order = new_order(shown.order)
        if order != shown.order:
            self._edit(order, lambda store: store.reorder_collection(shown.id, order))

    def remove_from_collection(self) -> None:
        """Take the selection out of the collection shown; the entries stay in the library."""
        shown, ids = self._shown_collection(), self._selected_ids()
        if shown is not None:
            self._edit(ids, lambda store: store.remove_from_collection(shown.id, ids))

    def create_collection(self, name: str) -> None:
        name = name.strip()
        if name and self._name_is_free(name):
            self._edit([name], lambda store: store.create_collection(name))

    def rename_collection(self, collection_id: str, name: str) -> None:
        name = name.strip()
        if not name or name == self._collection_name(collection_id):
            return
        if self._name_is_free(name):
            self._edit([collection_id], lambda store: store.rename_collection(collection_id, name))

    def _name_is_free(self, name: str) -> bool:
        if any(c.name == name for c in self._collections):
            # Adding to a collection goes by name: two with one name couldn't be told apart.
            self.failed.emit(
                self.tr("There is already a collection called %1.").replace("%1", isolate(name))
            )
            return False
        return True

    def delete_collection(self, collection_id: str) -> None:
        """Delete the collection; its entries stay in the library."""
        self._edit([collection_id], lambda store: store.delete_collection(collection_id))

    def _collection_name(self, collection_id: str) -> str:
        return next((c.name for c in self._collections if c.id == collection_id), "")

    def remove(self, ids: list[str], delete_files: bool) -> None:
        library_dir = self._library_dir

        def run(store: LibraryStore) -> FileRemoval | None:
            paths = store.remove_entries(ids)
            return delete_library_files(library_dir, paths) if delete_files else None

        def done(result: FileRemoval | None) -> None:
            problems = self._removal_problems(result) if result is not None else ""
            if problems:
                self.failed.emit(problems)

        self._edit(ids, run, done)

    def _removal_problems(self, result: FileRemoval) -> str:
        """A sentence about files that were not deleted, or ''."""
        sentences = []
        if result.failed:
            sentences.append(
                self.tr(
                    "%Ln file(s) could not be deleted. Check that you may change the library"
                    " folder, then delete them there by hand.",
                    "",
                    len(result.failed),
                )
            )
        if result.outside:
            sentences.append(
                self.tr(
                    "%Ln file(s) outside the library folder were kept.", "", len(result.outside)
                )
            )
        return " ".join(sentences)

    # -- questions ---------------------------------------------------------------------------

    def ask_tag(self) -> None:
        ids = self._selected_ids()
        if ids:
            popover = self._ask_name(self.tag_action, self._tags, self.tr("Tag name"))
            popover.chosen.connect(lambda name: self.add_tag(ids, name))

    def ask_collection(self) -> None:
        ids = self._selected_ids()
        if ids:
            names = [c.name for c in self._collections]
            popover = self._ask_name(self.collection_action, names, self.tr("Collection name"))
            popover.chosen.connect(lambda name: self.add_to_collection(ids, name))

    def ask_new_collection(self, anchor: QWidget) -> None:
        if self._store is not None:
            popover = self._ask_name(anchor, [], self.tr("New collection name"))
            popover.chosen.connect(self.create_collection)

    def _ask_name(self, at: QAction | QWidget, names: list[str], placeholder: str) -> NamePopover:
        anchor = self._anchor(at) if isinstance(at, QAction) else at
        popover = self.popover = NamePopover(anchor, names, placeholder)
        popover.destroyed.connect(lambda: self._closed_popover(popover))
        popover.popup()
        return popover

    def _closed_popover(self, popover: NamePopover) -> None:
        if self.popover is popover:
            self.popover = None

    def ask_remove(self) -> None:
        ids = self._selected_ids()
        if ids and self._store is not None:
            dialog = RemovalDialog(self._widget, len(ids))
            dialog.chosen.connect(lambda delete_files: self.remove(ids, delete_files))
            self._show(dialog)

    def ask_delete_collection(self, collection_id: str) -> None:
        if self._store is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question, self.tr("Delete collection"), "", parent=self._widget
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setText(
            self.tr(
                "Delete the collection %1? The illustrations in it stay in your library."
            ).replace("%1", isolate(self._collection_name(collection_id)))
        )
        delete = box.addButton(self.tr("Delete collection"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))

        def answered(_result: int) -> None:
            if box.clickedButton() is delete:
                self.delete_collection(collection_id)

        box.finished.connect(answered)
        self._show(box)

    def _show(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    # -- running -----------------------------------------------------------------------------

    def _edit(
        self,
        ids: list[str],
        run: Callable[[LibraryStore], Any],
        done: Callable[[Any], None] | None = None,
    ) -> None:
        store = self._store
        if store is None or not ids:
            return

        def finished(result: Any) -> None:
            if done is not None:
                done(result)
            self.edited.emit()

        def failed(exc: BaseException) -> None:
            self.failed.emit(describe_error(exc))
            self.edited.emit()  # part of it may have been written: show what is there

        self._tasks.run(lambda: run(store), finished, failed)

    def retranslate_ui(self) -> None:
        self.favourite_action.setText(self.tr("Favourite"))
        self.favourite_action.setToolTip(
            self.tr("Add the selected illustrations to favourites, or take them out")
        )
        self.tag_action.setText(self.tr("Add tag…"))
        self.collection_action.setText(self.tr("Add to collection…"))
        self.remove_action.setText(self.tr("Remove from library…"))
        self.remove_action.setToolTip(self.tr("Remove the selected illustrations (Delete)"))
        self.earlier_action.setText(self.tr("Move earlier in the collection"))
        self.later_action.setText(self.tr("Move later in the collection"))
        self.uncollect_action.setText(self.tr("Remove from this collection"))
        self.uncollect_action.setToolTip(
            self.tr(
                "Take the selected illustrations out of this collection; they stay in your library"
            )
        )
