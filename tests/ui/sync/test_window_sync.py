"""Sync in the whole window: Ctrl+Shift+S syncs, entries added on another computer are queued
for download here and land in the library, and the status bar says so."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.server.conftest import EMAIL, PASSWORD
from tests.ui.sync.conftest import OtherDevice, SyncServer, add_files
from weshape_desktop.ui.sync import SyncState

TIMEOUT = 20_000


def test_shortcut_syncs_and_arrivals_are_downloaded(
    qtbot, qtlog, make_window, sync_server: SyncServer, other_device: OtherDevice
) -> None:
    window = make_window()
    window.connect_server(sync_server.url)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(
        lambda: (
            QApplication.activeWindow() is window
            and window.downloads.is_running()
            and window.accounts.session is not None
        ),
        timeout=TIMEOUT,
    )
    assert window.sync_status.isHidden()  # signed out: nothing to show
    window.accounts.sign_in(EMAIL, PASSWORD, lambda _a: None, lambda exc: None)
    qtbot.waitUntil(lambda: window.sync.syncs == 1, timeout=TIMEOUT)
    assert window.sync.state is SyncState.IDLE
    assert window.sync_status.isVisible()
    assert window.sync_status.label.text() == "Synced just now"

    items = sync_server.items(2)
    add_files(other_device.store, other_device.library_dir, items)
    other_device.sync()
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    qtbot.waitUntil(lambda: window.sync.syncs == 2, timeout=TIMEOUT)
    qtbot.waitUntil(
        lambda: sorted(s.state for s in window.downloads.states()) == ["done", "done"],
        timeout=TIMEOUT,
    )
    assert {s.item.id for s in window.downloads.states()} == {item.id for item in items}
    entries = window.library.store.entries([item.id for item in items])
    assert all((window.library_dir / entry.path).is_file() for entry in entries if entry.path)
    assert all(entry.path for entry in entries)
    qtbot.waitUntil(lambda: window.library_tab.view.model.rowCount() == 2, timeout=TIMEOUT)
    assert not [r.message for r in qtlog.records if "Ambiguous shortcut" in r.message]
