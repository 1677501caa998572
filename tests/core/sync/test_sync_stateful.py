"""Hypothesis drives three devices of one account through random edits, deletions, re-adds,
tags, notes, collection reorders, offline periods, lost answers and syncs; once all come back
online and sync, they must hold the same library, with no object lost or resurrected.

Which edit of an object is the latest decides whether it exists (docs/sync.md: a deletion beats
an older edit, a newer edit beats a deletion): every edit here gets its own millisecond, so the
order the machine makes them in is the order of their `modified`.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    precondition,
    rule,
    run_state_machine_as_test,
)

from tests.core.sync.conftest import SyncServer, new_account, next_tick, snapshot, sync_all
from weshape_desktop.core.errors import OfflineError
from weshape_desktop.core.library import LibraryQuery

ITEMS = [f"item-{n}" for n in range(6)]
NOTES = ["", "sketch", "final", "ملاحظة"]
TAGS = ["blue", "red", "icons"]

devices_ = st.integers(0, 2)
items = st.sampled_from(ITEMS)


class ThreeDevices(RuleBasedStateMachine):
    def __init__(self, server: SyncServer) -> None:
        super().__init__()
        self.server = server
        email = new_account(server.url)
        self.devices = [server.make_device(name, email) for name in "abc"]
        self.online = [True, True, True]
        # the latest edit of each object: alive (added or edited) or deleted
        self.entries: dict[str, bool] = {}
        self.collections: dict[str, bool] = {}

    def teardown(self) -> None:
        for device in self.devices:
            device.close()

    # -- edits ----------------------------------------------------------------------------------

    def _edited(self, table: dict[str, bool], key: str, alive: bool, changed: object) -> None:
        if changed:
            table[key] = alive
            next_tick()

    def _local(self, device: int, item_id: str) -> bool:
        return self.devices[device].store.entry(item_id) is not None

    @rule(device=devices_, item_id=items)
    def add(self, device: int, item_id: str) -> None:
        new = not self._local(device, item_id)
        self.devices[device].add(item_id)
        self._edited(self.entries, item_id, True, new)

    @rule(device=devices_, item_id=items)
    def remove(self, device: int, item_id: str) -> None:
        local = self._local(device, item_id)
        self.devices[device].store.remove_entries([item_id])
        self._edited(self.entries, item_id, False, local)

    @rule(device=devices_, item_id=items, value=st.booleans())
    def favourite(self, device: int, item_id: str, value: bool) -> None:
        changed = self.devices[device].store.set_favourite([item_id], value)
        self._edited(self.entries, item_id, True, changed)

    @rule(device=devices_, item_id=items, text=st.sampled_from(NOTES))
    def note(self, device: int, item_id: str, text: str) -> None:
        changed = self.devices[device].store.set_note(item_id, text)
        self._edited(self.entries, item_id, True, changed)

    @rule(device=devices_, item_id=items, tag=st.sampled_from(TAGS), add=st.booleans())
    def tag(self, device: int, item_id: str, tag: str, add: bool) -> None:
        store = self.devices[device].store
        changed = store.add_tags([item_id], [tag]) if add else store.remove_tag([item_id], tag)
        self._edited(self.entries, item_id, True, changed)

    def _collection(self, device: int, pick: int) -> str | None:
        found = self.devices[device].store.collections()
        return found[pick % len(found)].id if found else None

    @rule(device=devices_)
    def create_collection(self, device: int) -> None:
        collection_id = self.devices[device].store.create_collection("Deck")
        self._edited(self.collections, collection_id, True, True)

    @rule(device=devices_, pick=st.integers(0, 5), item_id=items)
    def collect(self, device: int, pick: int, item_id: str) -> None:
        collection_id = self._collection(device, pick)
        if collection_id is not None:
            added = self.devices[device].store.add_to_collection(collection_id, [item_id])
            self._edited(self.collections, collection_id, True, added)

    @rule(device=devices_, pick=st.integers(0, 5), seed=st.integers(0, 1000))
    def reorder(self, device: int, pick: int, seed: int) -> None:
        collection_id = self._collection(device, pick)
        if collection_id is None:
            return
        store = self.devices[device].store
        order = store.query_ids(
            LibraryQuery(collection_id=collection_id, sort="position", descending=False)
        )
        random.Random(seed).shuffle(order)
        store.reorder_collection(collection_id, order)
        self._edited(self.collections, collection_id, True, True)

    @rule(device=devices_, pick=st.integers(0, 5))
    def delete_collection(self, device: int, pick: int) -> None:
        collection_id = self._collection(device, pick)
        if collection_id is not None:
            self.devices[device].store.delete_collection(collection_id)
            self._edited(self.collections, collection_id, False, True)

    @rule(device=devices_, size=st.sampled_from([96, 160, 240]))
    def grid_size(self, device: int, size: int) -> None:
        self.devices[device].store.set_pref("grid_size", size, syncable=True)
        next_tick()

    # -- the network ----------------------------------------------------------------------------

    @precondition(lambda self: any(self.online))
    @rule(device=devices_)
    def sync(self, device: int) -> None:
        if self.online[device]:
            self.devices[device].sync()

    @rule(device=devices_)
    def lose_an_answer(self, device: int) -> None:
        if self.online[device]:
            self.server.gate.lose_next_answers(1)
            with pytest.raises(OfflineError):
                self.devices[device].sync()

    @rule(device=devices_)
    def toggle_network(self, device: int) -> None:
        self.online[device] = not self.online[device]

    def check_convergence(self) -> None:
        sync_all(self.devices)
        state = snapshot(self.devices[0].store)
        assert sorted(state["entries"]) == sorted(k for k, alive in self.entries.items() if alive)
        live = sorted(k for k, alive in self.collections.items() if alive)
        assert sorted(state["collections"]) == live


def run(sync_server: SyncServer, examples: int, steps: int) -> None:
    class Machine(ThreeDevices):
        def __init__(self) -> None:
            super().__init__(sync_server)

        def teardown(self) -> None:
            try:
                self.check_convergence()
            finally:
                super().teardown()

    run_state_machine_as_test(
        Machine,
        settings=settings(
            max_examples=examples,
            stateful_step_count=steps,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )


def test_three_devices_converge_without_losing_or_resurrecting(sync_server: SyncServer) -> None:
    run(sync_server, examples=20, steps=30)


@pytest.mark.slow
@pytest.mark.timeout(1800)  # ~5 min on 2 busy cores
def test_three_devices_converge_over_many_more_interleavings(sync_server: SyncServer) -> None:
    run(sync_server, examples=300, steps=60)
