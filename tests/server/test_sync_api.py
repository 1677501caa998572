"""`POST /v1/sync` over HTTP against the real server (docs/sync.md): round trips, pages,
idempotent retries, the conflict rules end to end, clock skew, malformed and unknown changes,
and usn allocation under parallel syncs of one account."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import requests

from tests.server.conftest import AuthServer
from tests.server.sync_support import (
    T0,
    Device,
    collection,
    entry,
    pref,
    sign_in_device,
    tombstone,
)
from weshape_desktop.server.catalog_source import Catalog


@pytest.fixture
def laptop(auth_server: AuthServer) -> Device:
    # Changes are stamped T0 + a few ms; the server, an hour later, keeps them as they are.
    auth_server.clock.advance(3600)
    return sign_in_device(auth_server, "1a")


@pytest.fixture
def desktop(auth_server: AuthServer, laptop: Device) -> Device:
    return sign_in_device(auth_server, "2b")


def objects(changes: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(c["kind"], c["object_id"]): c for c in changes}


def test_a_change_pushed_by_one_device_reaches_another(
    laptop: Device, desktop: Device, catalog: Catalog
) -> None:
    sent = laptop.sync(
        laptop.change("entry", entry("item-0", favourite=True, tags=["hero"])),
        laptop.change("entry", entry("gone-from-catalog")),
        laptop.change("collection", collection("c1", ["item-0"])),
        laptop.change("pref", pref("language", "ar")),
    )
    assert [c["usn"] for c in sent] == [1, 2, 3, 4] and laptop.usn == 4
    received = desktop.sync()
    assert received == sent
    first = objects(received)[("entry", "item-0")]
    assert first["payload"]["favourite"] is True and first["payload"]["tags"] == ["hero"]
    assert first["deleted"] is False and first["modified"] == T0
    item = first["item"]
    assert item["id"] == "item-0" and item["sha256"] == catalog.entries[0].sha256
    assert item["title"] == {"en": "Access denied", "ar": "تم رفض الوصول"}
    assert objects(received)[("entry", "gone-from-catalog")]["item"] is None
    assert objects(received)[("collection", "c1")]["item"] is None  # only entries carry one
    # Nothing new: an empty answer at the same usn.
    assert desktop.sync() == [] and desktop.usn == 4


def test_pages_hold_at_most_500_changes_and_say_more(laptop: Device, desktop: Device) -> None:
    names = [f"item-{n}" if n < 20 else f"x-{n}" for n in range(1000)]
    for start in range(0, len(names), 500):
        laptop.sync(*(laptop.change("entry", entry(name)) for name in names[start : start + 500]))
    pages = []
    while True:
        body = desktop.post([]).json()
        pages.append(body)
        desktop.usn = body["new_usn"]
        if not body["more"]:
            break
    assert [len(page["server_changes"]) for page in pages] == [500, 500]
    assert [page["more"] for page in pages] == [True, False]
    assert [page["new_usn"] for page in pages] == [500, 1000]
    usns = [c["usn"] for page in pages for c in page["server_changes"]]
    assert usns == list(range(1, 1001))
    assert [c["object_id"] for page in pages for c in page["server_changes"]] == names
    embedded = [c["item"] is not None for c in pages[0]["server_changes"][:25]]
    assert embedded == [True] * 20 + [False] * 5


def test_a_retried_request_is_applied_once(laptop: Device, desktop: Device) -> None:
    """A device killed after the server committed resends the same ids from the same usn."""
    changes = [
        laptop.change("entry", entry("item-1", note="first")),
        laptop.change("pref", pref("grid_size", 3)),
    ]
    first = laptop.post(changes, since_usn=0)
    again = laptop.post(changes, since_usn=0)
    assert first.status_code == again.status_code == 200
    assert again.json() == first.json()
    assert first.json()["new_usn"] == 2
    # Meanwhile the desktop deletes the entry; the laptop's retry must not bring it back.
    desktop.sync()
    desktop.sync(desktop.change("entry", tombstone("entry", "item-1", T0 + 50), delete=True))
    retried = objects(laptop.post(changes, since_usn=0).json()["server_changes"])
    assert retried[("entry", "item-1")]["deleted"] is True
    assert retried[("pref", "grid_size")]["usn"] == 2  # untouched: nothing applied twice
    # The same id twice in one request counts once too.
    twice = laptop.change("pref", pref("grid_size", 4, T0 + 60))
    answer = laptop.post([twice, twice], since_usn=3).json()
    assert [c["usn"] for c in answer["server_changes"]] == [4] and answer["new_usn"] == 4


def test_changes_to_one_object_in_one_request_apply_in_order(laptop: Device) -> None:
    """A retried change in flight and a newer edit based on it, sent together."""
    laptop.sync(laptop.change("entry", entry("item-8")))
    in_flight = laptop.change("entry", entry("item-8", T0 + 10, favourite=True))
    laptop.known[("entry", "item-8")] = in_flight["payload"]
    newer = laptop.change("entry", entry("item-8", T0 + 20, favourite=True, note="hero"))
    state = laptop.sync(in_flight, newer)[-1]
    assert state["usn"] == 2 and state["payload"]["modified"] == T0 + 20
    assert state["payload"]["favourite"] is True and state["payload"]["note"] == "hero"


def synced_pair(laptop: Device, desktop: Device, kind: str, payload: dict[str, Any]) -> None:
    """Both devices know `payload` as the server's state (the base of their next edits)."""
    laptop.sync(laptop.change(kind, payload))
    desktop.sync()


def test_a_deletion_beats_a_stale_edit_but_not_a_newer_one(laptop: Device, desktop: Device) -> None:
    synced_pair(laptop, desktop, "entry", entry("item-2"))
    leftover = {**tombstone("entry", "item-2", T0 + 20), "note": "kept?"}
    desktop.sync(desktop.change("entry", leftover, delete=True))
    stale = laptop.change("entry", entry("item-2", T0 + 10, favourite=True))
    assert objects(laptop.sync(stale))[("entry", "item-2")]["deleted"] is True
    # Re-added after the deletion: its base is the tombstone the laptop just received.
    assert laptop.state("entry", "item-2") == tombstone("entry", "item-2", T0 + 20)
    readd = laptop.change("entry", entry("item-2", T0 + 30, note="back"))
    state = objects(laptop.sync(readd))[("entry", "item-2")]
    assert state["deleted"] is False and state["payload"]["note"] == "back"
    assert desktop.sync()[-1]["payload"]["note"] == "back"


def test_edits_to_different_fields_on_two_devices_both_survive(
    laptop: Device, desktop: Device
) -> None:
    synced_pair(laptop, desktop, "entry", entry("item-3", tags=["blue", "flat"]))
    laptop.sync(laptop.change("entry", entry("item-3", T0 + 10, favourite=True, tags=["flat"])))
    desktop.sync(
        desktop.change(
            "entry", entry("item-3", T0 + 20, note="for the deck", tags=["blue", "flat", "Wide"])
        )
    )
    laptop.sync()
    for device in (laptop, desktop):
        merged = device.state("entry", "item-3")
        assert merged["favourite"] is True and merged["note"] == "for the deck"
        assert merged["tags"] == ["flat", "Wide"]  # blue removed on one, Wide added on the other


def test_a_note_rewritten_on_both_devices_keeps_both_texts(laptop: Device, desktop: Device) -> None:
    synced_pair(laptop, desktop, "entry", entry("item-4", note="draft"))
    laptop.sync(laptop.change("entry", entry("item-4", T0 + 10, note="laptop text")))
    desktop.sync(desktop.change("entry", entry("item-4", T0 + 20, note="desktop text")))
    note = laptop.sync()[-1]["payload"]["note"]
    assert note.startswith("desktop text\n\n— ") and note.endswith(" —\nlaptop text")


def test_collection_members_merge_and_the_later_order_wins(laptop: Device, desktop: Device) -> None:
    synced_pair(laptop, desktop, "collection", collection("c2", ["a", "b", "c"]))
    laptop.sync(laptop.change("collection", collection("c2", ["c", "b", "a", "l"], T0 + 10)))
    desktop.sync(desktop.change("collection", collection("c2", ["a", "b", "c", "d"], T0 + 20)))
    merged = laptop.sync()[-1]["payload"]
    assert merged["items"] == ["a", "b", "c", "d", "l"]


def test_a_clock_hours_ahead_does_not_win_later_edits(
    auth_server: AuthServer, laptop: Device, desktop: Device
) -> None:
    synced_pair(laptop, desktop, "pref", pref("language", "en"))
    now = int(auth_server.clock() * 1000)
    hours_ahead = now + 5 * 3600 * 1000
    state = laptop.sync(laptop.change("pref", pref("language", "ar", hours_ahead)))[-1]
    assert state["modified"] == state["payload"]["modified"] == now  # capped at the server's now
    auth_server.clock.advance(60)
    desktop.sync(desktop.change("pref", pref("language", "fr", now + 60_000)))
    assert laptop.sync()[-1]["payload"]["value"] == "fr"


def test_unknown_kinds_are_ignored_with_a_warning(
    laptop: Device, desktop: Device, caplog: pytest.LogCaptureFixture
) -> None:
    unknown = {
        "id": "1a:widget",
        "kind": "widget",
        "object_id": "w1",
        "op": "upsert",
        "modified": T0,
        "payload": {"anything": [1, {"goes": True}]},
    }
    with caplog.at_level(logging.WARNING, logger="weshape_desktop.server.sync_store"):
        response = laptop.post([unknown, laptop.change("pref", pref("grid_size", 2))])
    assert response.status_code == 200, response.text
    assert [c["kind"] for c in response.json()["server_changes"]] == ["pref"]
    assert "unknown kind 'widget'" in caplog.text
    assert [c["kind"] for c in desktop.sync()] == ["pref"]


@pytest.mark.parametrize(
    ("index", "change", "message"),
    [
        (1, {"op": "rename"}, "changes[1].op: Input should be 'upsert' or 'delete'"),
        (1, {"payload": entry("item-5", tags="blue")}, "changes[1]: payload.tags: "),
        (1, {"payload": entry("item-5", favourite=1)}, "changes[1]: payload.favourite: "),
        (1, {"payload": entry("item-6")}, "changes[1]: payload.item_id must equal object_id"),
        (1, {"payload": entry("item-5", items=[1])}, "changes[1]: payload.items[0]: "),
        (1, {"base": entry("item-5", note=None)}, "changes[1]: base.note: "),
        (1, {"op": "delete", "base": entry("item-5", tags=None)}, "changes[1]: base.tags: "),
        (1, {"base": {"item_id": "item-5", "note": "x"}}, "changes[1]: base.added_at: "),
        (1, {"base": tombstone("entry", "item-6", T0)}, "changes[1]: base.item_id must "),
        (1, {"op": "delete", "payload": {"modified": T0}}, "changes[1]: payload.item_id must "),
        (1, {"modified": -1}, "changes[1].modified: "),
        (1, {"object_id": ""}, "changes[1].object_id: "),
        (1, {"payload": {"item_id": "item-5", "note": "\ud800"}}, "changes[1].payload: "),
        (0, {"id": None}, "changes[0].id: "),
    ],
)
def test_a_malformed_change_is_refused_naming_its_index(
    laptop: Device, index: int, change: dict[str, Any], message: str
) -> None:
    changes = [laptop.change("entry", entry("item-5")), laptop.change("entry", entry("item-5"))]
    changes[index] = {**changes[index], **change}
    response = laptop.post(changes)
    assert response.status_code == 400, response.text
    assert response.json()["error"] == "bad_request"
    assert response.json()["message"].startswith(message)
    assert laptop.sync() == []  # nothing of the request was applied


def test_other_malformed_bodies_are_400(laptop: Device) -> None:
    too_many = [laptop.change("pref", pref(f"k{n}", n)) for n in range(501)]
    assert laptop.post(too_many).json()["message"].startswith("changes: ")
    headers = {"Authorization": f"Bearer {laptop.token}", "Content-Type": "application/json"}
    bodies = (
        b"{",
        b"[]",
        b'{"device_id": "NOT HEX", "since_usn": 0, "changes": []}',
        b'{"device_id": "ab", "since_usn": true, "changes": []}',  # not 1
    )
    for body in bodies:
        response = requests.post(f"{laptop.url}/v1/sync", data=body, headers=headers, timeout=10)
        assert response.status_code == 400 and response.json()["error"] == "bad_request"


def test_syncing_needs_a_valid_token(laptop: Device) -> None:
    laptop.token = "not-a-token"
    response = laptop.post([laptop.change("pref", pref("language", "ar"))])
    assert response.status_code == 401 and response.json()["error"] == "invalid_token"


def test_an_account_never_reads_or_changes_another_accounts_objects(
    auth_server: AuthServer, laptop: Device
) -> None:
    laptop.sync(laptop.change("entry", entry("item-7", note="mine")))
    other = sign_in_device(auth_server, "1a", email="sam@example.org")  # even the same device id
    assert other.sync() == []
    # The same object and the same change id, from the other account: its own object.
    same = other.change("entry", entry("item-7", T0 + 5, note="theirs"))
    assert same["id"] == "1a:1"  # the laptop's first change had this id too
    assert other.sync(same)[-1]["payload"]["note"] == "theirs"
    deletion = other.change("entry", tombstone("entry", "item-7", T0 + 9), delete=True)
    assert other.sync(deletion)[-1]["deleted"] is True
    mine = laptop.post([], since_usn=0).json()
    assert [(c["usn"], c["payload"]["note"]) for c in mine["server_changes"]] == [(1, "mine")]
    assert mine["new_usn"] == 1


def test_parallel_syncs_of_one_account_neither_repeat_nor_skip_a_usn(
    auth_server: AuthServer, laptop: Device
) -> None:
    threads, rounds = 4, 15
    devices = [sign_in_device(auth_server, f"{n}d") for n in range(threads)]

    def run(device: Device) -> None:
        for r in range(rounds):
            member = f"{device.device_id}-{r}"
            response = device.post(
                [
                    device.change("entry", entry(f"{member}-a")),
                    device.change("entry", entry(f"{member}-b")),
                    # Every device adds a member to one collection: none may be lost.
                    device.change("collection", collection("shared", [member], T0 + r)),
                ],
                since_usn=0,
            )
            assert response.status_code == 200, response.text

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(run, devices))
    final = laptop.sync()
    requests_made = threads * rounds
    assert laptop.usn == 3 * requests_made
    state = objects(final)
    shared = state.pop(("collection", "shared"))
    assert sorted(shared["payload"]["items"]) == sorted(
        f"{n}d-{r}" for n in range(threads) for r in range(rounds)
    )
    # Each request took three consecutive usns (a, b, then the collection), no two the same.
    taken: list[int] = []
    for (_, object_id), change in state.items():
        if object_id.endswith("-a"):
            b = state[("entry", object_id[:-1] + "b")]["usn"]
            assert b == change["usn"] + 1
            taken += [change["usn"], b, b + 1]
    assert sorted(taken) == list(range(1, 3 * requests_made + 1))
    assert shared["usn"] in taken
