"""Signing in from the window: the account controller, its menu, the sign-in dialog, and the
account's data (export, delete)."""

from typing import TYPE_CHECKING

from weshape_desktop.core.lazy_face import lazy_face

if TYPE_CHECKING:
    from weshape_desktop.ui.account.button import AccountButton as AccountButton
    from weshape_desktop.ui.account.controller import AccountController as AccountController
    from weshape_desktop.ui.account.data import (
        AccountData as AccountData,
        DeleteAccountDialog as DeleteAccountDialog,
    )
    from weshape_desktop.ui.account.menu import AccountMenu as AccountMenu
    from weshape_desktop.ui.account.signin_dialog import SignInDialog as SignInDialog

__all__ = [
    "AccountButton",
    "AccountController",
    "AccountData",
    "AccountMenu",
    "DeleteAccountDialog",
    "SignInDialog",
]

__getattr__ = lazy_face(
    __name__,
    {
        "button": ("AccountButton",),
        "controller": ("AccountController",),
        "data": ("AccountData", "DeleteAccountDialog"),
        "menu": ("AccountMenu",),
        "signin_dialog": ("SignInDialog",),
    },
)
