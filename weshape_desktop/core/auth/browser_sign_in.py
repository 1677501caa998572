"""One browser sign-in attempt (RFC 8252 loopback redirect + RFC 7636 PKCE S256)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.auth import token_endpoint
from weshape_desktop.core.auth.loopback import LoopbackListener
from weshape_desktop.core.auth.token_endpoint import InvalidGrantError, TokenPair
from weshape_desktop.core.errors import (
    BrowserSignInCancelledError,
    BrowserSignInFailedError,
    BrowserSignInTimeoutError,
)
from weshape_desktop.core.models import Account
from weshape_desktop.core.pkce import CLIENT_ID, PkcePair, authorize_url


class BrowserSignIn:
    """One browser sign-in attempt: a PKCE pair, a loopback listener and the authorize `url`."""

    def __init__(
        self, api: ApiClient, lang: str, start_session: Callable[[TokenPair], Account]
    ) -> None:
        self._api = api
        self._start_session = start_session
        self._pkce = PkcePair()
        self._listener = LoopbackListener(self._pkce.state)
        self.url = authorize_url(api.base_url, self._listener.redirect_uri, self._pkce, lang)

    def finish(self, timeout_s: float = 300.0, cancel: threading.Event | None = None) -> Account:
        """Wait for the browser's redirect with this attempt's `state`, exchange the code, sign
        in. Closes the listener in every case."""
        try:
            callback = self._listener.wait(timeout_s, cancel)
        finally:
            self.close()
        if callback is None:
            if cancel is not None and cancel.is_set():
                raise BrowserSignInCancelledError(detail="cancelled")
            raise BrowserSignInTimeoutError(detail=f"no redirect within {timeout_s:g} s")
        if callback.error == "access_denied":
            raise BrowserSignInCancelledError(detail="access_denied")
        if callback.error:
            raise BrowserSignInFailedError(detail=f"authorize error {callback.error}")
        form = {
            "grant_type": "authorization_code",
            "code": callback.code,
            "redirect_uri": self._listener.redirect_uri,
            "code_verifier": self._pkce.verifier,
            "client_id": CLIENT_ID,
        }
        try:
            tokens = token_endpoint.request_tokens(self._api, form)
        except InvalidGrantError:
            raise BrowserSignInFailedError(detail="invalid_grant") from None
        return self._start_session(tokens)

    def close(self) -> None:
        """Stop listening (idempotent)."""
        self._listener.close()
