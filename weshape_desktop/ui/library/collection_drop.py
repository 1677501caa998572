"""Dragging tiles to another place in the collection shown (its own order, nothing filtered out).

The library grid's drags carry the entries' ids beside the files (`IDS_MIME`); while the grid shows
a whole collection in its own order, a drop of such a drag onto the grid puts those entries where
it lands, and a bar shows that place while dragging.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QByteArray, QEvent, QMimeData, QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QDragMoveEvent, QDropEvent, QPalette
from PySide6.QtWidgets import QFrame

from weshape_desktop.ui.grid import TileGrid

IDS_MIME = "application/x-weshape-library-ids"
_SCROLL_MARGIN = 32  # px from the top or bottom edge where a drag scrolls the grid


def add_ids(mime: QMimeData, ids: Sequence[str]) -> None:
    mime.setData(IDS_MIME, QByteArray("\n".join(ids).encode()))


def dragged_ids(mime: QMimeData) -> list[str]:
    if not mime.hasFormat(IDS_MIME):
        return []
    return [i for i in bytes(mime.data(IDS_MIME).data()).decode().split("\n") if i]


class CollectionDrop(QObject):
    """An event filter on `grid`'s viewport; `order()` is the collection's whole order while the
    grid shows exactly that, else None. `dropped(ids, place)`: put `ids` at `place` in it."""

    dropped = Signal(list, int)

    def __init__(self, grid: TileGrid, order: Callable[[], list[str] | None]) -> None:
        super().__init__(grid)
        self._grid = grid
        self._order = order
        self._marker = QFrame(grid.viewport())
        self._marker.setAutoFillBackground(True)
        self._marker.setBackgroundRole(QPalette.ColorRole.Link)
        self._marker.hide()
        grid.viewport().setAcceptDrops(True)
        grid.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.DragLeave:
            self._marker.hide()
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        assert isinstance(event, QDragMoveEvent | QDropEvent)
        order, pos = self._order(), event.position().toPoint()
        ids = dragged_ids(event.mimeData())
        if not ids or order is None:
            self._marker.hide()
            event.ignore()
            return True
        place = self._place(pos, len(order))
        event.setDropAction(Qt.DropAction.CopyAction)  # never "move": the view would drop rows
        event.accept()
        if kind == QEvent.Type.Drop:
            self._marker.hide()
            self.dropped.emit(ids, place)
        else:
            self._scroll_near_edges(pos)
            self._show_marker(place, len(order))
        return True

    def _place(self, pos: QPoint, count: int) -> int:
        """Where in the order (of `count` entries) a drop at `pos` puts the dragged ones."""
        index = self._grid.indexAt(pos)
        row = self._grid.proxy.flat_row(index)
        if row < 0:
            return count  # past the last tile
        leading = pos.x() < self._grid.visualRect(index).center().x()
        return row if leading != self._grid.isRightToLeft() else row + 1

    def _show_marker(self, place: int, count: int) -> None:
        at_end = place >= count
        index = self._grid.proxy.index_of(count - 1 if at_end else place)
        if not index.isValid():
            self._marker.hide()
            return
        rect = self._grid.visualRect(index)
        # The bar stands at the tile's leading edge, or after the last tile.
        left_edge = at_end == self._grid.isRightToLeft()
        x = rect.left() if left_edge else rect.right()
        self._marker.setGeometry(QRect(x - 1, rect.top() + 4, 3, rect.height() - 8))
        self._marker.show()

    def _scroll_near_edges(self, pos: QPoint) -> None:
        bar = self._grid.verticalScrollBar()
        if pos.y() < _SCROLL_MARGIN:
            bar.setValue(bar.value() - bar.singleStep())
        elif pos.y() > self._grid.viewport().height() - _SCROLL_MARGIN:
            bar.setValue(bar.value() + bar.singleStep())
