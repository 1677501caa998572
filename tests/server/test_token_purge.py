"""Dead token rows are purged while tokens are handed out, at most once a minute of the server's
clock, and the purge changes no answer: live sessions keep working, reuse is still detected."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests
import sqlalchemy as sa

from tests.server.conftest import AuthServer, assert_invalid_token, database_url
from weshape_desktop.server.db import tokens
from weshape_desktop.server.tokens import PURGE_INTERVAL_S, secret_hash

ACCESS_TTL = 900
REFRESH_TTL = 30 * 24 * 3600


@pytest.fixture
def stored(auth_server: AuthServer) -> Iterator[sa.Engine]:
    """The server's own database file, read beside it."""
    engine = sa.create_engine(database_url(auth_server.data_dir))
    yield engine
    engine.dispose()


def kept(engine: sa.Engine, *secrets: str) -> list[bool]:
    """For each token, whether its row is still in the database."""
    with engine.connect() as conn:
        hashes = set(conn.execute(sa.select(tokens.c.hash)).scalars())
    return [secret_hash(secret) in hashes for secret in secrets]


def rotate(server: AuthServer, refresh_token: str) -> requests.Response:
    return server.token(grant_type="refresh_token", refresh_token=refresh_token)


def revoke(server: AuthServer, token: str) -> None:
    response = requests.post(f"{server.url}/v1/auth/revoke", data={"token": token}, timeout=10)
    assert response.status_code == 200


def test_expired_and_revoked_rows_go_live_ones_stay(
    auth_server: AuthServer, stored: sa.Engine
) -> None:
    server = auth_server
    kept_session = server.tokens()  # the first issue also purges (nothing yet)
    rotated = rotate(server, kept_session["refresh_token"]).json()
    signed_out = server.sign_in().json()
    revoke(server, signed_out["refresh_token"])
    server.clock.advance(ACCESS_TTL + 1)  # every access token has expired

    fresh = server.sign_in().json()  # due: the purge runs

    assert kept(stored, signed_out["access_token"], signed_out["refresh_token"]) == [False, False]
    assert kept(stored, kept_session["access_token"], rotated["access_token"]) == [False, False]
    # The rotated-away refresh token stays: presenting it again must still revoke the family.
    assert kept(stored, kept_session["refresh_token"], rotated["refresh_token"]) == [True, True]
    assert kept(stored, fresh["access_token"], fresh["refresh_token"]) == [True, True]
    assert server.me(fresh["access_token"]).status_code == 200
    assert_invalid_token(server.me(signed_out["access_token"]))
    assert rotate(server, signed_out["refresh_token"]).json()["error"] == "invalid_grant"

    live = rotate(server, rotated["refresh_token"])
    assert live.status_code == 200
    assert rotate(server, kept_session["refresh_token"]).status_code == 400  # reuse detected
    assert_invalid_token(server.me(live.json()["access_token"]))  # …and the family revoked


def test_purges_at_most_once_a_minute(auth_server: AuthServer, stored: sa.Engine) -> None:
    server = auth_server
    first = server.tokens()  # purged at this instant
    revoke(server, first["refresh_token"])
    server.sign_in()
    assert kept(stored, first["refresh_token"]) == [True]  # not due yet
    server.clock.advance(PURGE_INTERVAL_S - 1)
    server.sign_in()
    assert kept(stored, first["refresh_token"]) == [True]
    server.clock.advance(1)
    server.sign_in()
    assert kept(stored, first["refresh_token"]) == [False]


def test_a_family_goes_when_its_refresh_token_expires(
    auth_server: AuthServer, stored: sa.Engine
) -> None:
    server = auth_server
    old = server.tokens()
    rotated = rotate(server, old["refresh_token"]).json()
    server.clock.advance(REFRESH_TTL - 1)
    server.sign_in()
    assert kept(stored, old["refresh_token"], rotated["refresh_token"]) == [True, True]
    server.clock.advance(PURGE_INTERVAL_S)
    server.sign_in()
    assert kept(stored, old["refresh_token"], rotated["refresh_token"]) == [False, False]
    assert rotate(server, rotated["refresh_token"]).json()["error"] == "invalid_grant"
