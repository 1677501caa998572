"""The catalog's tile grid: several tiles selectable (Shift, Ctrl, Ctrl+A, Shift+arrows), Escape
to let go of them, and drags handed to `DragOut` rather than Qt's own (which would need the files
at once)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QWidget

from weshape_desktop.core.models import Illustration
from weshape_desktop.ui.grid import ItemRole, Selection, TileGrid, TileModel


class CatalogGrid(TileGrid):
    """`drag_requested(list[Illustration])`: the selected tiles are being dragged out;
    `cancel_requested()`: Escape while `hold_pointer` (a drag waits for its files)."""

    drag_requested = Signal(list)
    cancel_requested = Signal()

    def __init__(self, model: TileModel, parent: QWidget) -> None:
        super().__init__(model, parent, selection_mode=Selection.ExtendedSelection)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.hold_pointer = False  # a drag waits for downloads: moves must not select

    def selected_items(self) -> list[Illustration]:
        """The selected tiles' items, in grid order (~20 µs a row: it decodes their pages)."""
        index = self._model.index
        return [index(row).data(ItemRole) for row in self.selected_rows()]

    def startDrag(self, supportedActions: Qt.DropAction) -> None:
        del supportedActions  # always a copy
        self.drag_requested.emit(self.selected_items())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        # After startDrag Qt treats further moves with the button down as a drag-selection.
        if not (self.hold_pointer and event.buttons() & Qt.MouseButton.LeftButton):
            super().mouseMoveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.hold_pointer:
            self.cancel_requested.emit()
            return
        if (
            event.key() == Qt.Key.Key_Escape
            and self.quick_look() is None  # Escape closes an open quick look first
            and self.selectionModel().hasSelection()
        ):
            self.selectionModel().clear()
            return
        super().keyPressEvent(event)
