"""A message strip with a Retry button, shown above a view when loading fails (e.g. offline),
or with other choices when retrying cannot help."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QWidget,
)


class Banner(QFrame):
    """Hidden until `show_message(text)`; `retry_clicked` asks the owner to try again.

    `action_text` names the button when it does something other than retrying (called again on
    a language change, so it should return a freshly translated text)."""

    retry_clicked = Signal()

    def __init__(
        self, parent: QWidget | None = None, action_text: Callable[[], str] | None = None
    ) -> None:
        super().__init__(parent)
        self._action_text = action_text
        self.setObjectName("banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # Warm background so the strip reads as a warning in light and dark themes alike.
        self.setStyleSheet(
            "QFrame#banner { background: #fff4e0; border: 1px solid #e0a030; border-radius: 4px; }"
            "QFrame#banner QLabel { color: #402800; }"
        )
        self.icon_label = QLabel(self)  # its icon is drawn when first shown (~2 ms at start)
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.retry_button = QPushButton(self)
        self.retry_button.clicked.connect(self.retry_clicked)
        self._choices: list[tuple[QPushButton, Callable[[], str]]] = []

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.message_label, 1)
        layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self._layout = layout
        self.retranslate_ui()
        self.hide()

    def show_message(self, text: str) -> None:
        self.show_choices(text, [])

    def show_choices(
        self, text: str, choices: list[tuple[Callable[[], str], Callable[[], None]]]
    ) -> None:
        """`text` with a button per (label, action) choice in place of Retry; no choices
        show Retry. Labels are called again on a language change."""
        if self.icon_label.pixmap().isNull():
            icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            self.icon_label.setPixmap(icon.pixmap(24, 24))
        self.message_label.setText(text)
        for button, _label in self._choices:
            button.hide()
            button.deleteLater()
        self._choices = []
        for label, action in choices:
            button = QPushButton(self)
            button.clicked.connect(action)
            self._layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
            self._choices.append((button, label))
        self.retry_button.setVisible(not choices)
        self.retry_button.setEnabled(True)
        self.retranslate_ui()
        self.show()

    def choice_buttons(self) -> list[QPushButton]:
        return [button for button, _label in self._choices]

    def message(self) -> str:
        return self.message_label.text()

    def set_busy(self, busy: bool) -> None:
        """Disable Retry (or the choices) while one is under way: one click, one attempt."""
        for button in (self.retry_button, *self.choice_buttons()):
            button.setEnabled(not busy)

    def retranslate_ui(self) -> None:
        self.retry_button.setText(self._action_text() if self._action_text else self.tr("Retry"))
        for button, label in self._choices:
            button.setText(label())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
