"""The row above the library grid: how many are selected, and the actions on them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolBar, QWidget

from weshape_desktop.ui.library.actions import LibraryActions

_STYLE = Qt.ToolButtonStyle


class LibraryActionBar(QWidget):
    """Icon and text for each action, Remove set apart at the far end; where the row is too
    narrow for the texts (a small window beside the details), icons only (texts as tooltips)."""

    def __init__(self, actions: LibraryActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.selection_label = QLabel(self)
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(_STYLE.ToolButtonTextBesideIcon)
        self.toolbar.addActions(actions.edit_actions())
        spacer = QWidget(self.toolbar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.toolbar.addSeparator()
        self.toolbar.addAction(actions.remove_action)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.selection_label)
        layout.addWidget(self.toolbar, 1)

    def set_selection_text(self, text: str) -> None:
        self.selection_label.setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        toolbar = self.toolbar
        toolbar.setToolButtonStyle(_STYLE.ToolButtonTextBesideIcon)  # measured with the texts
        room = self.width() - self.selection_label.sizeHint().width() - self.layout().spacing()
        if toolbar.sizeHint().width() > room:
            toolbar.setToolButtonStyle(_STYLE.ToolButtonIconOnly)
