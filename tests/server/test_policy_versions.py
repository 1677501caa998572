"""Policy versions in the server database: `weshape-server publish-policy` adds one, `/v1/policy`
serves the newest, and each account's acknowledgement lives under `/v1/me/policy` (and in its
export)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import requests

from tests.server.conftest import AuthServer, database_url, start_test_server
from weshape_desktop.server.catalog_source import Catalog
from weshape_desktop.server.db import make_engine
from weshape_desktop.server.policy import PolicyDocument, PolicyStore, load_policy

TEXTS = {"ar": "سياسة الخصوصية، الإصدار الثاني\n", "en": "Privacy policy, version two\n"}


def publish_cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    for lang, text in TEXTS.items():
        (data_dir.parent / f"policy.{lang}.txt").write_text(text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "weshape_desktop.server", "publish-policy", "--data",
         str(data_dir), "--db", database_url(data_dir),
         "--text-ar", str(data_dir.parent / "policy.ar.txt"),
         "--text-en", str(data_dir.parent / "policy.en.txt"), *args],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def publish(data_dir: Path, version: int, significant: bool) -> None:
    engine = make_engine(database_url(data_dir))
    try:
        PolicyStore(engine).publish(PolicyDocument(version, "2027-01-10", significant, TEXTS))
    finally:
        engine.dispose()


def test_publish_policy_adds_the_version_the_server_then_serves(
    catalog: Catalog, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    done = publish_cli(data_dir, "--version", "2", "--significant", "--published", "2027-01-10")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "published privacy policy version 2 (significant, 2027-01-10)\n"
    again = publish_cli(data_dir, "--version", "2", "--published", "2027-01-11")
    assert again.returncode == 2 and "not newer than the current version 2" in again.stderr
    bad_date = publish_cli(data_dir, "--version", "3", "--published", "10/01/2027")
    assert bad_date.returncode == 2 and "--published" in bad_date.stderr

    server = start_test_server(catalog, data_dir)
    try:
        for lang, text in TEXTS.items():
            served = requests.get(f"{server.url}/v1/policy", params={"lang": lang}, timeout=10)
            assert served.json() == {
                "version": 2, "published": "2027-01-10", "significant": True, "lang": lang,
                "text": text,
            }  # fmt: skip
    finally:
        server.stop()


def test_a_fresh_database_serves_the_bundled_policy_as_version_1(auth_server: AuthServer) -> None:
    served = requests.get(f"{auth_server.url}/v1/policy", params={"lang": "ar"}, timeout=10)
    assert served.json()["version"] == 1 and served.json()["text"] == load_policy().texts["ar"]


def test_each_account_acknowledges_versions_on_the_server(auth_server: AuthServer) -> None:
    token = auth_server.tokens()["access_token"]
    bearer = {"Authorization": f"Bearer {token}"}
    me_policy = f"{auth_server.url}/v1/me/policy"

    def acknowledge(version: object) -> requests.Response:
        return requests.post(
            f"{me_policy}/acknowledge", json={"version": version}, headers=bearer, timeout=10
        )

    assert requests.get(me_policy, headers=bearer, timeout=10).json() == {
        "acknowledged_version": 1
    }  # accepted when registering
    assert requests.get(me_policy, timeout=10).status_code == 401
    assert (
        requests.post(f"{me_policy}/acknowledge", json={"version": 1}, timeout=10).status_code
        == 401
    )
    refused = acknowledge(2)
    assert refused.status_code == 422 and refused.json()["error"] == "unknown_policy_version"
    # JSON `true` is no version number (pydantic's lax mode read it as 1; found by the fuzzer)
    assert acknowledge(True).status_code == 422
    assert (
        auth_server.register(email="bool@example.org", accepted_policy_version=True).status_code
        == 422
    )

    publish(auth_server.data_dir, 2, significant=True)
    assert acknowledge(2).json() == {"acknowledged_version": 2}
    assert acknowledge(1).json() == {"acknowledged_version": 2}  # never goes back
    assert requests.get(me_policy, headers=bearer, timeout=10).json() == {"acknowledged_version": 2}
    export = requests.get(f"{auth_server.url}/v1/me/export", headers=bearer, timeout=10).json()
    assert export["accepted_policy_version"] == 2
    # New accounts accept the version in force.
    assert auth_server.register(email="sami@example.org").json()["error"] == "policy_not_accepted"
    created = auth_server.register(email="sami@example.org", accepted_policy_version=2)
    assert created.status_code == 201, created.text
