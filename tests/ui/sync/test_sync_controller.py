"""When the app syncs and what the status bar says, against the real server and engine: after
sign-in, on demand, debounced after edits, offline with backoff then back, a failure with its
reason; entries from another computer arrive, entries it removed leave."""

from __future__ import annotations

from pathlib import Path

from tests.ui.sync.conftest import TIMEOUT, OtherDevice, SyncServer, add_files, sign_in
from weshape_desktop.core.library import LibraryStore
from weshape_desktop.ui.account import AccountController
from weshape_desktop.ui.sync import Question, SyncController, SyncState, SyncStatusWidget


def idle_after(qtbot, sync: SyncController, syncs: int) -> None:
    qtbot.waitUntil(lambda: sync.syncs >= syncs and sync.state is SyncState.IDLE, timeout=TIMEOUT)


def test_signing_in_with_an_empty_library_syncs_without_asking(
    qtbot, accounts: AccountController, make_sync
) -> None:
    sync = make_sync(accounts)
    status = SyncStatusWidget(sync)
    qtbot.addWidget(status)
    assert sync.state is SyncState.OFF and status.isHidden()
    asked: list[object] = []
    sync.question.connect(lambda *args: asked.append(args))
    sign_in(qtbot, accounts)
    idle_after(qtbot, sync, 1)
    assert not asked
    assert sync.status is not None and sync.status.last_sync_ms is not None
    assert sync.status.account_id == accounts.account.id
    assert not status.isHidden() and status.label.text() == "Synced just now"
    assert status.retry_button.isHidden()


def test_on_demand_and_after_edits_debounced(
    qtbot, accounts: AccountController, make_sync, library: tuple[LibraryStore, Path],
    sync_server: SyncServer, other_device: OtherDevice,
) -> None:  # fmt: skip
    store, _folder = library
    sync = make_sync(accounts, debounce_ms=300)
    status = SyncStatusWidget(sync)
    qtbot.addWidget(status)
    sign_in(qtbot, accounts)
    idle_after(qtbot, sync, 1)

    (item,) = sync_server.items(1)
    add_files(other_device.store, other_device.library_dir, [item])
    other_device.sync()
    sync.sync_now()
    idle_after(qtbot, sync, 2)
    assert store.entry(item.id) is not None  # pulled on demand

    # Three edits in a row: pending at once, then one sync once they pause.
    for value in (True, False, True):
        store.set_favourite([item.id], value)
        sync.library_edited()
    qtbot.waitUntil(lambda: status.label.text() == "1 change pending", timeout=TIMEOUT)
    idle_after(qtbot, sync, 3)
    qtbot.waitUntil(lambda: sync.status is not None and sync.status.pending == 0)
    assert sync.syncs == 3 and not sync._debounce.isActive()
    other_device.sync()
    assert other_device.store.entry(item.id).favourite


def test_offline_backs_off_then_retries_when_the_network_is_back(
    qtbot, accounts: AccountController, make_sync, library: tuple[LibraryStore, Path],
    sync_server: SyncServer,
) -> None:  # fmt: skip
    store, folder = library
    sync = make_sync(accounts, backoff_first_ms=100, backoff_max_ms=400)
    status = SyncStatusWidget(sync)
    qtbot.addWidget(status)
    sign_in(qtbot, accounts)
    idle_after(qtbot, sync, 1)

    sync_server.held.hold("/v1/sync", drop=True).set()  # every sync loses its connection
    (item,) = sync_server.items(1)
    add_files(store, folder, [item])
    sync.library_edited()
    sync.sync_now()
    qtbot.waitUntil(lambda: sync.state is SyncState.OFFLINE, timeout=TIMEOUT)
    assert status.label.text() == "Offline — will retry"
    assert not status.retry_button.isHidden()
    tries = sync.syncs
    qtbot.waitUntil(lambda: sync.syncs >= tries + 2, timeout=TIMEOUT)  # retried by itself
    assert sync.state in (SyncState.OFFLINE, SyncState.SYNCING)
    qtbot.waitUntil(lambda: "1 change will sync" in status.label.toolTip(), timeout=TIMEOUT)

    qtbot.waitUntil(
        lambda: sync.state is SyncState.OFFLINE and not sync._debounce.isActive(),
        timeout=TIMEOUT,
    )
    sync._retry.stop()  # from here on only the network coming back retries
    sync_server.held.lift("/v1/sync")
    assert sync.state is SyncState.OFFLINE
    sync.network_back()
    qtbot.waitUntil(lambda: sync.state is SyncState.IDLE, timeout=TIMEOUT)
    assert sync.status is not None and sync.status.pending == 0
    assert status.label.text() == "Synced just now"


def test_a_failure_says_why_and_retry_syncs_again(
    qtbot, accounts: AccountController, make_sync, sync_server: SyncServer
) -> None:
    sync = make_sync(accounts)
    status = SyncStatusWidget(sync)
    qtbot.addWidget(status)
    sign_in(qtbot, accounts)
    idle_after(qtbot, sync, 1)

    sync_server.clock.advance(90 * 24 * 3600)  # the session's tokens, refresh token too, expire
    tries = sync.syncs
    sync.sync_now()
    qtbot.waitUntil(lambda: sync.syncs > tries and sync.state is SyncState.FAILED, timeout=TIMEOUT)
    assert status.label.text().startswith("Sync failed: ")
    assert "sign in" in sync.error.lower()
    assert not status.retry_button.isHidden()
    sign_in(qtbot, accounts)
    status.retry_button.click()
    idle_after(qtbot, sync, tries + 2)


def test_entries_from_another_computer_arrive_and_removed_ones_leave(
    qtbot, accounts: AccountController, make_sync, library: tuple[LibraryStore, Path],
    sync_server: SyncServer, other_device: OtherDevice,
) -> None:  # fmt: skip
    store, folder = library
    sync = make_sync(accounts)
    arrived: list[list[object]] = []
    changed: list[bool] = []
    sync.arrived.connect(arrived.append)
    sync.library_changed.connect(lambda: changed.append(True))
    sign_in(qtbot, accounts)
    idle_after(qtbot, sync, 1)

    first, second = sync_server.items(2)
    add_files(other_device.store, other_device.library_dir, [first, second])
    other_device.sync()
    sync.sync_now()
    idle_after(qtbot, sync, 2)
    assert sorted(i.id for i in arrived[-1]) == sorted([first.id, second.id])
    assert changed

    # This computer downloads them (as the window's queue would), then the other removes one.
    paths = add_files(store, folder, [first, second])
    other_device.store.remove_entries([first.id])
    other_device.sync()
    sync.sync_now()
    idle_after(qtbot, sync, 3)
    assert store.entry(first.id) is None and not (folder / paths[0]).exists()
    assert (folder / paths[1]).exists()


def test_first_sign_in_asks_how_many_join_and_merges_on_ok(
    qtbot, accounts: AccountController, make_sync, library: tuple[LibraryStore, Path],
    sync_server: SyncServer, other_device: OtherDevice,
) -> None:  # fmt: skip
    store, folder = library
    items = sync_server.items(3)
    add_files(store, folder, items)
    sync = make_sync(accounts)
    asked: list[tuple[Question, int]] = []
    sync.question.connect(lambda q, n: asked.append((q, n)))
    sign_in(qtbot, accounts)
    qtbot.waitUntil(lambda: bool(asked), timeout=TIMEOUT)
    assert asked == [(Question.FIRST_SIGN_IN, 3)] and sync.syncs == 0
    sync.answer(True)
    idle_after(qtbot, sync, 1)
    other_device.sync()
    assert {e.item.id for e in other_device.store.entries([i.id for i in items])} == {
        i.id for i in items
    }


def test_cancel_keeps_the_library_apart_until_sync_now(
    qtbot, accounts: AccountController, make_sync, library: tuple[LibraryStore, Path],
    sync_server: SyncServer,
) -> None:  # fmt: skip
    store, folder = library
    add_files(store, folder, sync_server.items(2))
    sync = make_sync(accounts, interval_ms=50, debounce_ms=50)
    status = SyncStatusWidget(sync)
    qtbot.addWidget(status)
    asked: list[tuple[Question, int]] = []
    sync.question.connect(lambda q, n: asked.append((q, n)))
    sign_in(qtbot, accounts)
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=TIMEOUT)
    sync.answer(False)
    qtbot.waitUntil(lambda: sync.state is SyncState.APART, timeout=TIMEOUT)
    assert accounts.account is not None  # still signed in
    assert status.label.text() == "This library is not synced"
    assert "Account → Sync now" in status.label.toolTip()
    sync.library_edited()
    assert not sync._interval.isActive() and not sync._debounce.isActive()
    assert sync.syncs == 0

    sync.sync_now()  # asks again
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=TIMEOUT)
    assert asked[1] == (Question.FIRST_SIGN_IN, 2)


def test_another_account_is_asked_and_keeping_apart_is_remembered(
    qtbot, accounts: AccountController, make_sync, library: tuple[LibraryStore, Path],
    sync_server: SyncServer,
) -> None:  # fmt: skip
    from tests.ui.sync.conftest import OTHER_EMAIL

    store, folder = library
    add_files(store, folder, sync_server.items(2))
    sync = make_sync(accounts)
    asked: list[tuple[Question, int]] = []
    sync.question.connect(lambda q, n: asked.append((q, n)))
    sign_in(qtbot, accounts)
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=TIMEOUT)
    sync.answer(True)
    idle_after(qtbot, sync, 1)

    accounts.sign_out()
    qtbot.waitUntil(lambda: accounts.account is None and sync.state is SyncState.OFF)
    sign_in(qtbot, accounts, OTHER_EMAIL)
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=TIMEOUT)
    assert asked[1][0] is Question.OTHER_ACCOUNT
    sync.answer(False)
    qtbot.waitUntil(lambda: sync.state is SyncState.APART, timeout=TIMEOUT)

    # The next start (a new controller on the same library) remembers, without asking.
    again = make_sync(accounts)
    again.question.connect(lambda q, n: asked.append((q, n)))
    qtbot.waitUntil(lambda: again.state is SyncState.APART, timeout=TIMEOUT)
    assert len(asked) == 2 and again.syncs == 0


def test_a_big_first_sync_shows_its_progress(
    qtbot, accounts: AccountController, make_sync, sync_server: SyncServer,
    other_device: OtherDevice,
) -> None:  # fmt: skip
    from tests.ui.library.support import synthetic_item
    from weshape_desktop.core.library import NewFile

    other_device.store.add_entries(
        NewFile(synthetic_item(i), f"{i}.png", f"{i:064x}", "png", 1000, 256) for i in range(1200)
    )
    other_device.sync()
    sync = make_sync(accounts)
    status = SyncStatusWidget(sync)
    qtbot.addWidget(status)
    texts: list[str] = []
    sync.changed.connect(lambda: texts.append(status.label.text()))
    sign_in(qtbot, accounts)
    idle_after(qtbot, sync, 1)
    percents = [int(t.split()[1]) for t in texts if t.startswith("Syncing… ") and t.endswith(" %")]
    assert percents and min(percents) < 100 and all(0 < p <= 100 for p in percents), texts
    assert texts[-1] == "Synced just now"
