"""The catalog's side panel while several illustrations are selected: how many, how many of them
the library holds already, and the download buttons for the rest (SVG, or PNG at a size)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QBoxLayout, QLabel, QVBoxLayout, QWidget

from weshape_desktop.core.models import Illustration
from weshape_desktop.ui.catalog.detail_panel import title_font
from weshape_desktop.ui.catalog.download_buttons import DownloadButtons


class SelectionPanel(QWidget):
    """Shows a selection of several illustrations; `buttons` download the ones not yet owned."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._count = 0
        self._owned = 0
        self.heading = QLabel(self)
        self.heading.setFont(title_font(self.heading.font()))
        self.heading.setWordWrap(True)
        self.owned_label = QLabel(self)
        self.owned_label.setWordWrap(True)
        self.hint_label = QLabel(self)
        self.hint_label.setWordWrap(True)
        self.hint_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.buttons = DownloadButtons(self)
        buttons_layout = self.buttons.layout()
        assert isinstance(buttons_layout, QBoxLayout)
        buttons_layout.setDirection(
            QBoxLayout.Direction.TopToBottom
        )  # long texts: one above the other
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.owned_label)
        layout.addWidget(self.buttons)
        layout.addWidget(self.hint_label)
        layout.addStretch(1)
        layout.setAlignment(self.buttons, Qt.AlignmentFlag.AlignLeading)
        self.retranslate_ui()

    def show_items(self, items: list[Illustration], missing: list[Illustration]) -> None:
        """`items` are selected; `missing` are those the library lacks (the ones to download)."""
        self._count, self._owned = len(items), len(items) - len(missing)
        self.buttons.show_items(missing)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        locale = QLocale()
        self.heading.setText(self.tr("%Ln illustration(s) selected", "", self._count))
        if self._owned == self._count:
            owned = self.tr("All of them are already in your library.")
        else:
            owned = (
                self.tr("%1 of %2 already in your library: they are skipped.")
                .replace("%1", locale.toString(self._owned))
                .replace("%2", locale.toString(self._count))
            )
        self.owned_label.setText(owned)
        self.owned_label.setVisible(self._owned > 0)
        self.hint_label.setText(
            self.tr("Drag them into another app to use them there. Escape clears the selection.")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
