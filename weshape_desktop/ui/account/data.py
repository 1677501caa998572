"""The account's data (DESIGN §10 privacy controls): export it to a JSON file, or delete the
account with its password and a typed confirmation word."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QObject, QStandardPaths, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from weshape_desktop.core.text import isolate
from weshape_desktop.ui.account.controller import AccountController
from weshape_desktop.ui.tasks import describe_error


class DeleteAccountDialog(QDialog):
    """Asks for the password and a typed word; `deleted` once the server deleted the account
    (this device is then signed out)."""

    deleted = Signal()

    def __init__(self, accounts: AccountController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.accounts = accounts
        self.setWindowTitle(self.tr("Delete my account"))
        self.explanation = QLabel(self, wordWrap=True)
        self.explanation.setText(
            self.tr(
                "This deletes your weShape account and everything it holds on the server: your "
                "synced library, favourites, tags, notes and collections. You are signed out on "
                "every computer. The library on this computer stays. This can't be undone."
            )
        )
        self.word = self.tr("DELETE")
        self.password_edit = QLineEdit(self, echoMode=QLineEdit.EchoMode.Password)
        self.confirm_edit = QLineEdit(self)
        self.error_label = QLabel(self, wordWrap=True, objectName="errorLabel")
        self.error_label.setStyleSheet("color: #c92a2a;")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.delete_button = self.buttons.addButton(
            self.tr("Delete my account"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        form = QFormLayout()
        form.addRow(self.tr("Password"), self.password_edit)
        form.addRow(self.tr("Type %1 to confirm").replace("%1", self.word), self.confirm_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.password_edit.textChanged.connect(self._update_button)
        self.confirm_edit.textChanged.connect(self._update_button)
        self.delete_button.clicked.connect(self.delete)
        self.buttons.rejected.connect(self.reject)
        self._update_button()

    def _update_button(self) -> None:
        typed = self.confirm_edit.text().strip().casefold() == self.word.casefold()
        self.delete_button.setEnabled(typed and bool(self.password_edit.text()))

    def delete(self) -> None:
        self._set_busy(True)
        self.accounts.delete_account(self.password_edit.text(), self._deleted, self._failed)

    def _deleted(self, _result: object) -> None:
        self.deleted.emit()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.error_label.setText(describe_error(exc))
        self.error_label.show()
        self.password_edit.clear()
        self.password_edit.setFocus()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.password_edit, self.confirm_edit, self.buttons):
            widget.setEnabled(not busy)
        if not busy:
            self._update_button()


class AccountData(QObject):
    """Runs "Export my data…" and "Delete my account…" over `window`; `message(str)` is what to
    tell the user in the status bar."""

    message = Signal(str)

    def __init__(self, accounts: AccountController, window: QWidget) -> None:
        super().__init__(window)
        self.accounts = accounts
        self.window = window
        self.file_dialog: QFileDialog | None = None
        self.delete_dialog: DeleteAccountDialog | None = None
        self.done_box: QMessageBox | None = None

    def export(self) -> QFileDialog:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"weshape-data-{QDate.currentDate().toString('yyyy-MM-dd')}.json"
        dialog = QFileDialog(self.window, self.tr("Export my data"), str(Path(folder) / name))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("JSON files (*.json)"))
        dialog.setDefaultSuffix("json")
        dialog.fileSelected.connect(lambda path: self._save(Path(path)))
        dialog.finished.connect(dialog.deleteLater)
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def _save(self, target: Path) -> None:
        self.file_dialog = None

        def saved(_result: object) -> None:
            self.message.emit(
                self.tr("Your data was saved to %1.").replace("%1", isolate(str(target)))
            )

        self.accounts.export_data(target, saved, lambda exc: self.message.emit(describe_error(exc)))

    def delete(self) -> DeleteAccountDialog:
        dialog = DeleteAccountDialog(self.accounts, self.window)
        dialog.deleted.connect(self._tell_deleted)
        dialog.finished.connect(dialog.deleteLater)
        self.delete_dialog = dialog
        dialog.open()
        return dialog

    def _tell_deleted(self) -> None:
        self.delete_dialog = None
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Account deleted"),
            self.tr(
                "Your weShape account and its data were deleted from the server, and you are "
                "signed out. The library on this computer stays, and is no longer synced."
            ),
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.finished.connect(box.deleteLater)
        self.done_box = box
        box.open()
