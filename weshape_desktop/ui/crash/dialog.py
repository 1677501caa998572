"""The short notice after a crash, offering the report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget


class CrashDialog(QMessageBox):
    """Says what happened and what to do; "Open report" shows the file in the desktop's viewer."""

    def __init__(self, report: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Unexpected error"))
        self.setText(self.tr("weShape Desktop ran into an unexpected error."))
        self.setInformativeText(
            self.tr(
                "A report was saved with the technical details and none of your personal data. "
                "If something no longer works, restart the app."
            )
        )
        self.open_button = self.addButton(self.tr("Open report"), QMessageBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(self.open_report)
        self.setStandardButtons(QMessageBox.StandardButton.Close)

    def open_report(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.report)))
