"""The Account menu: who is signed in, and sign in / create account / sign out."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from weshape_desktop.ui.account.controller import AccountController


class AccountMenu(QMenu):
    """Follows `AccountController.changed`; `sign_in_requested(register)` opens the dialog."""

    sign_in_requested = Signal(bool)

    def __init__(self, accounts: AccountController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.accounts = accounts
        self.who_action = QAction(self, enabled=False)
        self.sign_in_action = QAction(self)
        self.sign_in_action.triggered.connect(lambda: self.sign_in_requested.emit(False))
        self.register_action = QAction(self)
        self.register_action.triggered.connect(lambda: self.sign_in_requested.emit(True))
        self.sign_out_action = QAction(self)
        self.sign_out_action.triggered.connect(accounts.sign_out)
        self.addActions(
            [self.who_action, self.sign_in_action, self.register_action, self.sign_out_action]
        )
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
        self.sign_out_action.setVisible(account is not None)

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("&Account"))
        self.sign_in_action.setText(self.tr("&Sign in…"))
        self.register_action.setText(self.tr("&Create account…"))
        self.sign_out_action.setText(self.tr("Sign &out"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
