"""Browser sign-in (RFC 8252 loopback + RFC 7636 PKCE): the test plays the browser with requests.

The scripted-server tests pin the protocol details (challenge, state, the exchange form); the
real-server test follows the actual authorize page end to end."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from tests.core.test_auth_errors import ACCOUNT, FormServer, json_reply, tokens
from tests.scripted_http import Reply
from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.auth import AuthSession
from weshape_desktop.core.credentials import SessionOnlyCredentialStore
from weshape_desktop.core.errors import (
    BrowserOpenError,
    BrowserSignInCancelledError,
    BrowserSignInFailedError,
    BrowserSignInStateError,
    BrowserSignInTimeoutError,
    OfflineError,
)
from weshape_desktop.core.pkce import code_challenge


def test_challenge_matches_rfc7636_appendix_b() -> None:
    verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    assert code_challenge(verifier) == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


@pytest.fixture
def scripted() -> Iterator[tuple[AuthSession, FormServer]]:
    server = FormServer(
        {
            "/v1/auth/token": json_reply(200, tokens()),
            "/v1/me": json_reply(200, ACCOUNT),
            "/v1/auth/revoke": Reply(200),
        }
    )
    api = ApiClient(server.url, timeout=2, retries=0)
    yield AuthSession(api, SessionOnlyCredentialStore()), server
    server.close()


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def browser_returning(
    make_query: Callable[[dict[str, str]], dict[str, str]], seen: list[requests.Response]
) -> Callable[[str], None]:
    """A 'browser' that skips the server's page and lands straight on the redirect."""

    def open_url(url: str) -> None:
        params = query_of(url)
        seen.append(requests.get(params["redirect_uri"], params=make_query(params), timeout=5))

    return open_url


def test_scripted_flow_sends_the_pkce_exchange(scripted: tuple[AuthSession, FormServer]) -> None:
    auth, server = scripted
    seen: list[requests.Response] = []
    authorize: dict[str, str] = {}

    def make_query(params: dict[str, str]) -> dict[str, str]:
        authorize.update(params)
        return {"code": "code-1", "state": params["state"]}

    account = auth.sign_in_browser(browser_returning(make_query, seen), lang="ar")
    assert account.email == ACCOUNT["email"] and auth.signed_in
    assert seen[0].status_code == 200
    assert "You can close this window" in seen[0].text and 'dir="rtl"' in seen[0].text
    assert authorize["response_type"] == "code" and authorize["client_id"] == "weshape-desktop"
    assert authorize["code_challenge_method"] == "S256" and authorize["lang"] == "ar"
    redirect = urlsplit(authorize["redirect_uri"])
    assert redirect.scheme == "http" and redirect.hostname == "127.0.0.1"
    assert redirect.port and redirect.path == "/callback"
    form = {k: v[0] for k, v in server.bodies[0][1].items()}
    assert form["grant_type"] == "authorization_code" and form["code"] == "code-1"
    assert form["redirect_uri"] == authorize["redirect_uri"]
    assert form["client_id"] == "weshape-desktop"
    assert code_challenge(form["code_verifier"]) == authorize["code_challenge"]
    assert 43 <= len(form["code_verifier"]) <= 128
    with pytest.raises(requests.ConnectionError):  # the listener is closed
        requests.get(authorize["redirect_uri"], timeout=2)


def test_state_mismatch_is_refused(scripted: tuple[AuthSession, FormServer]) -> None:
    auth, server = scripted
    seen: list[requests.Response] = []
    forged = browser_returning(lambda p: {"code": "code-1", "state": "forged"}, seen)
    with pytest.raises(BrowserSignInStateError, match="didn't start"):
        auth.sign_in_browser(forged, lang="en")
    assert "didn't complete" in seen[0].text
    assert not auth.signed_in and server.bodies == []  # the code was never exchanged


def test_user_denies_in_the_browser(scripted: tuple[AuthSession, FormServer]) -> None:
    auth, _ = scripted
    denied = browser_returning(lambda p: {"error": "access_denied", "state": p["state"]}, [])
    with pytest.raises(BrowserSignInCancelledError):
        auth.sign_in_browser(denied, lang="en")


def test_a_refused_code_fails_clearly(scripted: tuple[AuthSession, FormServer]) -> None:
    auth, server = scripted
    server.script = lambda path, n: json_reply(400, {"error": "invalid_grant"})
    browser = browser_returning(lambda p: {"code": "stale", "state": p["state"]}, [])
    with pytest.raises(BrowserSignInFailedError, match="didn't complete"):
        auth.sign_in_browser(browser, lang="en")


def test_cancel_stops_waiting(scripted: tuple[AuthSession, FormServer]) -> None:
    auth, _ = scripted
    cancel = threading.Event()
    urls: list[str] = []

    def user_closes_the_dialog(url: str) -> None:
        urls.append(url)
        cancel.set()

    with pytest.raises(BrowserSignInCancelledError):
        auth.sign_in_browser(user_closes_the_dialog, lang="en", timeout_s=300, cancel=cancel)
    with pytest.raises(requests.ConnectionError):
        requests.get(query_of(urls[0])["redirect_uri"], timeout=2)


def test_timeout_when_the_user_walks_away(scripted: tuple[AuthSession, FormServer]) -> None:
    auth, _ = scripted
    with pytest.raises(BrowserSignInTimeoutError, match="took too long"):
        auth.sign_in_browser(lambda url: None, lang="en", timeout_s=0.2)
    assert not auth.signed_in


def test_browser_that_does_not_open(scripted: tuple[AuthSession, FormServer]) -> None:
    auth, _ = scripted
    with pytest.raises(BrowserOpenError, match="Couldn't open your web browser"):
        auth.sign_in_browser(lambda url: False, lang="en")


def test_listener_answers_only_its_callback(scripted: tuple[AuthSession, FormServer]) -> None:
    auth, _ = scripted
    attempt = auth.begin_browser_sign_in("en")
    try:
        params = query_of(attempt.url)
        base = params["redirect_uri"].rsplit("/", 1)[0]
        assert requests.get(f"{base}/favicon.ico", timeout=2).status_code == 404
        page = requests.get(params["redirect_uri"], params={"code": "c", "state": params["state"]})
        assert page.status_code == 200
        assert attempt.finish(timeout_s=5).email == ACCOUNT["email"]
    finally:
        attempt.close()


def test_server_down_during_the_exchange(refused_url: str) -> None:
    auth = AuthSession(ApiClient(refused_url, retries=0), SessionOnlyCredentialStore())
    browser = browser_returning(lambda p: {"code": "c", "state": p["state"]}, [])
    with pytest.raises(OfflineError):
        auth.sign_in_browser(browser, lang="en")
