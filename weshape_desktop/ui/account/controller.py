"""The signed-in account as the UI sees it: one AuthSession per server, run through the TaskRunner.

Every call that talks to the server or the keyring runs in the background; results arrive on the
GUI thread through the callbacks, and `changed` tells the menu and the dialogs to refresh.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.auth import AuthSession, CredentialStore, SessionOnlyCredentialStore
from weshape_desktop.core.errors import BrowserOpenError, KeyringUnavailableError, WeshapeError
from weshape_desktop.core.library import write_export
from weshape_desktop.core.models import Account
from weshape_desktop.ui.tasks import Task, TaskRunner, describe_error

log = logging.getLogger(__name__)
Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class AccountController(QObject):
    """Owns the AuthSession; `keyring_problem` is a translated reason when tokens can't be kept."""

    changed = Signal()
    signed_in = Signal(str)  # how: "password" or "browser" (usage statistics count it)

    def __init__(self, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.session: AuthSession | None = None
        self.keyring_problem = ""
        self._keyring_error: KeyringUnavailableError | None = None
        self._connecting: Task | None = None

    @property
    def account(self) -> Account | None:
        return self.session.account if self.session is not None else None

    def set_api(self, api: ApiClient) -> None:
        """A new server: probe the keyring and restore its saved sign-in, in the background."""
        self.session = None
        if self._connecting is not None:
            self._connecting.cancel()  # an older server's answer must not win
        self.changed.emit()

        def connect() -> AuthSession:
            store = self._store()
            session = AuthSession(api, store)
            try:
                session.restore()
            except WeshapeError as exc:  # offline or a refused token: start signed out
                log.info("could not restore the sign-in: %s", exc.detail or exc)
            return session

        self._connecting = self.tasks.run(connect, on_done=self._use_session, on_error=self._report)

    def use_session_only_store(self) -> None:
        """The user chose to stay signed in for this session only (no keyring)."""
        session = self._require_session()
        if not isinstance(session.store, SessionOnlyCredentialStore):
            self._use_session(AuthSession(session.api, SessionOnlyCredentialStore()))

    def sign_in(self, email: str, password: str, on_done: Done, on_error: Failed) -> None:
        session = self._require_session()
        self._run(
            lambda: session.sign_in_password(email, password),
            self._signed_in_with("password", on_done),
            on_error,
        )

    def register(
        self, name: str, email: str, password: str, policy_version: int, locale: str,
        on_done: Done, on_error: Failed,
    ) -> None:  # fmt: skip
        session = self._require_session()
        self._run(
            lambda: session.register(name, email, password, policy_version, locale),
            on_done,
            on_error,
        )

    def sign_in_browser(
        self, open_url: Callable[[str], bool], lang: str, on_done: Done, on_error: Failed
    ) -> threading.Event:
        """Open the browser here (GUI thread), wait for its redirect in the background.

        Set the returned Event to cancel the wait.
        """
        session = self._require_session()
        cancel = threading.Event()
        attempt = session.begin_browser_sign_in(lang)  # binds a loopback port: quick
        if not open_url(attempt.url):
            attempt.close()
            on_error(BrowserOpenError(detail="the system browser did not open"))
            return cancel
        self._run(
            lambda: attempt.finish(cancel=cancel),
            self._signed_in_with("browser", on_done),
            on_error,
        )
        return cancel

    def sign_out(self) -> None:
        if self.session is not None:
            self._run(self.session.sign_out, lambda _: None, self._report)

    def export_data(self, target: Path, on_done: Done, on_error: Failed) -> None:
        """Save everything the server holds for the account, as its JSON, to `target`."""
        session = self._require_session()
        self.tasks.run(lambda: write_export(target, session.export_data()), on_done, on_error)

    def delete_account(self, password: str, on_done: Done, on_error: Failed) -> None:
        """Delete the account on the server; on success this device is signed out."""
        session = self._require_session()
        self._run(lambda: session.delete_account(password), on_done, on_error)

    def _signed_in_with(self, method: str, on_done: Done) -> Done:
        def done(result: Any) -> None:
            self.signed_in.emit(method)
            on_done(result)

        return done

    def _run(self, fn: Callable[[], Any], on_done: Done, on_error: Failed) -> None:
        def done(result: Any) -> None:
            self.changed.emit()
            on_done(result)

        def failed(exc: BaseException) -> None:
            self.changed.emit()
            on_error(exc)

        self.tasks.run(fn, on_done=done, on_error=failed)

    def _require_session(self) -> AuthSession:
        if self.session is None:
            raise RuntimeError("no server connected")
        return self.session

    def _store(self) -> CredentialStore | SessionOnlyCredentialStore:
        # Runs on a worker thread: the keyring talks D-Bus, which may be slow or stuck.
        store = CredentialStore()
        try:
            store.probe()
        except KeyringUnavailableError as exc:
            self._keyring_error = exc
            return SessionOnlyCredentialStore()
        self._keyring_error = None
        return store

    def _use_session(self, session: AuthSession) -> None:
        self.session = session
        session.api.auth = session
        error = self._keyring_error
        self.keyring_problem = describe_error(error) if error is not None else ""
        self.changed.emit()

    def _report(self, exc: BaseException) -> None:
        self.tasks.error.emit(describe_error(exc))
