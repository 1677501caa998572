"""ServerThread and the `weshape-server` command line."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from tests.server.conftest import start_test_server
from weshape_desktop.server.app import create_app
from weshape_desktop.server.catalog_source import Catalog
from weshape_desktop.server.runner import ServerThread
from weshape_desktop.server.settings import ServerSettings

READY = "weShape server listening on http://127.0.0.1:"


def test_server_thread_serves_on_its_real_port_and_stops(catalog: Catalog) -> None:
    with ServerThread(create_app(ServerSettings(), catalog=catalog)) as server:
        assert server.url.startswith("http://127.0.0.1:")
        assert int(server.url.rsplit(":", 1)[1]) > 0
        assert requests.get(f"{server.url}/v1/health", timeout=10).status_code == 200
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{server.url}/v1/health", timeout=10)


def test_server_thread_reports_a_port_in_use(catalog: Catalog) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = ServerThread(create_app(ServerSettings(), catalog=catalog), port=port)
        with pytest.raises(RuntimeError, match="did not start"):
            server.start()


def test_restart_on_the_same_data_keeps_the_catalog(catalog: Catalog, tmp_path: Path) -> None:
    for _ in range(2):
        server = start_test_server(catalog, tmp_path / "data")
        try:
            page = requests.get(f"{server.url}/v1/catalog", timeout=10).json()
            assert len(page["items"]) == len(catalog.entries)
        finally:
            server.stop()


def run_cli(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "weshape_desktop.server", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_demo_prints_one_ready_line_then_serves_the_sample(tmp_path: Path) -> None:
    process = run_cli("--demo", "--port", "0", "--data", str(tmp_path / "data"))
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith(READY) and line.endswith("\n")
        url = line.removeprefix("weShape server listening on ").strip()
        page = requests.get(f"{url}/v1/catalog", params={"limit": 200}, timeout=10).json()
        assert len(page["items"]) >= 50
        sha = page["items"][0]["sha256"]
        assert requests.get(f"{url}/v1/files/{sha}", timeout=10).status_code == 401
        assert requests.get(f"{url}/v1/previews/{sha}", timeout=10).status_code == 200
        # The demo account exists and may download.
        tokens = requests.post(
            f"{url}/v1/auth/token",
            data={
                "grant_type": "password",
                "username": "demo@weshape.example",
                "password": "weshape-demo",
            },
            timeout=10,
        ).json()
        bearer = {"Authorization": f"Bearer {tokens['access_token']}"}
        assert requests.get(f"{url}/v1/me", headers=bearer, timeout=10).json()["name"] == (
            "Demo Designer"
        )
        assert requests.get(f"{url}/v1/files/{sha}", headers=bearer, timeout=10).status_code == 200
    finally:
        process.terminate()
        out, err = process.communicate(timeout=30)
    assert out == "", "nothing but the ready line may go to stdout"
    assert process.returncode in (0, -15), err


def test_no_download_gate_serves_files_without_sign_in(tmp_path: Path) -> None:
    process = run_cli("--demo", "--no-download-gate", "--port", "0", "--data", str(tmp_path))
    try:
        assert process.stdout is not None
        url = process.stdout.readline().removeprefix("weShape server listening on ").strip()
        sha = requests.get(f"{url}/v1/catalog", timeout=10).json()["items"][0]["sha256"]
        assert requests.get(f"{url}/v1/files/{sha}", timeout=10).status_code == 200
    finally:
        process.terminate()
        out, _ = process.communicate(timeout=30)
    assert out == ""


@pytest.mark.parametrize(
    "args",
    [
        ["--host", "0.0.0.0"],
        ["--demo", "--catalog", "."],
        ["--demo", "--host", "10.1.2.3", "--public"],
        ["--port", "70000"],
        ["--synthetic", "-5"],
    ],
)
def test_cli_refuses_bad_combinations(args: list[str], tmp_path: Path) -> None:
    process = run_cli(*args, "--data", str(tmp_path))
    out, err = process.communicate(timeout=30)
    assert process.returncode == 2
    assert out == "" and "weshape-server: error:" in err


def test_cli_reports_a_missing_catalog_folder(tmp_path: Path) -> None:
    process = run_cli("--catalog", str(tmp_path / "absent"), "--port", "0", "--data", str(tmp_path))
    out, err = process.communicate(timeout=30)
    assert process.returncode == 2 and out == ""
    assert "does not exist" in err
