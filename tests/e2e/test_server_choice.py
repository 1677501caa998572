"""Choosing the server (README "Configuration"): `--server URL` and `WESHAPE_SERVER`, end to end.
The app runs as a real process taking a screenshot of the catalog; the real reference server
records what it was asked for."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.test_cli import run_app
from tests.held_requests import HeldRequests
from tests.server.conftest import build_catalog, start_test_server


@dataclass
class Recorded:
    url: str
    held: HeldRequests

    def asked_for(self, prefix: str) -> bool:
        return any(path.startswith(prefix) for path in self.held.paths)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Recorded]:
    held = HeldRequests()  # holds nothing: records the paths asked for
    running = start_test_server(build_catalog(tmp_path / "catalog"), middleware=held.wrap)
    try:
        yield Recorded(running.url, held)
    finally:
        running.stop()


def screenshot(tmp_path: Path, *args: str, env: dict[str, str]) -> None:
    out = tmp_path / "catalog.png"
    result = run_app(*args, "--show", "catalog", "--screenshot", str(out), env=env)
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 0


def test_server_option_wins_over_the_environment(
    tmp_path: Path, server: Recorded, refused_url: str
) -> None:
    env = {**os.environ, "WESHAPE_SERVER": refused_url}
    screenshot(tmp_path, "--server", server.url, env=env)
    assert server.asked_for("/v1/catalog") and server.asked_for("/v1/previews/")


def test_server_from_the_environment(tmp_path: Path, server: Recorded) -> None:
    screenshot(tmp_path, env={**os.environ, "WESHAPE_SERVER": server.url})
    assert server.asked_for("/v1/catalog") and server.asked_for("/v1/previews/")
