"""The Account menu: who is signed in, sign in / create account / sign out, sync now, and the
account's data (export, delete)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from weshape_desktop.ui.account.controller import AccountController


class AccountMenu(QMenu):
    """Follows `AccountController.changed`; `sign_in_requested(register)` opens the dialog;
    `sync_requested`, `export_requested` and `delete_requested` are the signed-in items.

    Signing out asks first (`sign_out_box`), saying what happens to the library."""

    sign_in_requested = Signal(bool)
    sync_requested = Signal()
    export_requested = Signal()
    delete_requested = Signal()

    def __init__(self, accounts: AccountController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.accounts = accounts
        self.sign_out_box: QMessageBox | None = None
        self.who_action = QAction(self, enabled=False)
        self.sign_in_action = QAction(self)
        self.sign_in_action.triggered.connect(lambda: self.sign_in_requested.emit(False))
        self.register_action = QAction(self)
        self.register_action.triggered.connect(lambda: self.sign_in_requested.emit(True))
        # Ctrl+Shift+S is "Save SVG" only inside the export dialog, a window of its own.
        self.sync_action = QAction(self, shortcut=QKeySequence("Ctrl+Shift+S"))
        self.sync_action.triggered.connect(self.sync_requested)
        self.export_action = QAction(self)
        self.export_action.triggered.connect(self.export_requested)
        self.delete_action = QAction(self)
        self.delete_action.triggered.connect(self.delete_requested)
        self.sign_out_action = QAction(self)
        self.sign_out_action.triggered.connect(self.ask_sign_out)
        self.addActions(
            [self.who_action, self.sign_in_action, self.register_action, self.sync_action]
        )
        self.addSeparator()
        self.addActions([self.export_action, self.delete_action, self.sign_out_action])
        accounts.changed.connect(self.refresh)
        self.retranslate_ui()

    def refresh(self) -> None:
        account = self.accounts.account
        connected = self.accounts.session is not None
        if account is not None:
            self.who_action.setText(
                self.tr("Signed in as %1 (%2)").replace("%1", account.name)
                .replace("%2", account.email)
            )  # fmt: skip
        else:
            self.who_action.setText(self.tr("Not signed in"))
        for action in (self.sign_in_action, self.register_action):
            action.setVisible(account is None)
            action.setEnabled(connected)
        for action in (self.sync_action, self.export_action, self.delete_action):
            action.setEnabled(account is not None)
        self.sign_out_action.setVisible(account is not None)

    def ask_sign_out(self) -> QMessageBox:
        box = QMessageBox(self.parentWidget())
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Sign out"))
        box.setText(self.tr("Sign out of weShape on this computer?"))
        box.setInformativeText(
            self.tr("Your library stays on this computer. Syncing stops until you sign in again.")
        )
        sign_out = box.addButton(self.tr("Sign out"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(sign_out)

        def answered() -> None:
            self.sign_out_box = None
            box.deleteLater()
            if box.clickedButton() is sign_out:
                self.accounts.sign_out()

        box.finished.connect(answered)
        self.sign_out_box = box
        box.open()
        return box

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("&Account"))
        self.sign_in_action.setText(self.tr("&Sign in…"))
        self.register_action.setText(self.tr("&Create account…"))
        self.sync_action.setText(self.tr("S&ync now"))
        self.export_action.setText(self.tr("&Export my data…"))
        self.delete_action.setText(self.tr("&Delete my account…"))
        self.sign_out_action.setText(self.tr("Sign &out"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
