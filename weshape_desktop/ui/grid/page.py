"""A tile grid, or in its place a centred sentence: the catalog's and the library's empty,
opening and "no results" states, with a Clear search button when a search hides everything, or
the button of an action that leads on (an empty library's "Browse the catalog")."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget


class GridPage(QStackedWidget):
    def __init__(self, grid: QWidget, clear_search: Callable[[], None], parent: QWidget) -> None:
        super().__init__(parent)
        self.grid = grid
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.clear_button = QPushButton(self)
        self.clear_button.clicked.connect(clear_search)
        self.action_button = QPushButton(self)
        self.action_button.clicked.connect(lambda: self._action and self._action.trigger())
        self._action: QAction | None = None
        message = QWidget(self)
        layout = QVBoxLayout(message)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.action_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.addWidget(grid)
        self.addWidget(message)
        self.retranslate_ui()

    def show_grid(self) -> None:
        self.setCurrentIndex(0)

    def show_message(
        self, text: str, *, clear_search: bool = False, action: QAction | None = None
    ) -> None:
        self.label.setText(text)
        self.clear_button.setVisible(clear_search)
        self._action = action
        self.action_button.setVisible(action is not None)
        self.action_button.setText(action.text() if action is not None else "")
        self.setCurrentIndex(1)

    def retranslate_ui(self) -> None:
        self.clear_button.setText(self.tr("Clear search"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
