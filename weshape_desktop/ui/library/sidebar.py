"""The library sidebar (as in Eagle or Iconjar): All, Favourites, then sections of Collections,
Tags, Categories and Formats, each entry with its count. The entry chosen narrows the grid."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Literal

from PySide6.QtCore import QEvent, QLocale, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QKeyEvent,
    QKeySequence,
    QPalette,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from weshape_desktop.core.library import LibraryCounts, LibraryQuery
from weshape_desktop.ui.icons import IconBinding
from weshape_desktop.ui.library.collection_drop import dragged_ids

Kind = Literal["all", "favourites", "collection", "tag", "category", "format"]
Scope = tuple[Kind, str]  # what an entry narrows to: a kind and its value (an id or a name)
ALL: Scope = ("all", "")
_SCOPE = Qt.ItemDataRole.UserRole
_SECTIONS: tuple[Kind, ...] = ("collection", "tag", "category", "format")
_ICONS: dict[Kind, str] = {
    "all": "library-photo",
    "favourites": "star",
    "collection": "folder",
    "tag": "tag",
    "category": "category",
}


class LibrarySidebar(QTreeWidget):
    """`changed` fires when the user chooses another entry (never when counts are refilled,
    unless the entry chosen is gone: then it falls back to All). Collections are renamed in
    place (F2 or double-click: `rename_requested(id, name)`); `create_requested(anchor)` and
    `delete_requested(id)` (also the Delete key) ask the owner. Tiles dragged from the grid
    onto a collection ask to be added to it (`dropped(collection id, item ids)`)."""

    changed = Signal()
    create_requested = Signal(QWidget)  # the button to anchor the question to
    rename_requested = Signal(str, str)
    delete_requested = Signal(str)
    dropped = Signal(str, list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icons = IconBinding(self)
        self._counts: LibraryCounts | None = None
        self._category_name: Callable[[str], str] = str.capitalize
        self._filling = False
        self._drop_target: QTreeWidgetItem | None = None  # marked while tiles are over it
        self._build_ui()
        self._connect()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setIndentation(8)
        self.setUniformRowHeights(True)
        self.setFrameShape(QTreeWidget.Shape.NoFrame)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.setAcceptDrops(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.all_item = self._entry(self, ALL)
        self.favourites_item = self._entry(self, ("favourites", ""))
        self.sections: dict[Kind, QTreeWidgetItem] = {}
        for kind in _SECTIONS:
            section = QTreeWidgetItem(self)
            section.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = QFont(self.font())
            font.setBold(True)
            section.setFont(0, font)
            section.setExpanded(True)
            self.sections[kind] = section
        self.add_collection_button = QToolButton(self)
        self.add_collection_button.setAutoRaise(True)
        self.icons.bind(self.add_collection_button.setIcon, "plus")
        self.setItemWidget(self.sections["collection"], 1, self.add_collection_button)
        self.all_item.setSelected(True)
        self.setCurrentItem(self.all_item)

    def _connect(self) -> None:
        self.customContextMenuRequested.connect(self._context_menu)
        self.add_collection_button.clicked.connect(
            lambda: self.create_requested.emit(self.add_collection_button)
        )
        self.itemSelectionChanged.connect(self._on_chosen)
        self.itemChanged.connect(self._on_item_changed)

    # -- public API --------------------------------------------------------------------------

    def scope(self) -> Scope:
        items = self.selectedItems()
        return items[0].data(0, _SCOPE) if items else ALL

    def scoped(self, query: LibraryQuery) -> LibraryQuery:
        """`query` narrowed to the entry chosen."""
        kind, value = self.scope()
        field = {
            "favourites": "favourites_only",
            "collection": "collection_id",
            "tag": "tag",
            "category": "category",
            "format": "format",
        }.get(kind)
        if field is None:
            return query
        return replace(query, **{field: value or True})

    def collection_id(self) -> str:
        kind, value = self.scope()
        return value if kind == "collection" else ""

    def choose(self, scope: Scope) -> None:
        """Choose the entry of `scope` (All if there is none), without firing `changed`."""
        item = self.item_of(scope) or self.all_item
        self._filling = True
        self.setCurrentItem(item)
        item.setSelected(True)
        self._filling = False

    def item_of(self, scope: Scope) -> QTreeWidgetItem | None:
        if scope == ALL:
            return self.all_item
        if scope[0] == "favourites":
            return self.favourites_item
        section = self.sections.get(scope[0])
        children = (section.child(i) for i in range(section.childCount())) if section else ()
        return next((item for item in children if item.data(0, _SCOPE) == scope), None)

    def set_counts(self, counts: LibraryCounts) -> None:
        """What the library holds (read off the GUI thread), shown with counts."""
        if counts != self._counts:  # most refreshes (a note saved, a file checked) change none
            self._counts = counts
            self._fill()

    def set_category_names(self, name: Callable[[str], str]) -> None:
        """How to show a category id in the UI language (from the catalog's facets)."""
        self._category_name = name
        self._fill()

    # -- filling -----------------------------------------------------------------------------

    def _entry(self, parent: QTreeWidget | None, scope: Scope) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent) if parent is not None else QTreeWidgetItem()
        item.setData(0, _SCOPE, scope)
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
        return item

    def _fill(self) -> None:
        counts = self._counts
        chosen = self.scope()
        self._filling = True
        number = QLocale().toString
        if counts is not None:
            self.all_item.setText(1, number(counts.total))
            self.favourites_item.setText(1, number(counts.favourites))
        rows: dict[Kind, list[tuple[str, str, int]]] = {kind: [] for kind in _SECTIONS}
        if counts is not None:
            rows["collection"] = [(c.id, c.name, c.count) for c in counts.collections]
            rows["tag"] = [(name, name, n) for name, n in counts.tags]
            rows["category"] = [(c, self._category_name(c), n) for c, n in counts.categories]
            rows["format"] = [(fmt, fmt.upper(), n) for fmt, n in counts.formats]
        icons = {name: self.icons.icon(name) for name in _ICONS.values()}
        for kind, section in self.sections.items():
            section.takeChildren()
            # Filled before they join the tree: each change of a row in the tree resizes the
            # counts column over every row (1,000 tags took 18 s one by one).
            items = []
            for value, text, count in rows[kind]:
                item = self._entry(None, (kind, value))
                item.setText(0, text)
                item.setText(1, number(count))
                item.setToolTip(0, text)
                icon = icons.get(_ICONS.get(kind, ""))  # formats: one icon each
                item.setIcon(0, icon or self.icons.icon(f"file-type-{value}"))
                if kind == "collection":
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                items.append(item)
            section.addChildren(items)
            # An empty section says nothing, except Collections: its + makes the first one.
            section.setHidden(not rows[kind] and kind != "collection")
        self._filling = False
        gone = self.item_of(chosen) is None
        self.choose(chosen)
        if gone:
            self.changed.emit()

    def _fill_icons(self) -> None:
        self.all_item.setIcon(0, self.icons.icon(_ICONS["all"]))
        self.favourites_item.setIcon(0, self.icons.icon(_ICONS["favourites"]))
        self._fill()

    # -- reacting ----------------------------------------------------------------------------

    def _on_chosen(self) -> None:
        if not self._filling:
            if not self.selectedItems():  # never nothing: an empty click keeps the entry
                self.choose(ALL)
            self.changed.emit()

    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        kind, value = item.data(0, _SCOPE) or ALL
        if self._filling or kind != "collection" or column != 0:
            return
        name = item.text(0).strip()
        if name:
            self.rename_requested.emit(value, name)
        else:
            self.restore()

    def restore(self) -> None:
        """Show the names as last counted (after a rename was refused), once the editor has
        let go of the item."""
        QTimer.singleShot(0, self._fill)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        kind, value = self.scope()
        if kind == "collection" and event.matches(QKeySequence.StandardKey.Delete):
            self.delete_requested.emit(value)
            return
        super().keyPressEvent(event)

    # -- dropping tiles on a collection --------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        event.setAccepted(bool(dragged_ids(event.mimeData())))

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        item = self.itemAt(event.position().toPoint())
        kind, _value = item.data(0, _SCOPE) if item is not None else ALL
        self._mark_drop_target(item if kind == "collection" else None)
        if self._drop_target is not None:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._mark_drop_target(None)

    def dropEvent(self, event: QDropEvent) -> None:
        target, ids = self._drop_target, dragged_ids(event.mimeData())
        self._mark_drop_target(None)
        if target is None or not ids:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.dropped.emit(target.data(0, _SCOPE)[1], ids)

    def _mark_drop_target(self, item: QTreeWidgetItem | None) -> None:
        if item is self._drop_target:
            return
        if self._drop_target is not None:
            self._drop_target.setData(0, Qt.ItemDataRole.BackgroundRole, None)
        self._drop_target = item
        if item is not None:
            tint = self.palette().color(QPalette.ColorRole.Highlight)
            tint.setAlpha(90)  # the text keeps its colour: a light wash of the selection's
            item.setBackground(0, tint)

    def _context_menu(self, pos: QPoint) -> None:
        item = self.itemAt(pos)
        scope = item.data(0, _SCOPE) if item is not None else None
        on_collection = scope is not None and scope[0] == "collection"
        if not on_collection and item is not self.sections["collection"]:
            return
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(
            self.icons.icon("plus"),
            self.tr("New collection…"),
            lambda: self.create_requested.emit(self.add_collection_button),
        )
        if on_collection and item is not None:
            menu.addAction(
                self.icons.icon("pencil"), self.tr("Rename…"), lambda: self.editItem(item)
            )
            menu.addAction(
                self.icons.icon("trash"),
                self.tr("Delete collection…"),
                lambda: self.delete_requested.emit(scope[1]),
            )
        menu.popup(self.viewport().mapToGlobal(pos))

    def retranslate_ui(self) -> None:
        self.setAccessibleName(self.tr("Library sections"))
        self.all_item.setText(0, self.tr("All illustrations"))
        self.favourites_item.setText(0, self.tr("Favourites"))
        titles: dict[Kind, str] = {
            "collection": self.tr("Collections"),
            "tag": self.tr("Tags"),
            "category": self.tr("Categories"),
            "format": self.tr("Formats"),
        }
        for kind, section in self.sections.items():
            section.setText(0, titles[kind])
        self.add_collection_button.setToolTip(self.tr("New collection…"))
        self.add_collection_button.setAccessibleName(self.add_collection_button.toolTip())
        self._fill_icons()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif event.type() in (QEvent.Type.PaletteChange, QEvent.Type.LayoutDirectionChange):
            self._fill_icons()
        super().changeEvent(event)
