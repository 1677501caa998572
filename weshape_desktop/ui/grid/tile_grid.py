"""The tile grid widget: a QTableView whose cells are tiles of a flat list model.

Both the catalog (one item at a time) and the library (extended multi-selection) use it. With
several tiles selectable, Shift+click, Shift+arrows and drags select the flat run of items between
two tiles, as in a file manager's icon view, rather than the rectangle of cells a table would.
Once scrolling stops, the model is told which rows are on screen (to render their previews first).
Space shows the current tile in a quick look; Enter or a double-click asks to open its details.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QContextMenuEvent, QFocusEvent, QKeyEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyle,
    QTableView,
    QWidget,
)

from weshape_desktop.ui.grid.delegate import TileDelegate
from weshape_desktop.ui.grid.model import TileModel
from weshape_desktop.ui.grid.proxy import GridProxy
from weshape_desktop.ui.grid.tile_content import ItemRole, render_size

if TYPE_CHECKING:  # imported on first use: opening a grid doesn't wait for it
    from weshape_desktop.ui.grid.quick_look import QuickLook

CELL_SPACING = 8  # px between tiles
SCROLL_SETTLE_MS = 30  # no scrolling for this long: the tiles on screen are the ones to show
Selection = QAbstractItemView.SelectionMode


class TileGrid(QTableView):
    """Tiles in a table with fixed section sizes: appending a page costs O(1), not O(rows).

    As many columns as fit the viewport; their width shares out the spare pixels so the grid
    fills the width, and the delegate centres each tile in its cell. The model's ItemRole must
    be an object with a `style`. `opened(row)`: Enter or a double-click on the tile of flat row
    `row` (the tab shows its details).
    """

    opened = Signal(int)

    def __init__(
        self,
        model: TileModel,
        parent: QWidget,
        *,
        selection_mode: Selection = Selection.SingleSelection,
    ) -> None:
        super().__init__(parent)
        self._model = model
        # Our own viewport, set up as Qt sets up its own: the first `viewport()` of the one Qt
        # makes has PySide look through every QWidget subclass for its type (~7 ms, which
        # the first paint of the grid waited for).
        viewport = QWidget(self)
        viewport.setObjectName("qt_scrollarea_viewport")
        viewport.setBackgroundRole(QPalette.ColorRole.Base)
        viewport.setAutoFillBackground(True)
        viewport.setAttribute(Qt.WidgetAttribute.WA_Hover)  # the delegate paints the tile hovered
        self.setViewport(viewport)
        self.delegate = TileDelegate(model.preview_size, self)
        self.proxy = GridProxy(model, self)
        self.setModel(self.proxy)
        self.setItemDelegate(self.delegate)
        self.setShowGrid(False)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the grid (the arrows walk it)
        self.setSelectionMode(selection_mode)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The table would fill a selected cell with the highlight colour; the delegate draws a
        # softer frame itself (from the application palette), so the cell stays clear.
        palette = self.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.Highlight, Qt.GlobalColor.transparent)
        self.setPalette(palette)
        for header in (self.horizontalHeader(), self.verticalHeader()):
            header.hide()
            header.setMinimumSectionSize(1)
            header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._cell = QSize()
        self._size_cells()
        self._settle_timer = QTimer(self, singleShot=True, interval=SCROLL_SETTLE_MS)
        self._settle_timer.timeout.connect(self._settled)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self._quick_look: QuickLook | None = None  # built when first opened
        self.activated.connect(self._on_activated)
        self.selectionModel().currentChanged.connect(self._follow_current)

    def tile_size(self) -> int:
        return self.delegate.preview.width()

    def set_tile_size(self, size: int) -> None:
        """Show previews at `size` px; they are rendered at the nearest larger RENDER_SIZES, so
        a slider's every step re-renders nothing unless it crosses one."""
        if size == self.tile_size():
            return
        rendered = render_size(size)
        self._model.set_preview_size(rendered)
        self.delegate.set_preview_size(size, rendered)
        self._size_cells()
        self._fit_columns()
        self.viewport().update()
        if self.currentIndex().isValid():
            self.scrollTo(self.currentIndex())
        self.settle_later()

    def _size_cells(self) -> None:
        self.setIconSize(self.delegate.preview)
        tile = self.delegate.tile
        self._cell = QSize(tile.width() + CELL_SPACING, tile.height() + CELL_SPACING)
        self.horizontalHeader().setDefaultSectionSize(self._cell.width())
        self.verticalHeader().setDefaultSectionSize(self._cell.height())
        self.verticalScrollBar().setSingleStep(self._cell.height() // 4)

    def settle_later(self) -> None:
        """Rows may have come on screen without scrolling (a page arrived): tell the model
        which, as when scrolling stops."""
        self._settle_timer.start()

    def tiles_settled(self) -> bool:
        """Every tile on screen is loaded and shows its preview, or is known to have none."""
        first, last = self.visible_rows()
        return all(self._model.preview_settled(row) for row in range(first, last + 1))

    def select_row(self, row: int) -> None:
        """Make flat row `row` the current (and only selected) item, and show it."""
        index = self.proxy.index_of(row)
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def visible_rows(self) -> tuple[int, int]:
        """First and last flat row on screen, from the grid rows at the viewport's top and
        bottom edges; never walks all rows."""
        count, columns = self.proxy.source_count(), self.proxy.columns()
        top = self.rowAt(0)
        if count == 0 or top < 0:
            return 0, -1
        bottom = self.rowAt(self.viewport().height() - 1)
        last = count - 1 if bottom < 0 else min(count - 1, (bottom + 1) * columns - 1)
        return top * columns, last

    # -- quick look and opening -------------------------------------------------------------

    def quick_look(self) -> QuickLook | None:
        """The quick look while it is open."""
        look = self._quick_look
        return look if look is not None and look.isVisible() else None

    def open_quick_look(self) -> None:
        """Show the current tile large over the grid (nothing without a current tile)."""
        if self._quick_look is None:
            from weshape_desktop.ui.grid.quick_look import QuickLook

            self._quick_look = QuickLook(self._model.previews, self)
            self._quick_look.dismissed.connect(self.close_quick_look)
        self._quick_look.setGeometry(self.viewport().geometry())
        self._show_in_quick_look(self.currentIndex())

    def close_quick_look(self) -> None:
        if self._quick_look is not None:
            self._quick_look.hide()

    def _follow_current(self, current: QModelIndex, previous: QModelIndex) -> None:
        del previous
        if self.quick_look() is not None:
            self._show_in_quick_look(current)

    def _show_in_quick_look(self, index: QModelIndex) -> None:
        row = self.proxy.flat_row(index)
        look = self._quick_look
        if look is None or row < 0:
            self.close_quick_look()
            return
        sha256, url = self._model.preview_source(row)
        item = index.data(ItemRole)
        dark = item is not None and item.style.startswith("dark")
        look.show_tile(sha256, url, index.data(Qt.ItemDataRole.DisplayRole) or "", dark=dark)

    def _on_activated(self, index: QModelIndex) -> None:
        row = self.proxy.flat_row(index)
        if row >= 0:
            self.close_quick_look()
            self.opened.emit(row)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, plain = event.key(), event.modifiers() == Qt.KeyboardModifier.NoModifier
        if key == Qt.Key.Key_Space and plain:
            if self.quick_look() is not None:
                self.close_quick_look()
            else:
                self.open_quick_look()
        elif key == Qt.Key.Key_Escape and self.quick_look() is not None:
            self.close_quick_look()
        elif key == Qt.Key.Key_Menu or (
            key == Qt.Key.Key_F10 and event.modifiers() == Qt.KeyboardModifier.ShiftModifier
        ):
            self._context_menu_from_keyboard()
        else:
            super().keyPressEvent(event)

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        """The tiles read like wrapped text, not a table: Left and Right step over the ends of
        lines (mirrored right-to-left), Home and End go to the first and last tile."""
        Move = QAbstractItemView.CursorAction
        rtl = self.isRightToLeft()
        forward, back = (Move.MoveLeft, Move.MoveRight) if rtl else (Move.MoveRight, Move.MoveLeft)
        row, last = self.proxy.flat_row(self.currentIndex()), self.proxy.source_count() - 1
        targets = {Move.MoveHome: 0, Move.MoveEnd: last, forward: row + 1, back: row - 1}
        if action not in targets or row < 0 or last < 0:
            return super().moveCursor(action, modifiers)
        return self.proxy.index_of(min(max(targets[action], 0), last))

    def _context_menu_from_keyboard(self) -> None:
        """The Menu key or Shift+F10 opens the tiles' context menu at the current tile, as a
        right-click would (Qt maps neither to a context menu by itself on every platform)."""
        rect = self.visualRect(self.currentIndex())
        pos = rect.center() if rect.isValid() else QPoint(0, 0)
        viewport = self.viewport()
        reason = QContextMenuEvent.Reason.Keyboard
        QApplication.sendEvent(viewport, QContextMenuEvent(reason, pos, viewport.mapToGlobal(pos)))

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        # Tabbing in makes a tile current (Qt does) without selecting it: the details would
        # show a tile that the selection's actions can't act on. Select it, as a click would.
        current = self.currentIndex()
        if current.isValid() and not self.selectionModel().hasSelection():
            flag = QItemSelectionModel.SelectionFlag.ClearAndSelect
            self.selectionModel().select(current, flag)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        # A click elsewhere in the window closes it; a context menu over it does not.
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.close_quick_look()
        super().focusOutEvent(event)

    # -- selection as flat rows ------------------------------------------------------------------

    def selected_rows(self) -> list[int]:
        """The selected items' flat rows, in order; reads the selection ranges, not every index."""
        proxy, columns = self.proxy, self.proxy.columns()
        count = proxy.source_count()
        rows: set[int] = set()
        for part in self.selectionModel().selection():
            for row in range(part.top(), part.bottom() + 1):
                start = row * columns
                rows.update(
                    r for r in range(start + part.left(), start + part.right() + 1) if r < count
                )
        return sorted(rows)

    def select_rows(self, rows: Iterable[int]) -> None:
        """Replace the selection with these flat rows (runs of neighbours become ranges)."""
        selection = QItemSelection()
        ordered = sorted(set(rows))
        start = 0
        for i in range(1, len(ordered) + 1):
            if i == len(ordered) or ordered[i] != ordered[i - 1] + 1:
                self._add_run(selection, ordered[start], ordered[i - 1])
                start = i
        self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def setSelection(self, rect: QRect, command: QItemSelectionModel.SelectionFlag) -> None:
        # Qt passes the anchor as the rect's first corner and the pointer as its second.
        first = self.proxy.flat_row(self.indexAt(rect.topLeft()))
        last = self.proxy.flat_row(self.indexAt(rect.bottomRight()))
        if self.selectionMode() != Selection.ExtendedSelection or first < 0 or last < 0:
            super().setSelection(rect, command)
            return
        selection = QItemSelection()
        self._add_run(selection, min(first, last), max(first, last))
        self.selectionModel().select(selection, command)

    def _add_run(self, selection: QItemSelection, first: int, last: int) -> None:
        """Flat rows first..last as at most three rectangles: a row's tail, whole rows, a head."""
        columns = self.proxy.columns()
        (top, left), (bottom, right) = divmod(first, columns), divmod(last, columns)
        index = self.proxy.index
        if top == bottom:
            selection.select(index(top, left), index(top, right))
            return
        selection.select(index(top, left), index(top, columns - 1))
        if bottom > top + 1:
            selection.select(index(top + 1, 0), index(bottom - 1, columns - 1))
        selection.select(index(bottom, 0), index(bottom, right))

    # -- scrolling ---------------------------------------------------------------------------

    def _scrolled(self) -> None:
        self._model.scrolled()
        self._settle_timer.start()

    def _settled(self) -> None:
        self._model.settled(*self.visible_rows())

    # -- layout ------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()
        if self._quick_look is not None:
            self._quick_look.setGeometry(self.viewport().geometry())

    def _fit_columns(self) -> None:
        # Count columns as if the scroll bar were shown, so it appearing can't change the count
        # (and the row count, and the scroll bar again).
        width = self.viewport().width()
        reserve = 0
        if not self.verticalScrollBar().isVisible():
            reserve = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        columns = max(1, (width - reserve) // self._cell.width())
        self.proxy.set_columns(columns)
        self.horizontalHeader().setDefaultSectionSize(max(1, width // columns))
