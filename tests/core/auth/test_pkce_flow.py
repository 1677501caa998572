"""Browser sign-in (RFC 8252 loopback + RFC 7636 PKCE): the test plays the browser with requests.

The scripted-server tests pin the protocol details (challenge, state, the exchange form); the
real-server test follows the actual authorize page end to end."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests

from tests.core.auth.test_auth_errors import ACCOUNT, FormServer, json_reply, tokens
from tests.scripted_http import Reply
from tests.server.conftest import build_catalog, start_test_server
from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.auth import AuthSession, SessionOnlyCredentialStore
from weshape_desktop.core.errors import (
    BrowserOpenError,
    BrowserSignInCancelledError,
    BrowserSignInFailedError,
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


def test_callbacks_of_other_processes_get_400_and_the_real_one_still_signs_in(
    scripted: tuple[AuthSession, FormServer],
) -> None:
    auth, server = scripted
    attempt = auth.begin_browser_sign_in("en")
    try:
        params = query_of(attempt.url)
        state = params["state"]
        forged = [
            {"code": "code-1", "state": "forged"},
            {"code": "code-1", "state": state + "x"},
            {"code": "code-1"},
            {"error": "access_denied"},  # a local process cancelling the sign-in
            {"error": "access_denied", "state": ""},
            {"state": state},  # neither a code nor an error
            {},
        ]
        for query in forged:
            page = requests.get(params["redirect_uri"], params=query, timeout=5)
            assert page.status_code == 400, query
            assert "doesn't belong to the sign-in" in page.text and 'dir="rtl"' in page.text
        assert server.bodies == []  # nothing was exchanged
        real = {"code": "code-1", "state": state}
        assert requests.get(params["redirect_uri"], params=real, timeout=5).status_code == 200
        assert attempt.finish(timeout_s=5).email == ACCOUNT["email"] and auth.signed_in
    finally:
        attempt.close()


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


class FormParser(HTMLParser):
    """The first <form> of a page: its action, method and inputs (name -> value, type)."""

    def __init__(self) -> None:
        super().__init__()
        self.action: str | None = None
        self.method = "get"
        self.inputs: dict[str, tuple[str, str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and self.action is None:
            self.action, self.method = a.get("action", ""), a.get("method", "get").lower()
        elif tag == "input" and a.get("name"):
            self.inputs[a["name"]] = (a.get("value", ""), a.get("type", "text").lower())


def real_browser(
    email: str, password: str, pages: list[requests.Response]
) -> Callable[[str], None]:
    """GET the authorize page, POST its form with the credentials, follow the 302 to the app."""

    def open_url(url: str) -> None:
        with requests.Session() as browser:
            page = browser.get(url, timeout=5)
            page.raise_for_status()
            pages.append(page)
            form = FormParser()
            form.feed(page.text)
            data = {name: value for name, (value, _) in form.inputs.items()}
            for name, (_, kind) in form.inputs.items():
                if kind == "password":
                    data[name] = password
                elif kind == "email" or name in ("email", "username"):
                    data[name] = email
            target = urljoin(page.url, form.action or page.url)
            answer = browser.request(form.method, target, data=data, allow_redirects=False)
            assert answer.status_code in (302, 303), answer.text[:300]
            pages.append(browser.get(answer.headers["Location"], timeout=5))

    return open_url


def test_real_server_browser_sign_in(tmp_path: Path) -> None:
    server = start_test_server(build_catalog(tmp_path / "catalog"))
    try:
        auth = AuthSession(ApiClient(server.url, retries=0), SessionOnlyCredentialStore())
        auth.register("Lina Haddad", "lina@example.org", "lantern-orchard-57-quietly", 1, "ar")
        auth.sign_out()
        pages: list[requests.Response] = []
        browser = real_browser("lina@example.org", "lantern-orchard-57-quietly", pages)
        account = auth.sign_in_browser(browser, lang="ar", timeout_s=30)
        assert account.email == "lina@example.org" and auth.signed_in
        assert "You can close this window" in pages[-1].text
        assert auth.api.request("GET", "/v1/me", authorized=True).json()["id"] == account.id
        # A wrong password in the browser never reaches the app: the user walks away.
        auth.sign_out()
        with pytest.raises(BrowserSignInCancelledError):
            cancel = threading.Event()

            def wrong_then_leave(url: str) -> None:
                with contextlib.suppress(AssertionError):
                    real_browser("lina@example.org", "wrong-password", [])(url)
                cancel.set()

            auth.sign_in_browser(wrong_then_leave, lang="en", cancel=cancel)
        assert not auth.signed_in
    finally:
        server.stop()
