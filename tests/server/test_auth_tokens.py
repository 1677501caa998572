"""POST /v1/auth/token (password, refresh_token), /v1/auth/revoke, /v1/me, expiry, rate limits,
and what the database keeps: no plaintext tokens or passwords."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from tests.server.conftest import (
    CHEAP_HASHING,
    EMAIL,
    PASSWORD,
    AuthServer,
    FakeClock,
    assert_invalid_token,
    sqlite_only,
    start_test_server,
)
from weshape_desktop.server.accounts import Account
from weshape_desktop.server.app import create_app
from weshape_desktop.server.catalog_source import Catalog
from weshape_desktop.server.runner import ServerThread
from weshape_desktop.server.settings import ServerSettings

WRONG = "The email or password is not right."


def test_password_grant_gives_bearer_tokens(auth_server: AuthServer) -> None:
    auth_server.register()
    response = auth_server.sign_in()
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    body = response.json()
    assert set(body) == {"access_token", "refresh_token", "token_type", "expires_in"}
    assert body["token_type"] == "Bearer" and body["expires_in"] == 900
    assert len(body["access_token"]) >= 43 and body["access_token"] != body["refresh_token"]
    me = auth_server.me(body["access_token"])
    assert me.status_code == 200 and me.json()["email"] == EMAIL


def test_wrong_password_and_unknown_email_look_the_same(auth_server: AuthServer) -> None:
    auth_server.register()
    wrong_password = auth_server.sign_in(password="not-the-password")
    unknown_email = auth_server.sign_in(email="nobody@example.org")
    for response in (wrong_password, unknown_email):
        assert response.status_code == 400
        assert response.headers["Cache-Control"] == "no-store"
        assert response.json() == {
            "error": "invalid_grant",
            "error_description": WRONG,
            "message": WRONG,
        }


def test_refresh_rotates(auth_server: AuthServer) -> None:
    first = auth_server.tokens()
    response = auth_server.token(grant_type="refresh_token", refresh_token=first["refresh_token"])
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    second = response.json()
    assert second["refresh_token"] != first["refresh_token"]
    assert second["access_token"] != first["access_token"]
    assert auth_server.me(second["access_token"]).status_code == 200
    third = auth_server.token(grant_type="refresh_token", refresh_token=second["refresh_token"])
    assert third.status_code == 200


def test_reused_refresh_token_revokes_the_family(auth_server: AuthServer) -> None:
    first = auth_server.tokens()
    other_sign_in = auth_server.sign_in().json()  # another device: another family
    second = auth_server.token(
        grant_type="refresh_token", refresh_token=first["refresh_token"]
    ).json()
    reuse = auth_server.token(grant_type="refresh_token", refresh_token=first["refresh_token"])
    assert reuse.status_code == 400
    body = reuse.json()
    assert body["error"] == "invalid_grant" and body["error_description"] == body["message"]
    assert_invalid_token(auth_server.me(second["access_token"]))
    assert_invalid_token(auth_server.me(first["access_token"]))
    again = auth_server.token(grant_type="refresh_token", refresh_token=second["refresh_token"])
    assert again.status_code == 400
    assert auth_server.me(other_sign_in["access_token"]).status_code == 200


def test_access_tokens_expire(auth_server: AuthServer) -> None:
    tokens = auth_server.tokens()
    auth_server.clock.advance(899)
    assert auth_server.me(tokens["access_token"]).status_code == 200
    auth_server.clock.advance(2)
    assert_invalid_token(auth_server.me(tokens["access_token"]))
    refreshed = auth_server.token(grant_type="refresh_token", refresh_token=tokens["refresh_token"])
    assert auth_server.me(refreshed.json()["access_token"]).status_code == 200


def test_refresh_tokens_expire(auth_server: AuthServer) -> None:
    tokens = auth_server.tokens()
    auth_server.clock.advance(30 * 24 * 3600 + 1)
    response = auth_server.token(grant_type="refresh_token", refresh_token=tokens["refresh_token"])
    assert response.status_code == 400 and response.json()["error"] == "invalid_grant"


def test_me_without_or_with_a_bad_token(auth_server: AuthServer) -> None:
    assert_invalid_token(auth_server.me(None))
    assert_invalid_token(auth_server.me("made-up"))
    basic = requests.get(
        f"{auth_server.url}/v1/me", headers={"Authorization": "Basic Zm9vOmJhcg=="}, timeout=10
    )
    assert_invalid_token(basic)


@pytest.mark.parametrize("which", ["refresh_token", "access_token"])
def test_revoke_signs_the_family_out(auth_server: AuthServer, which: str) -> None:
    tokens = auth_server.tokens()
    response = requests.post(
        f"{auth_server.url}/v1/auth/revoke", data={"token": tokens[which]}, timeout=10
    )
    assert response.status_code == 200
    assert_invalid_token(auth_server.me(tokens["access_token"]))
    refresh = auth_server.token(grant_type="refresh_token", refresh_token=tokens["refresh_token"])
    assert refresh.status_code == 400


def test_revoke_unknown_token_is_200(auth_server: AuthServer) -> None:
    url = f"{auth_server.url}/v1/auth/revoke"
    assert requests.post(url, data={"token": "never-issued"}, timeout=10).status_code == 200
    missing = requests.post(url, data={}, timeout=10)
    assert missing.status_code == 400 and missing.json()["error"] == "invalid_request"


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ({}, "invalid_request"),
        ({"grant_type": "client_credentials"}, "unsupported_grant_type"),
        ({"grant_type": "password", "username": EMAIL}, "invalid_request"),
        ({"grant_type": "refresh_token"}, "invalid_request"),
        ({"grant_type": "authorization_code", "code": "x"}, "invalid_request"),
        ({"grant_type": "refresh_token", "refresh_token": "made-up"}, "invalid_grant"),
    ],
)
def test_token_endpoint_errors(auth_server: AuthServer, form: dict[str, str], code: str) -> None:
    response = auth_server.token(**form)
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == code
    assert body["error_description"] and body["message"] == body["error_description"]


def test_token_endpoint_wants_a_form(auth_server: AuthServer) -> None:
    response = requests.post(
        f"{auth_server.url}/v1/auth/token",
        json={"grant_type": "password", "username": EMAIL, "password": PASSWORD},
        timeout=10,
    )
    assert response.status_code == 400 and response.json()["error"] == "invalid_request"


def test_failed_sign_ins_are_rate_limited_per_email(catalog: Catalog) -> None:
    clock = FakeClock()
    server = start_test_server(catalog, clock=clock, sign_in_failures_per_email=3)
    try:
        auth = AuthServer(server.url, clock, Path())
        auth.register()
        assert [auth.sign_in(password="guess-guess").status_code for _ in range(3)] == [400] * 3
        limited = auth.sign_in()  # even the right password, once over the limit
        assert limited.status_code == 429
        body = limited.json()
        assert body["error"] == "rate_limited" and body["message"] == body["error_description"]
        assert int(limited.headers["Retry-After"]) == 300
        clock.advance(120)
        assert int(auth.sign_in().headers["Retry-After"]) == 180
        assert auth.sign_in(email="other@example.org").status_code == 400  # another email
        clock.advance(181)
        assert auth.sign_in().status_code == 200
    finally:
        server.stop()


def test_failed_sign_ins_are_rate_limited_per_address(catalog: Catalog) -> None:
    clock = FakeClock()
    server = start_test_server(catalog, clock=clock, sign_in_failures_per_ip=4)
    try:
        auth = AuthServer(server.url, clock, Path())
        auth.register()
        assert [auth.sign_in().status_code for _ in range(6)] == [200] * 6  # successes don't count
        codes = [auth.sign_in(email=f"guess{n}@example.org").status_code for n in range(4)]
        assert codes == [400] * 4
        limited = auth.sign_in()
        assert limited.status_code == 429 and int(limited.headers["Retry-After"]) > 0
    finally:
        server.stop()


def test_default_limits_are_the_readmes(catalog: Catalog) -> None:
    """README: 5 wrong passwords per email and 20 per address in 5 minutes; 20 registrations
    an hour per address."""
    clock = FakeClock()
    server = start_test_server(catalog, clock=clock)
    try:
        auth = AuthServer(server.url, clock, Path())
        codes = [auth.register(email=f"p{n}@example.org").status_code for n in range(21)]
        assert codes == [201] * 20 + [429]
        wrong = [auth.sign_in("p0@example.org", "wrong-guess").status_code for _ in range(6)]
        assert wrong == [400] * 5 + [429]
        assert auth.sign_in("p0@example.org").headers["Retry-After"] == "300"
        others = [
            auth.sign_in(f"p{n}@example.org", "wrong-guess").status_code for n in range(1, 17)
        ]
        assert others == [400] * 15 + [429]  # 20 wrong for this address
        clock.advance(300)
        assert auth.sign_in("p0@example.org").status_code == 200
        assert auth.register(email="late@example.org").headers["Retry-After"] == "3300"
        clock.advance(3300)
        assert auth.register(email="late@example.org").status_code == 201
    finally:
        server.stop()


@sqlite_only
def test_the_database_holds_no_tokens_or_passwords(auth_server: AuthServer) -> None:
    """After a whole session, neither the password nor any token appears in the server's files."""
    first = auth_server.tokens()
    second = auth_server.token(
        grant_type="refresh_token", refresh_token=first["refresh_token"]
    ).json()
    assert auth_server.me(second["access_token"]).status_code == 200
    requests.post(
        f"{auth_server.url}/v1/auth/revoke", data={"token": second["refresh_token"]}, timeout=10
    )
    secrets = [PASSWORD, *first.values(), *second.values()]
    secrets = [s.encode() for s in secrets if isinstance(s, str) and s != "Bearer"]
    files = [p for p in auth_server.data_dir.rglob("*") if p.is_file()]
    assert any(p.name == "server.db" for p in files)
    for path in files:
        data = path.read_bytes()
        assert not [s for s in secrets if s in data], f"a secret is stored in {path.name}"
    assert EMAIL.encode() in (auth_server.data_dir / "server.db").read_bytes()  # scan is real


def test_parallel_wrong_passwords_never_pass_the_email_limit(catalog: Catalog) -> None:
    """20 wrong passwords at once against a limit of 5: at most 5 reach the password check.

    Each check is held until every request has either reached it or been answered, so the
    requests overlap as much as they can whatever the machine's speed."""
    app = create_app(ServerSettings(**CHEAP_HASHING, sign_in_failures_per_email=5), catalog=catalog)
    accounts = app.state.auth.accounts
    real_verify = accounts.verify
    settled = threading.Condition()
    progress = {"checked": 0, "answered": 0}
    release = threading.Event()

    def held_verify(email: str, password: str) -> Account | None:
        with settled:
            progress["checked"] += 1
            settled.notify_all()
        release.wait(timeout=30)
        return real_verify(email, password)

    accounts.verify = held_verify
    attempts = 20
    with ServerThread(app) as server:
        auth = AuthServer(server.url, FakeClock(), Path())
        auth.register()

        def attempt(_: int) -> int:
            status = auth.sign_in(password="wrong-guess-here").status_code
            with settled:
                progress["answered"] += 1
                settled.notify_all()
            return status

        with ThreadPoolExecutor(max_workers=attempts) as pool:
            futures = [pool.submit(attempt, n) for n in range(attempts)]
            with settled:
                assert settled.wait_for(
                    lambda: progress["checked"] + progress["answered"] >= attempts, timeout=60
                )
            release.set()
            statuses = sorted(future.result() for future in futures)
    assert progress["checked"] <= 5
    assert statuses == [400] * progress["checked"] + [429] * (attempts - progress["checked"])
