"""The signed-in session: sign-in (password or browser PKCE), token refresh, restore, sign-out.

Every public method except the properties may block on the network or the keyring: run them off
the GUI thread. The session is thread-safe; concurrent requests share one refresh.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable

import requests

from weshape_desktop.core.api import ApiClient, BearerAuth
from weshape_desktop.core.auth import token_endpoint
from weshape_desktop.core.auth.browser_sign_in import BrowserSignIn
from weshape_desktop.core.auth.credentials import SecretStore, StoredSession
from weshape_desktop.core.auth.token_endpoint import InvalidGrantError, TokenPair
from weshape_desktop.core.errors import (
    AccountPasswordError,
    BadResponseError,
    BrowserOpenError,
    OfflineError,
    RateLimitedError,
    RequestRejectedError,
    ServerError,
    SignInRequiredError,
    WeshapeError,
    WrongPasswordError,
)
from weshape_desktop.core.models import Account

log = logging.getLogger(__name__)

# Refresh this long before the access token expires (at most a tenth of its lifetime), so a
# request doesn't leave with a token that dies on the way.
REFRESH_MARGIN_S = 30.0


class AuthSession:
    """The account signed in to one server; the `TokenProvider` of its `ApiClient`.

    Creating it makes it `api`'s token provider when the client has none yet.
    """

    def __init__(
        self, api: ApiClient, store: SecretStore, *, clock: Callable[[], float] = time.time
    ) -> None:
        self.api = api
        self.store = store
        self._clock = clock
        self._lock = threading.Lock()  # one refresh at a time; guards _session
        self._pending_lock = threading.Lock()
        self._session: StoredSession | None = None
        if api.auth is None:
            api.auth = self

    @property
    def server_url(self) -> str:
        return self.api.base_url

    @property
    def account(self) -> Account | None:
        """Who is signed in, or None."""
        session = self._session
        return session.account if session is not None else None

    @property
    def signed_in(self) -> bool:
        return self._session is not None

    # -- signing in ------------------------------------------------------------------------------

    def restore(self) -> Account | None:
        """Sign back in from the keyring (app start). Online, `/v1/me` confirms the session and
        refreshes the cached profile; offline (or the server failing) the cached account stays
        signed in. None when nothing is saved or the server ended the session. Also revokes
        sessions signed out while offline, when the server can be reached."""
        stored = self.store.load(self.server_url)
        if stored is None:
            self._flush_quietly()  # sign-outs made offline last time
            return None
        with self._lock:
            self._session = stored
        try:
            account = self._fetch_me()
        except SignInRequiredError:
            log.info("the saved session was refused by the server; signed out")
            self._drop_session()
            return None
        except (OfflineError, ServerError, RateLimitedError, BadResponseError) as exc:
            log.info("restored the saved session without checking it: %s", type(exc).__name__)
            return stored.account
        with self._lock:
            current = self._session
            if current is not None and current.account != account:
                self._session = StoredSession(
                    account, current.refresh_token, current.access_token, current.access_expires_at
                )
                self.store.save(self.server_url, self._session)
        self._flush_quietly()
        return account

    def register(
        self, name: str, email: str, password: str, accepted_policy_version: int, locale: str
    ) -> Account:
        """Create an account, then sign in to it."""
        token_endpoint.register(
            self.api,
            {
                "name": name,
                "email": email,
                "password": password,
                "accepted_policy_version": accepted_policy_version,
                "locale": locale,
            },
        )
        log.info("account created")
        return self.sign_in_password(email, password)

    def sign_in_password(self, email: str, password: str) -> Account:
        """Sign in with email and password (OAuth password grant)."""
        form = {"grant_type": "password", "username": email, "password": password}
        try:
            tokens = token_endpoint.request_tokens(self.api, form)
        except InvalidGrantError:
            raise WrongPasswordError(detail="invalid_grant") from None
        return self._start_session(tokens)

    def sign_in_browser(
        self,
        open_url: Callable[[str], object],
        *,
        lang: str,
        timeout_s: float = 300.0,
        cancel: threading.Event | None = None,
    ) -> Account:
        """Sign in through the system browser (RFC 8252 loopback redirect + RFC 7636 PKCE).

        Calls `open_url(url)` on this thread (a False result means the browser didn't open),
        then waits up to `timeout_s` for the redirect, or until `cancel` is set.
        """
        attempt = self.begin_browser_sign_in(lang)
        try:
            if open_url(attempt.url) is False:
                raise BrowserOpenError(detail="open_url returned False")
            return attempt.finish(timeout_s, cancel)
        finally:
            attempt.close()

    def begin_browser_sign_in(self, lang: str) -> BrowserSignIn:
        """Start listening for the browser's redirect; open `.url` in the browser (e.g. on the
        GUI thread), then call `.finish()` off it. Always `close()` it (finish does)."""
        return BrowserSignIn(self.api, lang, self._start_session)

    def _start_session(self, tokens: TokenPair) -> Account:
        """Fetch the profile with fresh tokens, save them, and make them the session."""
        try:
            response = self.api.request("GET", "/v1/me", auth=BearerAuth(tokens.access_token))
            with response:
                account = Account.from_json(_json_body(response))
            stored = StoredSession(
                account, tokens.refresh_token, tokens.access_token, self._expiry(tokens)
            )
            self.store.save(self.server_url, stored)
        except BaseException:
            self._revoke_quietly(tokens.refresh_token)
            raise
        with self._lock:
            previous, self._session = self._session, stored
        if previous is not None and previous.refresh_token != stored.refresh_token:
            self._queue_revocation(previous.refresh_token)
        log.info("signed in (account %s)", account.id)
        self._flush_quietly()
        return account

    # -- tokens (TokenProvider) ------------------------------------------------------------------

    def access_token(self) -> str | None:
        """A usable access token, refreshed first when it is (nearly) expired; None when signed
        out. Raises `OfflineError` etc. when a needed refresh can't reach the server."""
        with self._lock:
            session = self._session
            if session is None:
                return None
            if session.access_token and self._clock() < session.access_expires_at:
                return session.access_token
            return self._refresh_locked(session)

    def refresh_after_unauthorized(self, rejected: str) -> str | None:
        """The server refused `rejected`: refresh once, or hand out the token another thread
        got meanwhile. None when the server refused the refresh too (now signed out)."""
        with self._lock:
            session = self._session
            if session is None:
                return None
            if session.access_token and session.access_token != rejected:
                return session.access_token
            return self._refresh_locked(session)

    def _refresh_locked(self, session: StoredSession) -> str | None:
        form = {"grant_type": "refresh_token", "refresh_token": session.refresh_token}
        try:
            tokens = token_endpoint.request_tokens(self.api, form)
        except InvalidGrantError:
            log.info("the server refused the refresh token; signed out")
            self._session = None
            self.store.delete(self.server_url)
            return None
        self._session = session.with_tokens(
            tokens.access_token, tokens.refresh_token, self._expiry(tokens)
        )
        log.debug("access token refreshed")
        try:
            self.store.save(self.server_url, self._session)
        except WeshapeError as exc:  # keep going in memory; the next start asks to sign in
            log.warning("couldn't save the refreshed session: %s", type(exc).__name__)
        return self._session.access_token

    def _expiry(self, tokens: TokenPair) -> float:
        margin = min(REFRESH_MARGIN_S, tokens.expires_in / 10)
        return self._clock() + tokens.expires_in - margin

    # -- the account's data (privacy controls) -----------------------------------------------------

    def export_data(self) -> bytes:
        """Everything the server holds for this account (`GET /v1/me/export`), as the server's
        JSON bytes, untouched."""
        response = self.api.request("GET", "/v1/me/export", authorized=True)
        with response:
            return response.content

    def delete_account(self, password: str) -> None:
        """Delete the account and its data on the server (`DELETE /v1/me`, the password again),
        then forget the session here: the server has revoked its tokens.

        Raises `AccountPasswordError` when the server refuses the password (nothing changed).
        """
        try:
            self.api.request("DELETE", "/v1/me", authorized=True, json={"password": password})
        except RequestRejectedError:  # the password is the only thing the request can get wrong
            raise AccountPasswordError(detail="DELETE /v1/me refused") from None
        self._drop_session()
        log.info("account deleted")

    # -- signing out -----------------------------------------------------------------------------

    def sign_out(self) -> bool:
        """Forget the session here and revoke it on the server. Works offline: the refresh token
        is kept (in the store) for `flush_pending_revocations()`. True when the server has been
        told, False when the revocation is still pending."""
        with self._lock:
            session, self._session = self._session, None
        if session is None:
            session = self.store.load(self.server_url)
        if session is not None:
            # Queue first, then delete: a crash in between still revokes at the next start.
            self._queue_revocation(session.refresh_token)
            self.store.delete(self.server_url)
            log.info("signed out")
        self._flush_quietly()
        return not self.store.pending_revocations(self.server_url)

    def flush_pending_revocations(self) -> int:
        """Revoke refresh tokens of earlier offline sign-outs; returns how many were revoked.
        Stops quietly at the first network failure (the rest stay pending)."""
        with self._pending_lock:
            pending = self.store.pending_revocations(self.server_url)
            done: list[str] = []
            for token in pending:
                try:
                    if not token_endpoint.revoke(self.api, token):
                        break
                except OfflineError:
                    break
                done.append(token)
            if done:
                self.store.set_pending_revocations(
                    self.server_url, [t for t in pending if t not in done]
                )
                log.info("revoked %d session(s) signed out earlier", len(done))
            return len(done)

    def _queue_revocation(self, refresh_token: str) -> None:
        with self._pending_lock:
            pending = self.store.pending_revocations(self.server_url)
            if refresh_token not in pending:
                self.store.set_pending_revocations(self.server_url, [*pending, refresh_token])

    def _flush_quietly(self) -> None:
        try:
            self.flush_pending_revocations()
        except WeshapeError as exc:
            log.info("pending revocations stay pending: %s", type(exc).__name__)

    def _revoke_quietly(self, refresh_token: str) -> None:
        with contextlib.suppress(WeshapeError):  # best effort: these tokens were never saved
            token_endpoint.revoke(self.api, refresh_token)

    def _drop_session(self) -> None:
        with self._lock:
            self._session = None
            self.store.delete(self.server_url)

    def _fetch_me(self) -> Account:
        response = self.api.request("GET", "/v1/me", authorized=True)
        with response:
            return Account.from_json(_json_body(response))


def _json_body(response: requests.Response) -> object:
    try:
        return response.json()
    except ValueError:
        raise BadResponseError(detail="not JSON") from None
