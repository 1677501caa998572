"""The questions before a library joins an account, and the one before signing out, clicked as a
person would."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from tests.ui.sync.conftest import TIMEOUT, SyncServer, add_files, sign_in
from weshape_desktop.core.library import LibraryStore
from weshape_desktop.ui.account import AccountController, AccountMenu
from weshape_desktop.ui.sync import SyncPrompts, SyncState
from weshape_desktop.ui.tasks import TaskRunner


def open_prompt(qtbot, prompts: SyncPrompts) -> QMessageBox:
    qtbot.waitUntil(lambda: prompts.box is not None and prompts.box.isVisible(), timeout=TIMEOUT)
    assert prompts.box is not None
    return prompts.box


def test_first_sign_in_tells_how_many_join_and_ok_merges(
    qtbot, accounts: AccountController, make_sync, library: tuple[LibraryStore, Path],
    sync_server: SyncServer,
) -> None:  # fmt: skip
    store, folder = library
    add_files(store, folder, sync_server.items(3))
    window = QWidget()
    qtbot.addWidget(window)
    sync = make_sync(accounts)
    prompts = SyncPrompts(sync, window)
    sign_in(qtbot, accounts)
    box = open_prompt(qtbot, prompts)
    assert "3 illustrations in the library on this computer will join your account" in box.text()
    assert "you stay signed in and this library is not synced" in box.informativeText()
    box.button(QMessageBox.StandardButton.Cancel)  # offered
    prompts.merge_button.click()
    qtbot.waitUntil(lambda: sync.syncs == 1 and sync.state is SyncState.IDLE, timeout=TIMEOUT)
    assert store.sync_status().account_id == accounts.account.id


def test_first_sign_in_cancel_stays_signed_in_without_syncing(
    qtbot, accounts: AccountController, make_sync, library: tuple[LibraryStore, Path],
    sync_server: SyncServer,
) -> None:  # fmt: skip
    store, folder = library
    add_files(store, folder, sync_server.items(1))
    window = QWidget()
    qtbot.addWidget(window)
    sync = make_sync(accounts)
    prompts = SyncPrompts(sync, window)
    sign_in(qtbot, accounts)
    box = open_prompt(qtbot, prompts)
    assert "1 illustration in the library" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: sync.state is SyncState.APART, timeout=TIMEOUT)
    assert accounts.account is not None and sync.syncs == 0
    assert store.sync_status().account_id is None


def test_another_account_offers_merge_or_keep_apart(
    qtbot, accounts: AccountController, make_sync, library: tuple[LibraryStore, Path],
    sync_server: SyncServer,
) -> None:  # fmt: skip
    from tests.ui.sync.conftest import OTHER_EMAIL

    store, folder = library
    add_files(store, folder, sync_server.items(2))
    window = QWidget()
    qtbot.addWidget(window)
    sync = make_sync(accounts)
    prompts = SyncPrompts(sync, window)
    sign_in(qtbot, accounts)
    open_prompt(qtbot, prompts)
    prompts.merge_button.click()
    qtbot.waitUntil(lambda: sync.syncs == 1, timeout=TIMEOUT)
    first_account = accounts.account.id

    accounts.sign_out()
    qtbot.waitUntil(lambda: accounts.account is None)
    sign_in(qtbot, accounts, OTHER_EMAIL)
    box = open_prompt(qtbot, prompts)
    assert "synced with another weShape account" in box.text()
    assert OTHER_EMAIL in box.text()
    assert "Keep apart: this library is not synced" in box.informativeText()
    keep = next(b for b in box.buttons() if b.text() == "Keep apart")
    keep.click()
    qtbot.waitUntil(lambda: sync.state is SyncState.APART, timeout=TIMEOUT)
    assert store.sync_status().account_id == first_account and sync.syncs == 1


def test_sign_out_says_the_library_stays_and_cancel_keeps_signed_in(
    qtbot, accounts: AccountController, make_sync, tasks: TaskRunner
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    menu = AccountMenu(accounts, window)
    sync = make_sync(accounts)
    sign_in(qtbot, accounts)
    qtbot.waitUntil(lambda: sync.state is SyncState.IDLE, timeout=TIMEOUT)
    assert menu.sync_action.isEnabled() and menu.sync_action.shortcut().toString() == "Ctrl+Shift+S"

    menu.sign_out_action.trigger()
    box = menu.sign_out_box
    assert box is not None and box.isVisible()
    assert "Your library stays on this computer. Syncing stops" in box.informativeText()
    box.button(QMessageBox.StandardButton.Cancel).click()
    tasks.wait_idle()  # a sign-out would have been started by now
    assert accounts.account is not None

    menu.sign_out_action.trigger()
    next(b for b in menu.sign_out_box.buttons() if b.text() == "Sign out").click()
    qtbot.waitUntil(lambda: sync.state is SyncState.OFF, timeout=TIMEOUT)
    assert accounts.account is None
    assert not menu.sync_action.isEnabled() and not menu.delete_action.isEnabled()
