"""The account state in the window's corner: "Sign in" while signed out, the account's initial
with the Account menu once signed in."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QToolButton, QWidget

from weshape_desktop.core.models import Account
from weshape_desktop.ui.account.controller import AccountController
from weshape_desktop.ui.account.menu import AccountMenu

# A round badge in the selection colours, so the initial reads as "you" in any theme.
BADGE_STYLE = (
    "QToolButton { border-radius: 13px; min-width: 26px; max-width: 26px; min-height: 26px;"
    " max-height: 26px; padding: 0; font-weight: bold; background: palette(highlight);"
    " color: palette(highlighted-text); }"
    "QToolButton::menu-indicator { image: none; width: 0; }"
)


class AccountButton(QToolButton):
    """Follows `AccountController.changed`; a click while signed out emits
    `sign_in_requested`, while signed in it opens `menu` (the window's Account menu)."""

    sign_in_requested = Signal()

    def __init__(self, accounts: AccountController, menu: AccountMenu, parent: QWidget) -> None:
        super().__init__(parent)
        self.accounts = accounts
        self.account_menu = menu
        self.setObjectName("accountButton")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.clicked.connect(self._clicked)
        accounts.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        account = self.accounts.account
        signed_in = account is not None
        self.account_menu.refresh()  # its first line says who is signed in: our tooltip
        self.setMenu(self.account_menu if signed_in else None)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setStyleSheet(BADGE_STYLE if signed_in else "")
        self.setAutoRaise(signed_in)  # signed out it looks like the button it is
        self.setText(self.tr("Sign in") if account is None else initial(account))
        self.setEnabled(signed_in or self.accounts.session is not None)  # no server, no sign-in
        self.setToolTip(self.account_menu.who_action.text())
        self.setAccessibleName(self.toolTip())

    def _clicked(self) -> None:
        if self.accounts.account is None:
            self.sign_in_requested.emit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()
        super().changeEvent(event)


def initial(account: Account) -> str:
    """The first letter of the name, else of the email, upper-cased where that means something."""
    for text in (account.name, account.email):
        letter = next((ch for ch in text if ch.isalnum()), "")
        if letter:
            return letter.upper()
    return "?"
