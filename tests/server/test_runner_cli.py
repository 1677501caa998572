"""ServerThread and the `weshape-server` command line."""

from __future__ import annotations

import hashlib
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from tests.server.conftest import (
    SVG_TEMPLATE,
    AuthServer,
    FakeClock,
    database_url,
    same_on_every_engine,
    start_test_server,
)
from weshape_desktop.server.app import create_app
from weshape_desktop.server.catalog_source import Catalog
from weshape_desktop.server.runner import ServerThread
from weshape_desktop.server.settings import ServerSettings

READY = "weShape server listening on http://127.0.0.1:"


@same_on_every_engine
def test_server_thread_serves_on_its_real_port_and_stops(catalog: Catalog) -> None:
    with ServerThread(create_app(ServerSettings(), catalog=catalog)) as server:
        assert server.url.startswith("http://127.0.0.1:")
        assert int(server.url.rsplit(":", 1)[1]) > 0
        assert requests.get(f"{server.url}/v1/health", timeout=10).status_code == 200
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{server.url}/v1/health", timeout=10)


@same_on_every_engine
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


@same_on_every_engine
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
    # README: argon2id with argon2-cffi's defaults (RFC 9106's low-memory choice).
    with closing(sqlite3.connect(tmp_path / "data" / "server.db")) as db:
        [(stored,)] = db.execute("SELECT password_hash FROM accounts").fetchall()
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")


@same_on_every_engine
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


@same_on_every_engine
@pytest.mark.parametrize(
    "args",
    [
        ["--host", "0.0.0.0"],
        ["--demo", "--catalog", "."],
        ["--demo", "--host", "10.1.2.3", "--public"],
        ["--port", "70000"],
        ["--synthetic", "-5"],
        ["--workers", "0"],
    ],
)
def test_cli_refuses_bad_combinations(args: list[str], tmp_path: Path) -> None:
    process = run_cli(*args, "--data", str(tmp_path))
    out, err = process.communicate(timeout=30)
    assert process.returncode == 2
    assert out == "" and "weshape-server: error:" in err


@same_on_every_engine
def test_cli_reports_a_missing_catalog_folder(tmp_path: Path) -> None:
    process = run_cli("--catalog", str(tmp_path / "absent"), "--port", "0", "--data", str(tmp_path))
    out, err = process.communicate(timeout=30)
    assert process.returncode == 2 and out == ""
    assert "does not exist" in err


@dataclass
class Cli:
    """A `weshape-server` child process while it serves; `stderr` once it has stopped."""

    url: str
    stderr: str = ""


@contextmanager
def serving(*args: str) -> Iterator[Cli]:
    process = run_cli(*args, "--port", "0")
    cli = Cli("")
    try:
        assert process.stdout is not None
        cli.url = process.stdout.readline().removeprefix("weShape server listening on ").strip()
        assert cli.url.startswith("http://127.0.0.1:")
        yield cli
    finally:
        process.terminate()
        out, cli.stderr = process.communicate(timeout=30)
    assert out == ""


def sign_in(url: str, email: str, password: str, forwarded_for: str) -> requests.Response:
    return requests.post(
        f"{url}/v1/auth/token",
        data={"grant_type": "password", "username": email, "password": password},
        headers={"X-Forwarded-For": forwarded_for},
        timeout=30,
    )


@same_on_every_engine
def test_forwarded_for_is_ignored_by_default(catalog: Catalog) -> None:
    server = start_test_server(catalog, sign_in_failures_per_ip=3)
    try:
        auth = AuthServer(server.url, FakeClock(), Path())
        codes = [
            sign_in(server.url, f"guess{n}@example.org", "wrong-guess", f"203.0.113.{n}")
            for n in range(4)
        ]
        assert [response.status_code for response in codes] == [400, 400, 400, 429]
        assert auth.sign_in().status_code == 429  # the one address this client has
    finally:
        server.stop()


@same_on_every_engine
@pytest.mark.parametrize("trusted", [False, True])
def test_cli_believes_forwarded_for_only_from_the_proxies_named(
    tmp_path: Path, trusted: bool
) -> None:
    """The access log shows the address the server counts a request under (the one its
    per-address limits use)."""
    option = ["--forwarded-allow-ips", "127.0.0.1"] if trusted else []
    with serving("--data", str(tmp_path), "--log-level", "info", *option) as cli:
        headers = {"X-Forwarded-For": "203.0.113.7"}
        assert requests.get(f"{cli.url}/v1/health", headers=headers, timeout=10).ok
    [logged] = [line for line in cli.stderr.splitlines() if "GET /v1/health" in line]
    assert ("203.0.113.7:" in logged) is trusted
    assert ("127.0.0.1:" in logged) is not trusted


@same_on_every_engine
def test_cli_synthetic_serves_that_many_items(tmp_path: Path) -> None:
    with serving("--synthetic", "300", "--no-download-gate", "--data", str(tmp_path)) as cli:
        page = requests.get(f"{cli.url}/v1/catalog", params={"limit": 200}, timeout=30).json()
        assert page["total"] == 300
        rest = requests.get(
            f"{cli.url}/v1/catalog",
            params={"cursor": page["next_cursor"], "limit": 200},
            timeout=30,
        ).json()
        items = page["items"] + rest["items"]
        assert rest["next_cursor"] is None and len({item["sha256"] for item in items}) == 300
        for item in (items[0], items[-1]):
            data = requests.get(f"{cli.url}/v1/files/{item['sha256']}", timeout=30).content
            assert hashlib.sha256(data).hexdigest() == item["sha256"]


@same_on_every_engine
def test_cli_catalog_serves_a_folder_of_svgs_and_no_link_out_of_it(tmp_path: Path) -> None:
    folder, outside = tmp_path / "svgs", tmp_path / "private"
    folder.mkdir()
    outside.mkdir()
    for n in range(3):
        (folder / f"drawing-{n}.svg").write_text(SVG_TEMPLATE.format(width=100, n=n))
    (outside / "secret.svg").write_text(SVG_TEMPLATE.format(width=100, n=99))
    (folder / "secret.svg").symlink_to(outside / "secret.svg")
    with serving("--catalog", str(folder), "--data", str(tmp_path / "data")) as cli:
        items = requests.get(f"{cli.url}/v1/catalog", timeout=30).json()["items"]
        assert sorted(item["id"] for item in items) == ["drawing-0", "drawing-1", "drawing-2"]
        secret = hashlib.sha256(SVG_TEMPLATE.format(width=100, n=99).encode()).hexdigest()
        assert requests.get(f"{cli.url}/v1/previews/{secret}", timeout=30).status_code == 404
    assert "skipped secret.svg: the file links to a place outside the catalog folder" in cli.stderr


def worker_processes(parent: int) -> list[int]:
    """The pids of uvicorn's worker processes under `parent` (multiprocessing spawns them)."""
    children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
    return [
        int(pid) for pid in children if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
    ]


def test_cli_workers_share_the_database_and_its_limits(tmp_path: Path) -> None:
    data = tmp_path / "data"
    process = run_cli("--demo", "--workers", "2", "--port", "0", "--data", str(data),
                      "--db", database_url(data))  # fmt: skip
    try:
        assert process.stdout is not None
        line = process.stdout.readline()  # once every worker serves
        assert line.startswith(READY)
        url = line.removeprefix("weShape server listening on ").strip()
        assert len(worker_processes(process.pid)) == 2
        health = requests.get(f"{url}/v1/health", timeout=10)
        assert (health.status_code, health.json()["database"]) == (200, "ok")
        wrong = {"grant_type": "password", "username": "demo@weshape.example", "password": "no"}
        answers = [
            requests.post(f"{url}/v1/auth/token", data=wrong, timeout=30).status_code
            for _ in range(8)
        ]
        # Five failures per email, whichever worker counted them (in memory: up to ten).
        assert answers == [400] * 5 + [429] * 3
    finally:
        process.terminate()
        out, err = process.communicate(timeout=30)
    assert out == "", "one ready line, not one per worker"
    assert process.returncode in (0, -15), err
