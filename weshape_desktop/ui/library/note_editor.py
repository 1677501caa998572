"""A note that saves itself: the owner is asked to save it shortly after the last keystroke, on
focus-out and before another entry's note is loaded, and shows a subtle "Saved" when it did."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

SAVE_DELAY_MS = 600  # after the last keystroke
SAVED_SHOWN_MS = 2500  # how long "Saved" stays


class NoteEditor(QWidget):
    """A heading, a "Saved" indicator and the text. `save_requested(item_id, text)` is emitted
    synchronously, so `load()` of the next entry never overtakes the previous entry's save."""

    save_requested = Signal(str, str)  # item id, text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._item_id: str | None = None
        self._dirty = False
        self._loading = False
        self.heading = QLabel(self)
        self.saved_label = QLabel(self)
        self.saved_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.saved_label.hide()
        self.edit = QPlainTextEdit(self)
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(90)
        self.edit.setMaximumHeight(160)
        self.edit.textChanged.connect(self._on_typed)
        self.edit.installEventFilter(self)
        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.request_save)
        self._saved_timer = QTimer(self, singleShot=True, interval=SAVED_SHOWN_MS)
        self._saved_timer.timeout.connect(self.saved_label.hide)
        heading_row = QHBoxLayout()
        heading_row.addWidget(self.heading)
        heading_row.addStretch(1)
        heading_row.addWidget(self.saved_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(heading_row)
        layout.addWidget(self.edit)
        self.retranslate_ui()

    def load(self, item_id: str | None, text: str, *, unsaved: bool = False) -> None:
        """Show another entry's note (after asking to save the one being typed). `unsaved`:
        the text is not stored yet (its save failed), so it is offered for saving again."""
        self.request_save()
        self._item_id = item_id
        self._saved_timer.stop()
        self.saved_label.hide()
        self._set_text(text)
        self._dirty = unsaved

    def refresh(self, text: str) -> None:
        """The same entry's stored note, e.g. after an edit elsewhere: shown unless being typed."""
        if not self._dirty and text != self.edit.toPlainText():
            self._set_text(text)

    def request_save(self) -> None:
        """Ask now to save what was typed, if anything."""
        self._save_timer.stop()
        if self._dirty and self._item_id is not None:
            self._dirty = False
            self.save_requested.emit(self._item_id, self.edit.toPlainText())

    def saved(self, item_id: str) -> None:
        """The owner saved `item_id`'s note: say so if it is still shown and unchanged since."""
        if item_id == self._item_id and not self._dirty:
            self.saved_label.show()
            self._saved_timer.start()

    def save_failed(self, item_id: str) -> bool:
        """The save failed: True if the text is still here (it will be saved next time)."""
        if item_id != self._item_id:
            return False
        self._dirty = True
        return True

    def text(self) -> str:
        return self.edit.toPlainText()

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)

    def retranslate_ui(self) -> None:
        self.heading.setText(self.tr("Notes"))
        self.edit.setPlaceholderText(self.tr("Add a note for yourself…"))
        self.edit.setAccessibleName(self.tr("Notes"))
        self.saved_label.setText(self.tr("Saved"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.FocusOut:
            self.request_save()
        return super().eventFilter(watched, event)

    def _set_text(self, text: str) -> None:
        self._loading = True
        try:
            self.edit.setPlainText(text)
        finally:
            self._loading = False

    def _on_typed(self) -> None:
        if self._loading or self._item_id is None:
            return
        self._dirty = True
        self.saved_label.hide()
        self._save_timer.start()
