"""A syncing process killed (SIGKILL) at random points (DESIGN §8: a sync interrupted at any point
resumes without loss or duplication): after every kill the database passes `integrity_check`;
after a last run left alone, the killed device and another one hold the same library, with
every object as its latest edit left it."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.core.sync.conftest import Device, SyncServer, next_tick, snapshot
from tests.reliability.support import REPLAY, SEED
from tests.server.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[3]
ITEMS = [f"item-{n}" for n in range(20)]
RUN_TIMEOUT_S = 60.0


def test_kills_during_sync_lose_and_duplicate_nothing(
    sync_server: SyncServer, devices: Callable[[int], list[Device]]
) -> None:
    kill_and_check(sync_server, *devices(2), kills=30)


@pytest.mark.slow
@pytest.mark.timeout(1800)
def test_many_kills_during_sync_lose_and_duplicate_nothing(
    sync_server: SyncServer, devices: Callable[[int], list[Device]]
) -> None:
    kill_and_check(sync_server, *devices(2), kills=200)


def run_child(sync_server: SyncServer, device: Device, kill_after: int) -> tuple[int, str]:
    """A sync of `device`'s library in another process; its exit status and output."""
    args = [sync_server.url, device.email, PASSWORD, str(device.store.path), str(kill_after)]
    proc = subprocess.run(
        [sys.executable, "-m", "tests.core.sync.sync_child", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )
    return proc.returncode, proc.stdout + proc.stderr


def edit(device: Device, rng: random.Random, latest: dict[str, bool]) -> None:
    """A few random edits; `latest` records whether each entry's latest edit left it alive."""
    for _ in range(rng.randint(1, 6)):
        item_id = rng.choice(ITEMS)
        store = device.store
        here = store.entry(item_id) is not None
        action = rng.choice(["add", "remove", "note", "tag", "favourite"])
        if action == "add" and not here:
            device.add(item_id)
        elif action == "remove" and here:
            store.remove_entries([item_id])
        elif not (
            (action == "note" and store.set_note(item_id, rng.choice(["a", "b", "c"])))
            or (action == "tag" and store.add_tags([item_id], [rng.choice(["x", "y"])]))
            or (action == "favourite" and store.set_favourite([item_id], rng.random() < 0.5))
        ):
            continue
        latest[item_id] = action != "remove"
        next_tick()


def kill_and_check(sync_server: SyncServer, a: Device, b: Device, kills: int) -> None:
    rng = random.Random(SEED)
    latest: dict[str, bool] = {}
    edit(a, rng, latest)
    status, output = run_child(sync_server, a, 0)
    assert status == 0, output
    callbacks = int(output.split()[0])  # what one sync's work takes
    killed = 0
    for run in range(kills * 2):
        edit(a, rng, latest)
        edit(b, rng, latest)
        b.sync()
        kill_after = rng.randint(1, max(1, callbacks))
        status, output = run_child(sync_server, a, kill_after)
        context = f"{REPLAY}: run {run}, killed at callback {kill_after}"
        if status == 0:
            callbacks = max(callbacks, int(output.split()[0]))
        else:
            assert status == -signal.SIGKILL, f"{context}: {output}"
            killed += 1
        assert a.store.check_integrity(), context
        if killed == kills:
            break
    assert killed == kills, f"{REPLAY}: only {killed} runs were killed"
    status, output = run_child(sync_server, a, 0)  # left alone
    assert status == 0, output
    b.sync()
    assert a.store.pending_changes() == 0 and b.store.pending_changes() == 0
    state = snapshot(a.store)
    assert state == snapshot(b.store), REPLAY
    alive = sorted(item_id for item_id, live in latest.items() if live)
    assert sorted(state["entries"]) == alive, REPLAY
