"""A flat list model seen as a grid of `columns` cells per row, for a QTableView.

QListView's icon mode lays out every row again when rows are appended (O(total) per page); a
table with fixed section sizes only needs the row count, so a page costs O(1) however many rows
are loaded. Cell (row, col) shows flat row `row * columns + col`; cells past the end are empty.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

AnyIndex = QModelIndex | QPersistentModelIndex


class GridProxy(QAbstractTableModel):
    """Rows of `columns` cells over a flat list model that appends, resets or changes data."""

    def __init__(self, source: QAbstractItemModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._columns = 1
        # Our own count, so rowCount() changes only inside our begin/end notifications.
        self._count = source.rowCount()
        source.modelAboutToBeReset.connect(self.beginResetModel)
        source.modelReset.connect(self._on_source_reset)
        source.rowsInserted.connect(self._on_rows_inserted)
        source.dataChanged.connect(self._on_data_changed)
        # The flat models never remove, move or reorder rows; should one do it, start over.
        for signal in (source.rowsRemoved, source.rowsMoved, source.layoutChanged):
            signal.connect(self._reset)

    # -- mapping -----------------------------------------------------------------------------

    def columns(self) -> int:
        return self._columns

    def set_columns(self, columns: int) -> None:
        """Reflow the cells (the viewport was resized); current and selected items stay put."""
        columns = max(1, columns)
        if columns == self._columns:
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        flat = [self.flat_row(index) for index in old]
        self._columns = columns
        self.changePersistentIndexList(old, [self.index_of(row) for row in flat])
        self.layoutChanged.emit()

    def flat_row(self, index: AnyIndex) -> int:
        """The source row shown in `index`'s cell, or -1 for an empty cell."""
        if not index.isValid():
            return -1
        row = index.row() * self._columns + index.column()
        return row if row < self._count else -1

    def source_count(self) -> int:
        """How many items the grid shows (the flat model's rows, as this proxy last heard)."""
        return self._count

    def index_of(self, flat_row: int) -> QModelIndex:
        """The cell showing source row `flat_row` (invalid when there is none)."""
        if not 0 <= flat_row < self._count:
            return QModelIndex()
        return self.index(*divmod(flat_row, self._columns))

    # -- QAbstractTableModel -----------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else -(-self._count // self._columns)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else self._columns

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.flat_row(index)
        return None if row < 0 else self._source.index(row, 0).data(role)

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = self.flat_row(index)
        return row >= 0 and self._source.setData(self._source.index(row, 0), value, role)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        row = self.flat_row(index)
        if row < 0:  # empty cells can't be selected or reached with the keyboard
            return Qt.ItemFlag.ItemNeverHasChildren if index.isValid() else Qt.ItemFlag.NoItemFlags
        return self._source.flags(self._source.index(row, 0))

    # Dragging tiles out: the flat model builds the data from its own rows.
    def mimeTypes(self) -> list[str]:
        return self._source.mimeTypes()

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({r for r in map(self.flat_row, indexes) if r >= 0})
        return self._source.mimeData([self._source.index(r, 0) for r in rows])

    def supportedDragActions(self) -> Qt.DropAction:
        return self._source.supportedDragActions()

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and self._source.canFetchMore(QModelIndex())

    def fetchMore(self, parent: AnyIndex) -> None:
        if not parent.isValid():
            self._source.fetchMore(QModelIndex())

    # -- following the source ----------------------------------------------------------------

    def _on_source_reset(self) -> None:
        self._count = self._source.rowCount()
        self.endResetModel()

    def _reset(self) -> None:
        self.beginResetModel()
        self._count = self._source.rowCount()
        self.endResetModel()

    def _on_rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if parent.isValid():
            return
        if first != self._count:  # not an append: nothing cheap to say
            self._reset()
            return
        columns, old = self._columns, self._count
        new = old + last - first + 1
        old_rows, new_rows = -(-old // columns), -(-new // columns)
        if new_rows > old_rows:
            self.beginInsertRows(QModelIndex(), old_rows, new_rows - 1)
            self._count = new
            self.endInsertRows()
        else:
            self._count = new
        if old % columns:  # the old last row was partly empty: its empty cells filled in
            row = old // columns
            end = min(columns, new - row * columns) - 1
            self.dataChanged.emit(self.index(row, old % columns), self.index(row, end))

    def _on_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, roles) -> None:
        first, last = top_left.row(), min(bottom_right.row(), self._count - 1)
        if first > last:
            return
        if first == last:
            cell = self.index_of(first)
            self.dataChanged.emit(cell, cell, roles)
            return
        first_row, last_row = first // self._columns, last // self._columns
        top, bottom = self.index(first_row, 0), self.index(last_row, self._columns - 1)
        self.dataChanged.emit(top, bottom, roles)
