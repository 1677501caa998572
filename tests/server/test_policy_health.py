"""/v1/policy texts (verbatim from the seed) and /v1/health."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from weshape_desktop import __version__
from weshape_desktop.server.policy import load_policy, policy_dir

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
    assert response.json() == {"status": "ok", "version": __version__}
