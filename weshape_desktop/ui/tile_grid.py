"""The catalog grid widget: a QTableView whose cells are tiles of a flat CatalogModel."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPalette, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QWidget

from weshape_desktop.ui.catalog_model import CatalogModel
from weshape_desktop.ui.grid_proxy import GridProxy
from weshape_desktop.ui.tile_delegate import TileDelegate

CELL_SPACING = 8  # px between tiles


class TileGrid(QTableView):
    """Tiles in a table with fixed section sizes: appending a page costs O(1), not O(rows).

    As many columns as fit the viewport; their width shares out the spare pixels so the grid
    fills the width, and the delegate centres each tile in its cell.
    """

    def __init__(self, model: CatalogModel, parent: QWidget) -> None:
        super().__init__(parent)
        self.delegate = TileDelegate(model.preview_size, self)
        self.proxy = GridProxy(model, self)
        self.setModel(self.proxy)
        self.setItemDelegate(self.delegate)
        self.setShowGrid(False)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setIconSize(self.delegate.preview)
        # The table would fill a selected cell with the highlight colour; the delegate draws a
        # softer frame itself (from the application palette), so the cell stays clear.
        palette = self.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.Highlight, Qt.GlobalColor.transparent)
        self.setPalette(palette)
        tile = self.delegate.tile
        self._cell = QSize(tile.width() + CELL_SPACING, tile.height() + CELL_SPACING)
        for header, size in (
            (self.horizontalHeader(), self._cell.width()),
            (self.verticalHeader(), self._cell.height()),
        ):
            header.hide()
            header.setMinimumSectionSize(1)
            header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            header.setDefaultSectionSize(size)
        self.verticalScrollBar().setSingleStep(self._cell.height() // 4)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

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
