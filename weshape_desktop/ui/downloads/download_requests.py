"""Downloads need a signed-in account (DESIGN §7, the policy): sign in first, then queue."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog

from weshape_desktop.core.models import Illustration
from weshape_desktop.ui.account import AccountController

Enqueue = Callable[[Illustration, str, int | None], None]


class DownloadRequests(QObject):
    """Queues a download at once when signed in; otherwise asks the user to sign in and queues
    what they asked for when they do. Closing the sign-in dialog without signing in drops it."""

    def __init__(
        self,
        accounts: AccountController,
        ask_sign_in: Callable[[], QDialog],
        enqueue: Enqueue,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self._ask_sign_in = ask_sign_in
        self._enqueue = enqueue
        self._waiting: list[tuple[Illustration, str, int | None]] = []
        self._dialog: QDialog | None = None
        accounts.changed.connect(self._on_account_changed)

    def request(self, item: Illustration, fmt: str, png_size: int | None = None) -> None:
        if self._accounts.account is not None:
            self._enqueue(item, fmt, png_size)
            return
        self._waiting.append((item, fmt, png_size))
        if self._dialog is None:
            self._dialog = self._ask_sign_in()
            self._dialog.finished.connect(self._on_dialog_closed)
        else:
            self._dialog.raise_()
            self._dialog.activateWindow()

    def waiting(self) -> int:
        return len(self._waiting)

    def _on_account_changed(self) -> None:
        if self._accounts.account is None:
            return
        waiting, self._waiting = self._waiting, []
        for item, fmt, png_size in waiting:
            self._enqueue(item, fmt, png_size)

    def _on_dialog_closed(self) -> None:
        self._dialog = None
        if self._accounts.account is None:
            self._waiting.clear()
