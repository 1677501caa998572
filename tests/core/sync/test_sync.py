"""The sync engine against the real reference server: devices converge after offline edits, a
local edit made while an answer is on its way survives it, a lost answer is retried without
duplicating or resurrecting anything, and what arrives or goes is reported."""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.core.sync.conftest import Device, SyncServer, next_tick, snapshot, sync_all
from tests.server.conftest import PASSWORD
from weshape_desktop.core.auth import AuthSession, CredentialStore
from weshape_desktop.core.errors import (
    BadResponseError,
    OfflineError,
    RateLimitedError,
    ServerError,
)
from weshape_desktop.core.library import LibraryQuery
from weshape_desktop.core.sync import SyncEngine

Devices = Callable[[int], list[Device]]


def members(device: Device, collection_id: str) -> list[str]:
    query = LibraryQuery(collection_id=collection_id, sort="position", descending=False)
    return device.store.query_ids(query)


def test_two_devices_edit_offline_and_converge(devices: Devices) -> None:
    a, b = devices(2)
    a.add("item-0", "item-1", "item-2")
    a.store.add_tags(["item-0"], ["blue"])
    a.store.set_pref("grid_size", 160, syncable=True)
    a.store.set_pref("window", "big")  # never syncs
    report = a.sync()
    assert report.pushed == 4 and a.store.sync_status().pending == 0
    first = b.sync()
    assert sorted(first.arrived) == ["item-0", "item-1", "item-2"]
    assert snapshot(b.store) == snapshot(a.store) and b.store.pref("window") is None
    assert b.store.entry("item-0") is not None and b.store.entry("item-0").path is None

    # offline on both: edits to the same and to different objects
    a.store.set_note("item-0", "from a")
    a.store.set_favourite(["item-1"], True)
    collection = a.store.create_collection("Deck")
    a.store.add_to_collection(collection, ["item-2", "item-0"])
    next_tick()
    b.store.set_note("item-0", "from b")
    b.store.add_tags(["item-0"], ["green"])
    removed = b.store.remove_entries(["item-2"])
    b.add("item-3")
    sync_all([a, b])

    state = snapshot(a.store)
    note = state["entries"]["item-0"][2]
    assert note.startswith("from b\n\n— ") and note.endswith(" —\nfrom a")  # both kept
    assert state["entries"]["item-0"][3] == ["blue", "green"]
    assert state["entries"]["item-1"][1] is True
    assert "item-2" not in state["entries"] and "item-3" in state["entries"]
    assert members(a, collection) == members(b, collection) == ["item-0"]
    assert removed == []  # b never downloaded item-2


def test_three_devices_with_one_offline_converge(devices: Devices) -> None:
    a, b, c = devices(3)
    a.add("item-0", "item-1")
    sync_all([a, b, c])
    a.store.add_tags(["item-1"], ["older"])  # older than c's removal: the removal wins
    a.sync()
    next_tick()
    # c is offline while a and b keep syncing
    c.store.set_favourite(["item-0"], True)
    c.store.remove_entries(["item-1"])
    c.add("item-4")
    next_tick()
    b.add("item-5")
    b.store.set_note("item-0", "b's note")
    b.sync()
    a.sync()
    next_tick()
    c.store.remove_entries(["item-1"])  # already gone here: nothing new
    sync_all([c, a, b])
    state = snapshot(a.store)
    assert sorted(state["entries"]) == ["item-0", "item-4", "item-5"]
    assert state["entries"]["item-0"][1:3] == (True, "b's note")


def test_a_newer_edit_during_a_round_is_not_overwritten(
    devices: Devices, sync_server: SyncServer
) -> None:
    a, b = devices(2)
    a.add("item-0")
    sync_all([a, b])
    b.store.set_favourite(["item-0"], True)
    b.sync()
    a.store.add_tags(["item-0"], ["pending"])
    answered, release = sync_server.gate.hold_next_answer()
    with ThreadPoolExecutor(1) as pool:
        running = pool.submit(a.sync)
        assert answered.wait(10)  # the server committed a's tag and holds its answer
        next_tick()
        a.store.set_note("item-0", "typed meanwhile")
        release.set()
        report = running.result(10)
    assert report.pushed == 2  # the tag, then the note in a second round
    entry = a.store.entry("item-0")
    assert entry is not None
    assert (entry.note, entry.favourite, entry.tags) == ("typed meanwhile", True, ("pending",))
    b.sync()
    assert snapshot(b.store) == snapshot(a.store)


def test_edits_between_rounds_go_in_the_next_round(devices: Devices) -> None:
    a, b = devices(2)
    ids = [f"item-{n}" for n in range(8)]
    a.add(*ids)
    calls: list[tuple[int, int]] = []

    def edit_once(done: int, total: int) -> None:
        calls.append((done, total))
        if len(calls) == 1:
            a.store.set_note("item-3", "between rounds")

    a.sync(progress=edit_once)
    assert calls[-1][0] == calls[-1][1] and len(calls) == 2
    b.sync()
    assert b.store.entry("item-3").note == "between rounds"  # type: ignore[union-attr]


def test_a_lost_answer_is_retried_without_duplicates_or_resurrection(
    devices: Devices, sync_server: SyncServer
) -> None:
    a, b = devices(2)
    a.add("item-0", "item-1")
    collection = a.store.create_collection("Deck")
    a.store.add_to_collection(collection, ["item-0", "item-1"])
    sync_all([a, b])
    b.store.set_note("item-0", "b")
    b.sync()
    next_tick()
    a.store.set_note("item-0", "a")
    a.store.remove_entries(["item-1"])
    a.store.reorder_collection(collection, ["item-0"])
    sync_server.gate.lose_next_answers(1)
    with pytest.raises(OfflineError):
        a.sync()  # the server applied the changes; a never heard
    assert a.store._conn.execute("SELECT count(*) FROM outbox WHERE sent = 1").fetchone()[0] == 3
    b.sync()
    assert b.store.entry("item-1") is None
    b.add("item-1")  # a re-add on b, later than a's removal: it must win
    b.sync()
    a.sync()
    sync_all([a, b])
    state = snapshot(a.store)
    note = state["entries"]["item-0"][2]
    assert note.count("a") == 1 and note.count("b") == 1, note
    assert "item-1" in state["entries"]
    assert state["collections"][collection][2] == ["item-0", "item-1"]


def test_big_changes_go_in_requests_under_the_servers_body_limit(
    devices: Devices, sync_server: SyncServer
) -> None:
    a, b = devices(2)
    ids = [f"item-{n}" for n in range(12)]
    a.add(*ids)
    for n, item_id in enumerate(ids):
        a.store.set_note(item_id, f"{n} " + "ملاحظة طويلة " * 8000)  # ~0.5 MiB as JSON
    before = sync_server.gate.requests
    assert a.sync().pushed == 12
    assert sync_server.gate.requests - before >= 2
    b.sync()
    assert snapshot(b.store) == snapshot(a.store)


def test_a_remote_deletion_reports_the_files_and_an_arrival_the_download(
    devices: Devices,
) -> None:
    a, b = devices(2)
    a.add("item-0", "item-1")
    a.sync()
    b.add("item-0")  # b downloaded it too
    assert b.sync().arrived == ("item-1",)  # item-0 has a file here already
    b.store.remove_entries(["item-0"])
    b.sync()
    report = a.sync()
    assert report.removed_paths == ("a/item-0.svg",) and a.store.entry("item-0") is None
    assert report.arrived == ()


def test_members_whose_entry_has_not_arrived_are_kept(devices: Devices) -> None:
    a, b = devices(2)
    a.add("item-0", "item-1", "item-2")
    collection = a.store.create_collection("Deck")
    a.store.add_to_collection(collection, ["item-2", "item-0", "item-1"])
    a.sync()
    b.sync()
    # an entry removed from b's library stays in the account's collection: a local edit of the
    # collection must not drop it, and the entry takes its place again when it comes back
    b.store.remove_entries(["item-0"])
    b.store.rename_collection(collection, "Renamed")
    b.sync()
    a.sync()
    assert members(a, collection) == ["item-2", "item-1"]
    assert json.loads(
        b.store._conn.execute(
            "SELECT payload FROM sync_shadow WHERE kind = 'collection'"
        ).fetchone()[0]
    )["items"] == ["item-2", "item-0", "item-1"]
    a.add("item-0")
    assert members(a, collection) == ["item-2", "item-0", "item-1"]
    sync_all([a, b])
    assert members(b, collection) == ["item-2", "item-0", "item-1"]


def test_a_pending_edit_is_rebased_onto_the_server_state(devices: Devices) -> None:
    a, b = devices(2)
    a.add("item-0")
    sync_all([a, b])
    a.store.set_favourite(["item-0"], True)
    a.sync()
    b.store.add_tags(["item-0"], ["mine"])
    # b's pull comes before its push is acknowledged: its pending tag survives a's favourite
    b.sync()
    entry = b.store.entry("item-0")
    assert entry is not None and entry.favourite and entry.tags == ("mine",)
    a.sync()
    assert snapshot(a.store) == snapshot(b.store)


def test_first_sign_in_counts_what_joins_and_another_account_takes_it_all(
    devices: Devices, sync_server: SyncServer
) -> None:
    (a,) = devices(1)
    a.add("item-0", "item-1")
    assert a.store.unsynced_entry_count() == 2
    a.sync()
    status = a.store.sync_status()
    assert status.pending == 0 and status.last_sync_ms is not None
    assert a.store.unsynced_entry_count() == 0
    a.store.remove_entries(["item-1"])
    a.store.set_pref("language", "ar", syncable=True)
    account = status.account_id
    assert account is not None
    a.store.bind_sync_account(account)  # the same account again: nothing changes
    assert a.store.sync_status().pending == 2
    (other,) = devices(1)
    a.api.auth = None
    other_account = AuthSession(a.api, CredentialStore()).sign_in_password(other.email, PASSWORD)
    assert a.store.unsynced_entry_count(other_account.id) == 1  # what the question says
    assert a.store.unsynced_entry_count(account) == a.store.unsynced_entry_count() == 0
    a.store.bind_sync_account(other_account.id)  # merge this library into the other account
    assert a.store.unsynced_entry_count() == 1 and a.store.sync_status().pending == 2
    a.sync()
    other.sync()
    assert sorted(snapshot(other.store)["entries"]) == ["item-0"]
    assert snapshot(other.store)["prefs"] == {"language": "ar"}


def test_a_malformed_answer_changes_nothing(devices: Devices, sync_server: SyncServer) -> None:
    a, b = devices(2)
    b.add("item-0")
    b.sync()
    a.add("item-1")

    def more_without_progress(body: bytes) -> bytes:
        return json.dumps({**json.loads(body), "more": True, "new_usn": 0}).encode()

    def no_modified(body: bytes) -> bytes:
        answer = json.loads(body)
        del answer["server_changes"][0]["payload"]["modified"]
        return json.dumps(answer).encode()

    for rewrite in (lambda body: body[:-5], more_without_progress, no_modified):
        sync_server.gate.rewrite_next_answer(rewrite)
        with pytest.raises(BadResponseError):
            a.sync()
        assert a.store._conn.execute("SELECT server_usn FROM sync_state").fetchone() == (0,)
        assert a.store.entry("item-0") is None and a.store.pending_changes() == 1
    a.sync()  # the server behaves again: the same change, sent again, applied once
    b.sync()
    assert snapshot(a.store) == snapshot(b.store)
    assert sorted(snapshot(a.store)["entries"]) == ["item-0", "item-1"]


ERROR = b'{"error": "injected", "message": "injected"}'
FAULTS = {  # what the sync raises, and how the answer went wrong
    "reset before the server": (OfflineError, None, False),
    "500 before the server": (ServerError, (500, ERROR, []), False),
    "503 after it committed": (ServerError, (503, ERROR, []), True),
    "429 with Retry-After": (RateLimitedError, (429, ERROR, [(b"retry-after", b"7")]), False),
    "cut after it committed": (OfflineError, None, True),
    "garbage after it committed": (BadResponseError, (200, b'{"server_chan\xff', []), True),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_a_fault_loses_nothing_and_the_next_sync_completes(
    devices: Devices, sync_server: SyncServer, fault: str
) -> None:
    error, answer, reach_server = FAULTS[fault]
    a, b = devices(2)
    a.add("item-0", "item-1")
    sync_all([a, b])
    b.store.set_note("item-0", "from b")
    b.sync()
    next_tick()
    a.store.set_favourite(["item-1"], True)
    a.store.remove_entries(["item-0"])
    usn = "SELECT server_usn FROM sync_state"
    before = a.store._conn.execute(usn).fetchone()
    sync_server.gate.tamper_next(lambda status, body: answer, reach_server=reach_server)
    with pytest.raises(error) as caught:
        a.sync()
    if error is RateLimitedError:
        assert caught.value.args_ == ("7",)
    assert a.store.pending_changes() == 2  # nothing acknowledged, nothing applied
    assert a.store._conn.execute(usn).fetchone() == before
    a.sync()
    sync_all([a, b])
    state = snapshot(b.store)
    assert sorted(state["entries"]) == ["item-1"] and state["entries"]["item-1"][1] is True


def test_the_answer_is_read_strictly() -> None:
    from weshape_desktop.core.sync.wire import parse_answer

    good = {
        "kind": "entry",
        "object_id": "x",
        "usn": 1,
        "deleted": False,
        "payload": {"item_id": "x", "added_at": 1, "favourite": False, "note": "", "tags": []},
        "item": None,
    }
    bad = [
        [],
        {"server_changes": [], "new_usn": "1", "more": False},
        {"server_changes": [good], "new_usn": 1, "more": False},  # no modified
        {"server_changes": [{**good, "payload": {**good["payload"], "modified": 1, "tags": [1]}}]},
        {"server_changes": [{**good, "usn": True}], "new_usn": 1, "more": False},
    ]
    for answer in bad:
        with pytest.raises(BadResponseError):
            parse_answer(answer)
    assert parse_answer({"server_changes": [], "new_usn": 3, "more": True}).new_usn == 3


def test_sync_is_idle_when_nothing_changed(devices: Devices, sync_server: SyncServer) -> None:
    (a,) = devices(1)
    a.add("item-0")
    a.sync()
    before = sync_server.gate.requests
    report = SyncEngine(a.store, a.api).sync()
    assert sync_server.gate.requests == before + 1
    assert (report.pushed, report.pulled, report.arrived) == (0, 0, ())
    usn = a.store._conn.execute("SELECT server_usn FROM sync_state").fetchone()[0]
    assert report.new_usn == usn > 0
    assert (
        json.loads(a.store._conn.execute("SELECT payload FROM sync_shadow").fetchone()[0])[
            "item_id"
        ]
        == "item-0"
    )
