"""Removing entries from the library: the confirmation (the rule for deleting their files is
`core.library.removal`)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget


class RemovalDialog(QMessageBox):
    """Asks before removing `count` entries; `chosen(delete_files)` fires only on a removal.

    Open it with `open()` (not `exec()`): no nested event loop, and tests can press its buttons.
    """

    chosen = Signal(bool)

    def __init__(self, parent: QWidget, count: int) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Remove from library"))
        self.setText(self.tr("Remove %Ln illustration(s) from your library?", "", count))
        self.setInformativeText(
            self.tr("Deleted files can't be recovered. Files you keep stay in the library folder.")
        )
        self.delete_button = self.addButton(
            self.tr("Remove and delete the files"), QMessageBox.ButtonRole.DestructiveRole
        )
        self.keep_button = self.addButton(
            self.tr("Remove, keep the files"), QMessageBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(self.cancel_button)  # Delete then Enter by mistake deletes nothing
        self.setEscapeButton(self.cancel_button)
        self.buttonClicked.connect(self._answered)

    def _answered(self, button: QAbstractButton) -> None:
        if button in (self.delete_button, self.keep_button):
            self.chosen.emit(button is self.delete_button)
