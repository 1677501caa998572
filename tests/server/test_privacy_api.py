"""`GET /v1/me/export` and `DELETE /v1/me` end to end over HTTP: what the export holds, that
deleting needs the password (and wrong ones count like sign-ins), and that nothing of the
account is left afterwards, its tokens included."""

from __future__ import annotations

from typing import Any

import pytest
import requests
import sqlalchemy as sa

from tests.server.conftest import EMAIL, PASSWORD, AuthServer, assert_invalid_token, database_url
from tests.server.sync_support import Device, entry, pref, sign_in_device
from weshape_desktop.server.catalog_source import Catalog
from weshape_desktop.server.db import metadata

OTHER = "sam@example.org"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def export(server: AuthServer, token: str) -> requests.Response:
    return requests.get(f"{server.url}/v1/me/export", headers=bearer(token), timeout=10)


def delete_account(server: AuthServer, token: str, password: str) -> requests.Response:
    return requests.delete(
        f"{server.url}/v1/me", json={"password": password}, headers=bearer(token), timeout=10
    )


def rows_of(server: AuthServer, account_id: str) -> dict[str, int]:
    """How many rows of each table name the account (by `account_id`, or `id` for accounts)."""
    engine = sa.create_engine(database_url(server.data_dir))
    counts = {}
    try:
        with engine.connect() as conn:
            for table in metadata.sorted_tables:
                column = table.c.get("account_id", table.c.id if table.name == "accounts" else None)
                if column is not None:
                    query = sa.select(sa.func.count()).where(column == account_id)
                    counts[table.name] = conn.execute(query).scalar_one()
    finally:
        engine.dispose()
    return counts


@pytest.fixture
def lina(auth_server: AuthServer, catalog: Catalog) -> Device:
    """An account with synced objects and a recorded download."""
    auth_server.clock.advance(3600)
    device = sign_in_device(auth_server, "1a")
    device.sync(
        device.change("entry", entry("item-0", note="hero image", tags=["blue"])),
        device.change("pref", pref("language", "ar")),
    )
    sha = catalog.entries[0].sha256
    response = requests.get(f"{auth_server.url}/v1/files/{sha}", headers=bearer(device.token))
    assert response.status_code == 200
    return device


def test_the_export_holds_everything_the_account_holds(
    auth_server: AuthServer, lina: Device, catalog: Catalog
) -> None:
    other = sign_in_device(auth_server, "2b", email=OTHER)
    other.sync(other.change("entry", entry("item-1", note="not lina's")))
    refresh = auth_server.sign_in().json()["refresh_token"]  # a second sign-in, refreshed later
    auth_server.clock.advance(60)
    assert auth_server.token(grant_type="refresh_token", refresh_token=refresh).ok
    response = export(auth_server, lina.token)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    body: dict[str, Any] = response.json()
    profile = body.pop("profile")
    assert profile["email"] == EMAIL and profile["name"] == "Lina Haddad"
    assert profile["locale"] == "ar" and profile["accepted_policy_version"] == 1
    assert body.pop("accepted_policy_version") == 1
    assert body.pop("exported_at") == "2027-01-15T09:01:00Z"
    assert body.pop("downloads") == [
        {"sha256": catalog.entries[0].sha256, "downloaded_at": "2027-01-15T09:00:00Z"}
    ]
    assert body.pop("sign_ins") == [
        {"started_at": "2027-01-15T09:00:00Z", "expires_at": "2027-02-14T09:00:00Z"},
        {"started_at": "2027-01-15T09:00:00Z", "expires_at": "2027-02-14T09:01:00Z"},
    ]
    assert body.pop("usn") == 2
    synced = body.pop("synced_objects")
    assert [(o["kind"], o["object_id"], o["usn"], o["device_id"]) for o in synced] == [
        ("entry", "item-0", 1, "1a"),
        ("pref", "language", 2, "1a"),
    ]
    assert synced[0]["payload"]["note"] == "hero image" and synced[0]["deleted"] is False
    assert body == {}, "the test covers every field of the export"
    assert "not lina's" not in response.text
    assert_invalid_token(requests.get(f"{auth_server.url}/v1/me/export", timeout=10))


def test_deleting_the_account_leaves_nothing_and_revokes_its_tokens(
    auth_server: AuthServer, lina: Device
) -> None:
    account_id = auth_server.me(lina.token).json()["id"]
    refresh = auth_server.sign_in().json()["refresh_token"]
    other = sign_in_device(auth_server, "2b", email=OTHER)
    other.sync(other.change("pref", pref("language", "en")))
    before = rows_of(auth_server, account_id)
    assert before["accounts"] == 1 and before["sync_objects"] == 2 and before["downloads"] == 1

    response = delete_account(auth_server, lina.token, PASSWORD)
    assert response.status_code == 204 and response.content == b""
    assert set(rows_of(auth_server, account_id).values()) == {0}
    assert_invalid_token(auth_server.me(lina.token))
    assert_invalid_token(lina.post([]))
    refreshed = auth_server.token(grant_type="refresh_token", refresh_token=refresh)
    assert refreshed.status_code == 400 and refreshed.json()["error"] == "invalid_grant"
    assert auth_server.sign_in().status_code == 400
    # The other account is untouched, and the email can start afresh.
    assert other.post([], since_usn=0).json()["new_usn"] == 1
    fresh = sign_in_device(auth_server, "1a")
    assert fresh.sync() == []


def test_deleting_needs_the_right_password_and_wrong_ones_are_limited(
    auth_server: AuthServer, lina: Device
) -> None:
    other = sign_in_device(auth_server, "2b", email=OTHER)
    for _ in range(5):  # sign_in_failures_per_email
        wrong = delete_account(auth_server, lina.token, "not-the-password")
        assert wrong.status_code == 403 and wrong.json()["error"] == "wrong_password"
    limited = delete_account(auth_server, lina.token, PASSWORD)
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) > 0
    assert auth_server.sign_in().status_code == 429  # the same limit as signing in
    assert_invalid_token(delete_account(auth_server, "", PASSWORD))
    # Another account deleting itself deletes nothing of Lina's.
    assert delete_account(auth_server, other.token, PASSWORD).status_code == 204
    auth_server.clock.advance(300)
    token = auth_server.sign_in().json()["access_token"]
    assert export(auth_server, token).json()["usn"] == 2
