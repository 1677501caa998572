"""Devices that sync through the real reference server: each its own library file, API client and
signed-in session (real keyring), one account on one server, and a gate in front of
`POST /v1/sync` that can hold or lose the server's answer after the server committed it."""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.held_requests import drop_connection
from tests.server.conftest import PASSWORD, build_catalog, register_account, start_test_server
from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.auth import AuthSession, CredentialStore
from weshape_desktop.core.library import LibraryStore
from weshape_desktop.core.library.types import now_ms
from weshape_desktop.core.models import Illustration
from weshape_desktop.core.sync import SyncEngine, SyncReport

# What a fault makes of the server's answer (status, body): another answer, with extra headers,
# or None to lose it (the connection drops).
Answer = tuple[int, bytes, list[tuple[bytes, bytes]]]
Tamper = Callable[[int, bytes], Answer | None]


class SyncGate:
    """ASGI middleware before the server's `/v1/sync`: the answer goes out as the server made
    it, or waits for a release, or a fault changes or loses it — after the server handled the
    request (and committed), or instead of it."""

    def __init__(self) -> None:
        self.app: Any = None
        self.requests = 0
        self._lock = threading.Lock()
        self._held: list[tuple[threading.Event, threading.Event]] = []
        self._faults: list[tuple[bool, Tamper]] = []

    def wrap(self, app: Any) -> SyncGate:
        self.app = app
        return self

    def hold_next_answer(self) -> tuple[threading.Event, threading.Event]:
        """(answered, release): `answered` is set once the server has committed the next
        request; its answer leaves when `release` is set."""
        gate = (threading.Event(), threading.Event())
        with self._lock:
            self._held.append(gate)
        return gate

    def tamper_next(self, tamper: Tamper, *, reach_server: bool = True) -> None:
        """The next answer goes through `tamper`; without `reach_server` the server never sees
        the request (`tamper` gets status 0 and an empty body)."""
        with self._lock:
            self._faults.append((reach_server, tamper))

    def lose_next_answers(self, count: int = 1) -> None:
        for _ in range(count):
            self.tamper_next(lambda status, body: None)

    def rewrite_next_answer(self, rewrite: Callable[[bytes], bytes]) -> None:
        self.tamper_next(lambda status, body: (status, rewrite(body), []))

    def release_all(self) -> None:
        with self._lock:
            for _, release in self._held:
                release.set()

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["path"] != "/v1/sync":
            await self.app(scope, receive, send)
            return
        with self._lock:
            self.requests += 1
            held = self._held.pop(0) if self._held else None
            reach_server, tamper = self._faults.pop(0) if self._faults else (True, None)
        answer: list[Any] = []

        async def keep(message: Any) -> None:
            answer.append(message)

        if reach_server:
            await self.app(scope, receive, keep)
        if held is not None:
            held[0].set()
            await asyncio.to_thread(held[1].wait)
        if tamper is not None:
            status = answer[0]["status"] if answer else 0
            changed = tamper(status, b"".join(m.get("body", b"") for m in answer[1:]))
            if changed is None:
                await drop_connection(send)
                return
            status, body, headers = changed
            headers = [*headers, (b"content-length", str(len(body)).encode())]
            start = {"type": "http.response.start", "status": status, "headers": headers}
            answer = [start, {"type": "http.response.body", "body": body}]
        for message in answer:
            await send(message)


@dataclass
class Device:
    """One installation of the app, signed in to the account."""

    name: str
    email: str
    store: LibraryStore
    api: ApiClient
    items: dict[str, Illustration] = field(default_factory=dict)

    def sync(self, **options: Any) -> SyncReport:
        return SyncEngine(self.store, self.api).sync(**options)

    def item(self, item_id: str) -> Illustration:
        if item_id not in self.items:
            self.items[item_id] = self.api.illustration(item_id)
        return self.items[item_id]

    def add(self, *item_ids: str) -> None:
        for item_id in item_ids:
            item = self.item(item_id)
            self.store.add_entry(item, f"{self.name}/{item_id}.svg", item.sha256, "svg", item.bytes)

    def close(self) -> None:
        self.store.close()
        self.api.close()


@dataclass
class SyncServer:
    url: str
    gate: SyncGate
    make_device: Callable[..., Device]


_emails = itertools.count()


def new_account(url: str) -> str:
    """A fresh account's email (so every hypothesis example starts from an empty account)."""
    email = f"device-owner-{next(_emails)}@example.org"
    register_account(url, "Lina", email, PASSWORD)
    return email


@pytest.fixture
def sync_server(tmp_path: Path) -> Iterator[SyncServer]:
    """The reference server; `make_device(name, email)` opens a library in a fresh folder and
    signs it in to that account."""
    folder = tmp_path / "sync"
    gate = SyncGate()
    server = start_test_server(
        build_catalog(folder / "catalog"),
        middleware=gate.wrap,
        registrations_per_ip=1_000_000,  # a new account per hypothesis example
    )
    devices: list[Device] = []
    homes = itertools.count()

    def make_device(name: str, email: str) -> Device:
        api = ApiClient(server.url, timeout=10.0, retries=0)
        account = AuthSession(api, CredentialStore()).sign_in_password(email, PASSWORD)
        store = LibraryStore(folder / f"home-{next(homes)}" / "library.db")
        store.bind_sync_account(account.id)
        devices.append(Device(name, email, store, api))
        return devices[-1]

    try:
        yield SyncServer(server.url, gate, make_device)
    finally:
        gate.release_all()
        for device in devices:
            device.close()
        CredentialStore().delete(server.url)
        server.stop()


@pytest.fixture
def devices(sync_server: SyncServer) -> Callable[[int], list[Device]]:
    """`devices(n)`: n devices of one new account, named a, b, c…"""

    def make(count: int) -> list[Device]:
        email = new_account(sync_server.url)
        return [sync_server.make_device(chr(ord("a") + n), email) for n in range(count)]

    return make


def snapshot(store: LibraryStore) -> dict[str, Any]:
    """Everything that syncs, as comparable values: entries with their favourite, note and
    tags; live collections with their members in order; syncable preferences."""
    conn = store._conn
    tags: dict[str, list[str]] = {}
    for item_id, name in conn.execute(
        "SELECT it.item_id, t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id"
    ):
        tags.setdefault(item_id, []).append(name.casefold())
    members: dict[str, list[str]] = {}
    for collection_id, item_id in conn.execute(
        "SELECT collection_id, item_id FROM collection_items ORDER BY collection_id, position"
    ):
        members.setdefault(collection_id, []).append(item_id)
    return {
        "entries": {
            item_id: (added_at, bool(favourite), note, sorted(tags.get(item_id, [])))
            for item_id, added_at, favourite, note in conn.execute(
                "SELECT item_id, added_at, favourite, note FROM library"
            )
        },
        "collections": {
            cid: (name, position, members.get(cid, []))
            for cid, name, position in conn.execute(
                "SELECT id, name, position FROM collections WHERE deleted = 0"
            )
        },
        "prefs": {
            key: json.loads(value)
            for key, value in conn.execute("SELECT key, value FROM prefs WHERE syncable = 1")
        },
    }


def sync_all(devices: list[Device]) -> None:
    """Sync every device in turn until all hold the same state and nothing is pending."""
    for _ in range(4):
        for device in devices:
            device.sync()
        states = [snapshot(d.store) for d in devices]
        if all(s == states[0] for s in states) and not any(
            d.store.pending_changes() for d in devices
        ):
            return
    raise AssertionError("devices did not converge")


def next_tick() -> None:
    """Wait for the clock's next millisecond, so two edits never share a `modified` (which
    one wins a tie depends on arrival order, which the tests don't predict)."""
    start = now_ms()
    while now_ms() == start:
        pass
