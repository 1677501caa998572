"""`require_account_for_downloads`: full files need an access token and each download is
recorded; previews for browsing stay public."""

from __future__ import annotations

import requests
import sqlalchemy as sa

from tests.server.conftest import (
    AuthServer,
    assert_invalid_token,
    database_url,
    start_test_server,
)
from weshape_desktop.server.catalog_source import Catalog

ON_EVERY_FILE_STORE = True  # the catalog folder, a local folder, S3 (tests.s3_emulator)


def recorded(server: AuthServer) -> list[tuple[str, str, str]]:
    engine = sa.create_engine(database_url(server.data_dir))
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                sa.text("SELECT account_id, sha256, downloaded_at FROM downloads ORDER BY id")
            ).all()
    finally:
        engine.dispose()
    return [tuple(row) for row in rows]


def test_files_need_a_token_previews_do_not(auth_server: AuthServer, catalog: Catalog) -> None:
    sha = catalog.entries[0].sha256
    files, previews = f"{auth_server.url}/v1/files/{sha}", f"{auth_server.url}/v1/previews/{sha}"
    assert_invalid_token(requests.get(files, timeout=10))
    head = requests.head(files, timeout=10)
    assert head.status_code == 401 and head.headers["WWW-Authenticate"].startswith("Bearer")
    assert_invalid_token(requests.get(files, headers={"Authorization": "Bearer nope"}, timeout=10))
    preview = requests.get(previews, timeout=10)
    assert preview.status_code == 200 and preview.content == catalog.blob(sha)
    assert recorded(auth_server) == []


def test_a_signed_in_download_is_served_and_recorded(
    auth_server: AuthServer, catalog: Catalog
) -> None:
    tokens = auth_server.tokens()
    account_id = auth_server.me(tokens["access_token"]).json()["id"]
    bearer = {"Authorization": f"Bearer {tokens['access_token']}"}
    sha = catalog.entries[1].sha256
    url = f"{auth_server.url}/v1/files/{sha}"
    response = requests.get(url, headers=bearer, timeout=10)
    assert response.status_code == 200 and response.content == catalog.blob(sha)
    assert recorded(auth_server) == [(account_id, sha, "2027-01-15T08:00:00Z")]
    # HEAD, and a resumed range past byte 0, continue what was recorded; they add nothing.
    assert requests.head(url, headers=bearer, timeout=10).status_code == 200
    resumed = requests.get(url, headers={**bearer, "Range": "bytes=10-"}, timeout=10)
    assert resumed.status_code == 206
    assert len(recorded(auth_server)) == 1
    # A file the catalog doesn't have is a 404 and no download.
    missing = requests.get(f"{auth_server.url}/v1/files/{'a' * 64}", headers=bearer, timeout=10)
    assert missing.status_code == 404
    assert len(recorded(auth_server)) == 1


def test_expired_or_revoked_tokens_cannot_download(
    auth_server: AuthServer, catalog: Catalog
) -> None:
    tokens = auth_server.tokens()
    url = f"{auth_server.url}/v1/files/{catalog.entries[0].sha256}"
    bearer = {"Authorization": f"Bearer {tokens['access_token']}"}
    auth_server.clock.advance(901)
    assert_invalid_token(requests.get(url, headers=bearer, timeout=10))
    fresh = auth_server.token(grant_type="refresh_token", refresh_token=tokens["refresh_token"])
    bearer = {"Authorization": f"Bearer {fresh.json()['access_token']}"}
    assert requests.get(url, headers=bearer, timeout=10).status_code == 200
    requests.post(
        f"{auth_server.url}/v1/auth/revoke",
        data={"token": fresh.json()["refresh_token"]},
        timeout=10,
    )
    assert_invalid_token(requests.get(url, headers=bearer, timeout=10))


def test_the_gate_can_be_turned_off(catalog: Catalog) -> None:
    server = start_test_server(catalog, require_account_for_downloads=False)
    try:
        sha = catalog.entries[0].sha256
        assert requests.get(f"{server.url}/v1/files/{sha}", timeout=10).status_code == 200
    finally:
        server.stop()
