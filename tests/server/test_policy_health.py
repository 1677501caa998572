"""/v1/policy texts (verbatim from the seed) and /v1/health."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from weshape_desktop import __version__
from weshape_desktop.server.app import create_app
from weshape_desktop.server.catalog_source import Catalog
from weshape_desktop.server.file_store import LocalFolderStore
from weshape_desktop.server.policy import load_policy, policy_dir
from weshape_desktop.server.runner import ServerThread
from weshape_desktop.server.settings import ServerSettings

SEED = Path("/work/shared/seed/privacy-policy.txt")


def test_policy_halves_are_the_seed_verbatim() -> None:
    ar = (policy_dir() / "privacy-policy.ar.txt").read_bytes()
    en = (policy_dir() / "privacy-policy.en.txt").read_bytes()
    assert en.startswith(b"Privacy Policy Introduction\n")
    assert "سياسة الخصوصية".encode() in ar and b"Privacy" not in ar
    if not SEED.is_file():
        pytest.skip("the seed file is only on the development machine")
    assert ar + b"\n" + en == SEED.read_bytes()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_policy_in_each_language(server_url: str, lang: str) -> None:
    response = requests.get(f"{server_url}/v1/policy", params={"lang": lang}, timeout=10)
    assert response.status_code == 200
    document = load_policy()
    assert response.json() == {
        "version": 1,
        "published": "2026-01-01",
        "significant": False,
        "lang": lang,
        "text": document.texts[lang],
    }


@pytest.mark.parametrize("lang", ["fr", "", "AR", "ar,en"])
def test_unknown_policy_language_is_422(server_url: str, lang: str) -> None:
    response = requests.get(f"{server_url}/v1/policy", params={"lang": lang}, timeout=10)
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_request"


def test_health(server_url: str) -> None:
    response = requests.get(f"{server_url}/v1/health", timeout=10)
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "version": __version__,
        "database": "ok",
        "files": "ok",
    }


def test_health_is_503_while_the_database_or_the_files_are_unreachable(
    catalog: Catalog, tmp_path: Path
) -> None:
    database, files = tmp_path / "database", tmp_path / "files"
    database.mkdir()
    settings = ServerSettings(db_url=f"sqlite:///{database / 'server.db'}")
    app = create_app(settings, catalog=catalog, files=LocalFolderStore(files))

    def health() -> tuple[int, str, str]:
        response = requests.get(f"{server.url}/v1/health", timeout=10)
        body = response.json()
        assert body["status"] == ("ok" if response.status_code == 200 else "unavailable")
        return response.status_code, body["database"], body["files"]

    with ServerThread(app) as server:
        assert health() == (503, "ok", "unreachable")  # no files folder yet
        files.mkdir()
        assert health() == (200, "ok", "ok")
        app.state.engine.dispose()  # pooled connections would keep the moved file open
        database.rename(tmp_path / "elsewhere")
        assert health() == (503, "unreachable", "ok")
        (tmp_path / "elsewhere").rename(database)
        assert health() == (200, "ok", "ok")
