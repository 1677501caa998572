"""Correct under concurrency, with real threads hitting two servers that share one database (as
two workers do): registering one email, rotating one refresh token family, and syncing many
devices of one account at once. Runs on SQLite and, in the PostgreSQL pass, on PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest
import requests

from tests.server.conftest import AuthServer, FakeClock, start_test_server
from tests.server.sync_support import Device, entry
from weshape_desktop.server.catalog_source import Catalog
from weshape_desktop.server.runner import ServerThread

T = TypeVar("T")
PARALLEL = 12
REUSE_ROUNDS = 40


@pytest.fixture
def workers(catalog: Catalog, tmp_path: Path) -> Iterator[list[AuthServer]]:
    """Two servers on one database and one clock."""
    clock, data_dir = FakeClock(), tmp_path / "shared"
    servers: list[ServerThread] = []
    try:
        for _ in range(2):
            servers.append(start_test_server(catalog, data_dir, clock=clock))
        yield [AuthServer(server.url, clock, data_dir) for server in servers]
    finally:
        for server in servers:
            server.stop()


def at_once(count: int, call: Callable[[int], T]) -> list[T]:
    """`call(0)` … `call(count - 1)` in as many threads, released together."""
    start = threading.Barrier(count)

    def run(n: int) -> T:
        start.wait()
        return call(n)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(run, range(count)))


def test_one_email_registered_in_parallel_makes_exactly_one_account(
    workers: list[AuthServer],
) -> None:
    answers = at_once(PARALLEL, lambda n: workers[n % 2].register().status_code)
    assert sorted(answers) == [201] + [409] * (PARALLEL - 1)
    assert workers[0].sign_in().status_code == 200


def test_parallel_refreshes_of_one_token_rotate_once_and_revoke_the_family(
    workers: list[AuthServer],
) -> None:
    first = workers[0].tokens()

    def refresh(n: int) -> requests.Response:
        return workers[n % 2].token(
            grant_type="refresh_token", refresh_token=first["refresh_token"]
        )

    answers = at_once(PARALLEL, refresh)
    assert sorted(r.status_code for r in answers) == [200] + [400] * (PARALLEL - 1)
    # The others presented a rotated token: a reuse, so the winner's new pair is revoked too.
    winner = next(r.json() for r in answers if r.status_code == 200)
    assert workers[1].me(winner["access_token"]).status_code == 401


def test_a_reused_token_revokes_tokens_rotated_at_the_same_moment(
    workers: list[AuthServer],
) -> None:
    """A family's current refresh token is rotated while an old copy of an earlier one comes
    back: whatever order they run in, nothing issued to the family may stay usable. A narrow
    race (at READ COMMITTED it was lost in 6 of 40 rounds), so it is run many times."""
    workers[0].register()
    for _ in range(REUSE_ROUNDS):
        stolen = workers[0].sign_in().json()["refresh_token"]
        current = workers[0].token(grant_type="refresh_token", refresh_token=stolen).json()

        def present(n: int, stolen: str = stolen, current: str = current["refresh_token"]) -> Any:
            token = stolen if n else current
            return workers[n].token(grant_type="refresh_token", refresh_token=token)

        issued = [r.json() for r in at_once(2, present) if r.status_code == 200]
        assert len(issued) <= 1
        for pair in [current, *issued]:
            assert workers[0].me(pair["access_token"]).status_code == 401
            again = workers[1].token(
                grant_type="refresh_token", refresh_token=pair["refresh_token"]
            )
            assert again.status_code == 400


def test_many_devices_syncing_at_once_get_every_usn_once(workers: list[AuthServer]) -> None:
    workers[0].clock.advance(3600)  # changes stamped T0 + ms are in the server's past
    token = workers[0].tokens()["access_token"]
    devices, rounds = 8, 6

    def push(n: int) -> list[int]:
        device = Device(workers[n % 2].url, token, f"{n:x}d")
        new_usns = []
        for r in range(rounds):
            body = device.post([device.change("entry", entry(f"{n}-{r}-{k}")) for k in range(3)])
            assert body.status_code == 200, body.text
            new_usns.append(body.json()["new_usn"])
        return new_usns

    at_once(devices, push)
    reader = Device(workers[1].url, token, "ffd")
    changes: list[dict[str, Any]] = reader.sync()
    usns = sorted(change["usn"] for change in changes)
    assert usns == list(range(1, devices * rounds * 3 + 1))
    assert {c["object_id"] for c in changes} == {
        f"{n}-{r}-{k}" for n in range(devices) for r in range(rounds) for k in range(3)
    }
