"""GET/POST /v1/auth/authorize and the authorization_code grant (RFC 6749 §4.1, RFC 7636 PKCE,
RFC 8252 loopback redirects). The test plays the browser with requests."""

from __future__ import annotations

import base64
import hashlib
import secrets
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import pytest
import requests

from tests.server.conftest import EMAIL, ENGINE, PASSWORD, AuthServer, assert_invalid_token

REDIRECT = "http://127.0.0.1:53682/callback"
STATE = 'st<"&>' + secrets.token_urlsafe(8)  # needs escaping in the page


def pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class Form(HTMLParser):
    """The page's first form: action, method and inputs (name -> (value, type))."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.action: str | None = None
        self.method = "get"
        self.inputs: dict[str, tuple[str, str]] = {}
        self._in_first_form = False
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and self.action is None:
            self.action, self.method = a.get("action", ""), a.get("method", "get").lower()
            self._in_first_form = True
        elif tag == "input" and self._in_first_form and a.get("name"):
            self.inputs[a["name"]] = (a.get("value", ""), a.get("type", "text"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_first_form = False


def authorize_query(challenge: str, **overrides: str | None) -> dict[str, str]:
    query: dict[str, str | None] = {
        "response_type": "code",
        "client_id": "weshape-desktop",
        "redirect_uri": REDIRECT,
        "state": STATE,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        "lang": "en",
        **overrides,
    }
    return {k: v for k, v in query.items() if v is not None}


def browse(
    server: AuthServer, query: dict[str, str], email: str = EMAIL, password: str = PASSWORD
) -> tuple[requests.Response, requests.Response]:
    """GET the page, fill in its form, POST it; (page, answer) with redirects not followed."""
    page = requests.get(f"{server.url}/v1/auth/authorize", params=query, timeout=10)
    assert page.status_code == 200, page.text
    form = Form(page.text)
    assert form.method == "post"
    data = {name: value for name, (value, _) in form.inputs.items()}
    data["email"], data["password"] = email, password
    target = urljoin(page.url, form.action or page.url)
    answer = requests.post(target, data=data, allow_redirects=False, timeout=10)
    return page, answer


def code_from(answer: requests.Response) -> tuple[str, dict[str, list[str]]]:
    assert answer.status_code == 302, answer.text[:300]
    location = answer.headers["Location"]
    assert location.startswith(REDIRECT + "?")
    query = parse_qs(urlsplit(location).query)
    return query["code"][0], query


def exchange(server: AuthServer, code: str, verifier: str, **overrides: str) -> requests.Response:
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": REDIRECT,
        "code_verifier": verifier,
        "client_id": "weshape-desktop",
        **overrides,
    }
    return server.token(**form)


@pytest.fixture
def server(auth_server: AuthServer) -> AuthServer:
    assert auth_server.register().status_code == 201
    return auth_server


def test_browser_sign_in_end_to_end(server: AuthServer) -> None:
    verifier, challenge = pkce_pair()
    page, answer = browse(server, authorize_query(challenge))
    assert page.headers["Cache-Control"] == "no-store"
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assert 'dir="ltr"' in page.text and "Sign in to weShape" in page.text
    code, query = code_from(answer)
    assert query["state"] == [STATE]  # round-trips exactly
    tokens = exchange(server, code, verifier)
    assert tokens.status_code == 200 and tokens.headers["Cache-Control"] == "no-store"
    body: dict[str, Any] = tokens.json()
    assert body["token_type"] == "Bearer"
    assert server.me(body["access_token"]).json()["email"] == EMAIL
    if ENGINE == "sqlite":  # the code, like every token, is not stored in the clear
        stored = (server.data_dir / "server.db").read_bytes()
        assert code.encode() not in stored and body["access_token"].encode() not in stored


def test_arabic_page_is_right_to_left_and_escapes_values(server: AuthServer) -> None:
    _, challenge = pkce_pair()
    page = requests.get(
        f"{server.url}/v1/auth/authorize", params=authorize_query(challenge, lang="ar"), timeout=10
    )
    assert page.status_code == 200
    assert '<html lang="ar" dir="rtl">' in page.text
    assert "تسجيل الدخول" in page.text
    assert STATE not in page.text  # raw quotes and brackets never reach the HTML
    assert Form(page.text).inputs["state"][0] == STATE  # but the value survives
    assert ">English</a>" in page.text  # the language switch


def test_wrong_verifier_is_refused(server: AuthServer) -> None:
    verifier, challenge = pkce_pair()
    code, _ = code_from(browse(server, authorize_query(challenge))[1])
    other_verifier, _ = pkce_pair()
    response = exchange(server, code, other_verifier)
    assert response.status_code == 400 and response.json()["error"] == "invalid_grant"
    assert exchange(server, code, verifier).status_code == 400  # the attempt used the code up


@pytest.mark.parametrize(
    "overrides",
    [
        {"redirect_uri": "http://127.0.0.1:53683/callback"},
        {"client_id": "someone-else"},
    ],
)
def test_code_is_bound_to_redirect_uri_and_client(
    server: AuthServer, overrides: dict[str, str]
) -> None:
    verifier, challenge = pkce_pair()
    code, _ = code_from(browse(server, authorize_query(challenge))[1])
    response = exchange(server, code, verifier, **overrides)
    assert response.status_code == 400 and response.json()["error"] == "invalid_grant"


def test_code_is_single_use_and_reuse_revokes_its_tokens(server: AuthServer) -> None:
    verifier, challenge = pkce_pair()
    code, _ = code_from(browse(server, authorize_query(challenge))[1])
    first = exchange(server, code, verifier)
    assert first.status_code == 200
    again = exchange(server, code, verifier)
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"
    assert_invalid_token(server.me(first.json()["access_token"]))


def test_code_expires(server: AuthServer) -> None:
    verifier, challenge = pkce_pair()
    code, _ = code_from(browse(server, authorize_query(challenge))[1])
    server.clock.advance(121)
    assert exchange(server, code, verifier).status_code == 400


@pytest.mark.parametrize(
    "redirect_uri",
    [
        "https://evil.example/callback",
        "http://evil.example:53682/callback",
        "http://127.0.0.1.evil.example/callback",
        "http://evil.example@127.0.0.1:53682/callback",
        "https://127.0.0.1:53682/callback",
        "http://127.0.0.1:53682/callback#fragment",
        "http://127.0.0.1:notaport/callback",
        "weshape://callback",
        "",
        None,
    ],
)
def test_only_loopback_redirects(server: AuthServer, redirect_uri: str | None) -> None:
    _, challenge = pkce_pair()
    query = authorize_query(challenge, redirect_uri=redirect_uri)
    url = f"{server.url}/v1/auth/authorize"
    page = requests.get(url, params=query, allow_redirects=False, timeout=10)
    assert page.status_code == 400 and "Location" not in page.headers
    assert "loopback" in page.text
    posted = requests.post(
        url, data={**query, "email": EMAIL, "password": PASSWORD}, allow_redirects=False, timeout=10
    )
    assert posted.status_code == 400 and "Location" not in posted.headers


@pytest.mark.parametrize(
    "redirect_uri",
    ["http://127.0.0.1:1/cb", "http://[::1]:8080/callback", "http://localhost:9000/x?y=1"],
)
def test_loopback_redirects_are_accepted(server: AuthServer, redirect_uri: str) -> None:
    verifier, challenge = pkce_pair()
    query = authorize_query(challenge, redirect_uri=redirect_uri)
    _, answer = browse(server, query)
    location = answer.headers["Location"]
    separator = "&" if "?" in redirect_uri else "?"
    assert location.startswith(redirect_uri + separator + "code=")
    code = parse_qs(urlsplit(location).query)["code"][0]
    assert exchange(server, code, verifier, redirect_uri=redirect_uri).status_code == 200


@pytest.mark.parametrize(
    "overrides",
    [
        {"code_challenge": None},
        {"code_challenge": "too-short"},
        {"code_challenge_method": "plain"},
        {"code_challenge_method": None},
        {"response_type": "token"},
        {"client_id": "someone-else"},
    ],
)
def test_bad_authorize_requests_are_400_pages(
    server: AuthServer, overrides: dict[str, str | None]
) -> None:
    _, challenge = pkce_pair()
    response = requests.get(
        f"{server.url}/v1/auth/authorize?" + urlencode(authorize_query(challenge, **overrides)),
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 400 and "Location" not in response.headers
    assert response.headers["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    ("lang", "message"),
    [("en", "The email or password is not right."), ("ar", "كلمة المرور غير صحيحة")],
)
def test_wrong_password_shows_the_page_again(server: AuthServer, lang: str, message: str) -> None:
    _, challenge = pkce_pair()
    _, answer = browse(server, authorize_query(challenge, lang=lang), password="wrong-password")
    assert answer.status_code == 400 and "Location" not in answer.headers
    assert message in answer.text
    form = Form(answer.text)
    assert form.inputs["email"][0] == EMAIL and form.inputs["password"][0] == ""
    assert form.inputs["state"][0] == STATE and form.inputs["lang"][0] == lang


def test_browser_sign_in_is_rate_limited_too(server: AuthServer) -> None:
    _, challenge = pkce_pair()
    query = authorize_query(challenge)
    for _ in range(5):
        assert browse(server, query, password="wrong-password")[1].status_code == 400
    _, answer = browse(server, query)  # right password, too late
    assert answer.status_code == 429 and "Location" not in answer.headers
    assert answer.headers["Retry-After"] == "300"
    assert "Too many attempts. Try again in 300 seconds." in answer.text
    # The same counter as the token endpoint: one budget per email, wherever the guesses come.
    assert server.sign_in().status_code == 429
