"""Sync in the window against the real reference server (two accounts), a real keyring and real
library databases: the app's account controller signs in, and `other_device` plays a second
computer of the same account through the core engine."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
import shiboken6

from tests.held_requests import HeldRequests
from tests.server.conftest import (
    EMAIL,
    PASSWORD,
    FakeClock,
    build_catalog,
    register_account,
    start_test_server,
)
from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.auth import AuthSession, CredentialStore, SessionOnlyCredentialStore
from weshape_desktop.core.library import LibraryStore, NewFile
from weshape_desktop.core.models import Illustration
from weshape_desktop.ui.account import AccountController
from weshape_desktop.ui.i18n import Translations
from weshape_desktop.ui.sync import SyncController
from weshape_desktop.ui.tasks import TaskRunner

TIMEOUT = 15_000
OTHER_EMAIL = "omar@example.org"


@dataclass
class SyncServer:
    url: str
    held: HeldRequests  # `held.hold("/v1/sync", drop=True).set()` cuts sync off; `lift` ends it
    clock: FakeClock  # the server's: advanced, it ends sessions

    def token(self, email: str = EMAIL) -> str:
        form = {"grant_type": "password", "username": email, "password": PASSWORD}
        response = requests.post(f"{self.url}/v1/auth/token", data=form, timeout=10)
        response.raise_for_status()
        return str(response.json()["access_token"])

    def items(self, count: int) -> list[Illustration]:
        response = requests.get(f"{self.url}/v1/catalog", params={"limit": count}, timeout=10)
        return [Illustration.from_json(item) for item in response.json()["items"]]


@pytest.fixture
def sync_server(tmp_path: Path) -> Iterator[SyncServer]:
    """The reference server with two accounts (EMAIL and OTHER_EMAIL, one password); keyring
    entries of its sign-ins are removed after."""
    held, clock = HeldRequests(), FakeClock(time.time())
    server = start_test_server(
        build_catalog(tmp_path / "catalog"),
        tmp_path / "server-data",
        clock=clock,
        middleware=held.wrap,
    )
    for name, email in (("Lina", EMAIL), ("Omar", OTHER_EMAIL)):
        register_account(server.url, name, email, PASSWORD)
    try:
        yield SyncServer(server.url, held, clock)
    finally:
        held.release_all()
        server.stop()
        with contextlib.suppress(Exception):
            CredentialStore().delete(server.url)
            CredentialStore().set_pending_revocations(server.url, [])


@pytest.fixture
def accounts(
    qtbot, tasks: TaskRunner, sync_server: SyncServer, api_for: Callable[[str], ApiClient]
) -> AccountController:
    """The app's account controller on the server, signed out, its keyring probed."""
    controller = AccountController(tasks)
    controller.set_api(api_for(sync_server.url))
    qtbot.waitUntil(lambda: controller.session is not None, timeout=TIMEOUT)
    return controller


def sign_in(qtbot, accounts: AccountController, email: str = EMAIL) -> None:
    errors: list[BaseException] = []
    accounts.sign_in(email, PASSWORD, lambda _account: None, errors.append)
    qtbot.waitUntil(lambda: accounts.account is not None or bool(errors), timeout=TIMEOUT)
    assert not errors, [getattr(e, "detail", "") for e in errors]
    assert accounts.account is not None and accounts.account.email == email


@pytest.fixture
def library(tmp_path: Path) -> Iterator[tuple[LibraryStore, Path]]:
    """This computer's library database and folder."""
    store = LibraryStore(tmp_path / "this" / "library.db")
    yield store, tmp_path / "this" / "files"
    store.close()


def add_files(store: LibraryStore, library_dir: Path, items: list[Illustration]) -> list[str]:
    """Record `items` as downloaded (a small file each); their paths in the folder."""
    library_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for item in items:
        rel = f"{item.id}.svg"
        (library_dir / rel).write_text("<svg/>", encoding="utf-8")
        store.add_entries([NewFile(item, rel, item.sha256, "svg", 6)])
        paths.append(rel)
    return paths


@pytest.fixture
def make_sync(
    qtbot, tasks: TaskRunner, library: tuple[LibraryStore, Path], translations: Translations
) -> Iterator[Callable[..., SyncController]]:
    """`make_sync(accounts, **timers)`: a SyncController on `library`, stopped after the test
    (in English, with its plural forms)."""
    made: list[SyncController] = []

    def make(accounts: AccountController, **timers: int) -> SyncController:
        sync = SyncController(tasks, accounts, **timers)
        sync.set_library(*library)
        made.append(sync)
        return sync

    yield make
    for sync in made:
        sync.shutdown()
    tasks.wait_idle()
    for sync in made:
        # Now, not in a garbage collection during a later test: the controller's `destroyed`
        # cancels its tasks, which must not be half collected themselves by then.
        shiboken6.delete(sync)


@dataclass
class OtherDevice:
    """A second computer of an account: its own library, synced by the core engine directly."""

    store: LibraryStore
    library_dir: Path
    api: ApiClient

    def sync(self) -> None:
        from weshape_desktop.core.sync import SyncEngine

        SyncEngine(self.store, self.api).sync()


@pytest.fixture
def other_device(tmp_path: Path, sync_server: SyncServer) -> Iterator[OtherDevice]:
    """Signed in as EMAIL (for this session only: the keyring entry is this computer's)."""
    api = ApiClient(sync_server.url, retries=0)
    AuthSession(api, SessionOnlyCredentialStore()).sign_in_password(EMAIL, PASSWORD)
    store = LibraryStore(tmp_path / "other" / "library.db")
    device = OtherDevice(store, tmp_path / "other" / "files", api)
    device.store.bind_sync_account(device_account_id(api))
    yield device
    store.close()
    api.close()


def device_account_id(api: ApiClient) -> str:
    response = api.request("GET", "/v1/me", authorized=True)
    with response:
        return str(response.json()["id"])
