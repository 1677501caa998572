"""Sign-in failures the real server won't produce on purpose, through a scripted server: every
one ends as a typed error with a humane message, and no token ever shows in an error's text."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import parse_qs

import pytest

from tests.scripted_http import Reply, ScriptedServer
from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.auth import AuthSession, SessionOnlyCredentialStore
from weshape_desktop.core.errors import (
    BadResponseError,
    EmailTakenError,
    InvalidEmailError,
    InvalidNameError,
    OfflineError,
    PolicyNotAcceptedError,
    RateLimitedError,
    RequestRejectedError,
    ServerError,
    ServerTimeoutError,
    WeakPasswordError,
    WeshapeError,
    WrongPasswordError,
)
from weshape_desktop.core.server_errors import ForbiddenError, IncompatibleServerError

ACCESS = "access-TOKEN-abc"
REFRESH = "refresh-TOKEN-xyz"
PASSWORD = "correct horse PASSWORD"
ACCOUNT = {
    "id": "a1",
    "name": "Lina",
    "email": "lina@example.org",
    "locale": "ar",
    "accepted_policy_version": 1,
    "created_at": "2026-01-01T00:00:00Z",
}


def json_reply(status: int, body: object, *headers: tuple[str, str]) -> Reply:
    return Reply(
        status, json.dumps(body).encode(), (("Content-Type", "application/json"), *headers)
    )


def tokens(**overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "access_token": ACCESS,
        "refresh_token": REFRESH,
        "token_type": "Bearer",
        "expires_in": 900,
    }
    body.update(overrides)
    return {k: v for k, v in body.items() if v is not None}


class FormServer(ScriptedServer):
    """ScriptedServer that also answers POSTs (reading their bodies into `bodies`)."""

    def __init__(self, replies: dict[str, Reply]) -> None:
        self.bodies: list[tuple[str, dict[str, list[str]]]] = []
        super().__init__(lambda path, n: replies.get(path.split("?")[0], Reply(404)))
        handler = self.httpd.RequestHandlerClass
        outer = self

        def do_post(request: object) -> None:
            length = int(request.headers.get("Content-Length", 0))  # type: ignore[attr-defined]
            body = request.rfile.read(length).decode()  # type: ignore[attr-defined]
            outer.bodies.append((request.path, parse_qs(body)))  # type: ignore[attr-defined]
            handler.do_GET(request)  # type: ignore[attr-defined]

        handler.do_POST = do_post  # type: ignore[attr-defined]


class Serve:
    """Starts scripted servers for a test and closes them afterwards."""

    def __init__(self) -> None:
        self.servers: list[FormServer] = []
        self.timeout = 2.0

    def with_server(self, replies: dict[str, Reply]) -> tuple[AuthSession, FormServer]:
        server = FormServer(replies)
        self.servers.append(server)
        api = ApiClient(server.url, timeout=self.timeout, retries=0)
        return AuthSession(api, SessionOnlyCredentialStore()), server

    def __call__(self, replies: dict[str, Reply]) -> AuthSession:
        return self.with_server(replies)[0]


@pytest.fixture
def serve() -> Iterator[Serve]:
    helper = Serve()
    yield helper
    for server in helper.servers:
        server.close()


def assert_no_secrets(error: BaseException) -> None:
    for text in (str(error), repr(error), getattr(error, "detail", "")):
        for secret in (ACCESS, REFRESH, PASSWORD):
            assert secret not in text


def sign_in_error(serve: Serve, replies: dict[str, Reply]) -> WeshapeError:
    auth = serve(replies)
    with pytest.raises(WeshapeError) as caught:
        auth.sign_in_password("lina@example.org", PASSWORD)
    assert not auth.signed_in
    assert_no_secrets(caught.value)
    return caught.value


def test_wrong_password(serve: Serve) -> None:
    reply = json_reply(400, {"error": "invalid_grant", "message": "Wrong email or password."})
    error = sign_in_error(serve, {"/v1/auth/token": reply})
    assert isinstance(error, WrongPasswordError)
    assert str(error) == "The email or password is not right."


REFUSED = (
    "The weShape server refused this request. Try again; if it keeps happening, update "
    "weShape Desktop."
)
INCOMPATIBLE = (
    "The server at this address doesn't work the way this app expects. Check the server "
    "address in the settings, or update weShape Desktop."
)


@pytest.mark.parametrize(
    ("reply", "kind", "message", "detail"),
    [
        (
            json_reply(429, {"error": "rate_limited"}, ("Retry-After", "17")),
            RateLimitedError,
            "Too many requests. Wait 17 seconds, then try again.",
            "HTTP 429 rate_limited",
        ),
        (  # no Retry-After, or one that is a date: a minute is a fair guess
            Reply(429, b""),
            RateLimitedError,
            "Too many requests. Wait 60 seconds, then try again.",
            "HTTP 429 -",
        ),
        (
            json_reply(429, {}, ("Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT")),
            RateLimitedError,
            "Too many requests. Wait 60 seconds, then try again.",
            "HTTP 429 -",
        ),
        (
            Reply(500, b"oops"),
            ServerError,
            "The weShape server had a problem (500). Try again in a moment.",
            "HTTP 500 -",
        ),
        (
            Reply(503, b"down"),
            ServerError,
            "The weShape server had a problem (503). Try again in a moment.",
            "HTTP 503 -",
        ),
        (  # not an error, not tokens, not a redirect: nothing this app can use
            Reply(300, b""),
            BadResponseError,
            "The weShape server sent an answer this app doesn't understand. Try again later, "
            "or check the server address in the settings.",
            "HTTP 300 -",
        ),
        (  # the server's own words never reach the user, only our sentence for its code
            json_reply(400, {"error": "invalid_request", "message": "username is required"}),
            IncompatibleServerError,
            INCOMPATIBLE,
            "HTTP 400 invalid_request",
        ),
        (  # RFC 6749's own code, as an OAuth server in front of ours would send it
            json_reply(400, {"error": "invalid_scope", "error_description": "unknown scope"}),
            RequestRejectedError,
            REFUSED,
            "HTTP 400 invalid_scope",
        ),
        (
            json_reply(403, {"error": "forbidden"}),
            ForbiddenError,
            "Your account is not allowed to do this.",
            "HTTP 403 forbidden",
        ),
        (  # a proxy's HTML page: only the status is left
            Reply(403, b"<html>Forbidden</html>", (("Content-Type", "text/html"),)),
            ForbiddenError,
            "Your account is not allowed to do this.",
            "HTTP 403 -",
        ),
    ],
    ids=[
        "429",
        "429-no-retry-after",
        "429-date",
        "500",
        "503",
        "300",
        "400-message",
        "400-description",
        "403-code-only",
        "403-html",
    ],
)
def test_failed_token_requests_say_what_happened(
    serve: Serve, reply: Reply, kind: type[WeshapeError], message: str, detail: str
) -> None:
    error = sign_in_error(serve, {"/v1/auth/token": reply})
    assert type(error) is kind
    assert str(error) == message
    assert error.detail == f"{detail} for /v1/auth/token", "what the log says"


@pytest.mark.parametrize(
    "body",
    [
        b"<html>proxy login</html>",
        b"[]",
        json.dumps(tokens(access_token=None)).encode(),
        json.dumps(tokens(refresh_token="")).encode(),
        json.dumps(tokens(token_type="mac")).encode(),
        json.dumps(tokens(expires_in="soon")).encode(),
        json.dumps(tokens(expires_in=-5)).encode(),
        json.dumps(tokens(expires_in=True)).encode(),
    ],
    ids=["html", "list", "no-access", "empty-refresh", "mac", "expires-text", "negative", "bool"],
)
def test_malformed_token_responses(serve: Serve, body: bytes) -> None:
    error = sign_in_error(serve, {"/v1/auth/token": Reply(200, body)})
    assert isinstance(error, BadResponseError)
    assert "doesn't understand" in str(error)


def test_malformed_account_after_tokens_revokes_them(serve: Serve) -> None:
    auth, server = serve.with_server(
        {
            "/v1/auth/token": json_reply(200, tokens()),
            "/v1/me": json_reply(200, {"id": "a1"}),
            "/v1/auth/revoke": Reply(200),
        }
    )
    with pytest.raises(BadResponseError) as caught:
        auth.sign_in_password("lina@example.org", PASSWORD)
    assert_no_secrets(caught.value)
    assert not auth.signed_in and auth.store.load(auth.server_url) is None
    revoked = [body for path, body in server.bodies if path == "/v1/auth/revoke"]
    assert revoked == [{"token": [REFRESH], "token_type_hint": ["refresh_token"]}]


def test_server_down_mid_sign_in(refused_url: str) -> None:
    auth = AuthSession(ApiClient(refused_url, retries=0), SessionOnlyCredentialStore())
    with pytest.raises(OfflineError) as caught:
        auth.sign_in_password("lina@example.org", PASSWORD)
    assert "Can't reach the weShape server" in str(caught.value)
    assert_no_secrets(caught.value)


def test_server_hanging_mid_sign_in(serve: Serve) -> None:
    serve.timeout = 0.3
    error = sign_in_error(serve, {"/v1/auth/token": Reply(hang=True)})
    assert isinstance(error, ServerTimeoutError)


@pytest.mark.parametrize(
    ("status", "code", "expected"),
    [
        (409, "email_taken", EmailTakenError),
        (422, "invalid_email", InvalidEmailError),
        (422, "weak_password", WeakPasswordError),
        (422, "invalid_name", InvalidNameError),
        (422, "policy_not_accepted", PolicyNotAcceptedError),
    ],
)
def test_registration_errors(
    serve: Serve, status: int, code: str, expected: type[WeshapeError]
) -> None:
    auth = serve({"/v1/accounts": json_reply(status, {"error": code, "message": "no"})})
    with pytest.raises(expected) as caught:
        auth.register("Lina", "lina@example.org", PASSWORD, 1, "ar")
    assert_no_secrets(caught.value)
    assert not auth.signed_in


def test_registration_rate_limited(serve: Serve) -> None:
    reply = json_reply(429, {"error": "rate_limited"}, ("Retry-After", "30"))
    auth = serve({"/v1/accounts": reply})
    with pytest.raises(RateLimitedError, match="Wait 30 seconds"):
        auth.register("Lina", "lina@example.org", PASSWORD, 1, "ar")


@pytest.mark.parametrize("status", [429, 503])
def test_a_revocation_the_server_could_not_take_stays_pending(serve: Serve, status: int) -> None:
    auth = serve(
        {
            "/v1/auth/token": json_reply(200, tokens()),
            "/v1/me": json_reply(200, ACCOUNT),
            "/v1/auth/revoke": Reply(status, b""),
        }
    )
    auth.sign_in_password("lina@example.org", PASSWORD)
    assert auth.sign_out() is False, "asked again at the next connection"
    assert auth.store.pending_revocations(auth.server_url) == [REFRESH]
