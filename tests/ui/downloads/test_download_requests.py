"""Downloading while signed out asks the user to sign in first (DESIGN §7, issue 5)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from tests.server.conftest import build_catalog, start_test_server
from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.models import Illustration
from weshape_desktop.ui.account import AccountController, SignInDialog
from weshape_desktop.ui.catalog.download_buttons import DownloadButtons
from weshape_desktop.ui.downloads import DownloadRequests
from weshape_desktop.ui.tasks import TaskRunner

PASSWORD = "lantern-orchard-57-quietly"


@pytest.fixture
def accounts(qtbot, tasks: TaskRunner, tmp_path: Path) -> Iterator[AccountController]:
    """A controller on a real server (download gate on), tokens kept for this session only."""
    server = start_test_server(build_catalog(tmp_path / "catalog"))
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    api = ApiClient(server.url, retries=0)
    controller = AccountController(tasks)
    try:
        controller.set_api(api)
        qtbot.waitUntil(lambda: controller.session is not None, timeout=10_000)
        controller.session.register("Lina", "lina@example.org", PASSWORD, 1, "en")  # type: ignore[union-attr]
        controller.sign_out()
        qtbot.waitUntil(lambda: controller.account is None and tasks.pending() == 0)
        yield controller
    finally:
        tasks.wait_idle()
        keyring.set_keyring(previous)
        api.close()
        server.stop()


ITEM = Illustration(
    id="item-1",
    title={"en": "One", "ar": "واحد"},
    tags={"en": (), "ar": ()},
    category="errors",
    style="light",
    accent="#e5325d",
    sha256="0" * 64,
    bytes=10,
    width=10,
    height=10,
    license="MIT",
    updated_at="2026-01-01T00:00:00Z",
)


def test_signed_out_download_waits_for_sign_in_then_starts(qtbot, accounts) -> None:
    queued: list[tuple[str, str, int | None]] = []
    dialogs: list[SignInDialog] = []

    def ask() -> SignInDialog:
        dialogs.append(SignInDialog(accounts, "en"))
        qtbot.addWidget(dialogs[-1])
        dialogs[-1].show()
        return dialogs[-1]

    requests = DownloadRequests(accounts, ask, lambda i, f, s: queued.append((i.id, f, s)))
    requests.request(ITEM, "svg")
    requests.request(ITEM, "png", 512)  # while the dialog is open: the same dialog, raised
    assert len(dialogs) == 1 and requests.waiting() == 2 and not queued
    (dialog,) = dialogs
    assert dialog.session_only.isChecked(), "no keyring here: this session only"
    qtbot.keyClicks(dialog.email, "lina@example.org")
    qtbot.keyClicks(dialog.password, PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert queued == [("item-1", "svg", None), ("item-1", "png", 512)]
    assert not dialog.isVisible() and dialog.password.text() == ""
    requests.request(ITEM, "svg")  # signed in: straight to the queue
    assert len(dialogs) == 1 and queued[-1] == ("item-1", "svg", None)


def test_closing_the_sign_in_dialog_drops_the_request(qtbot, accounts) -> None:
    queued: list[str] = []
    dialog = SignInDialog(accounts, "en")
    qtbot.addWidget(dialog)
    dialog.show()
    requests = DownloadRequests(accounts, lambda: dialog, lambda i, f, s: queued.append(i.id))
    requests.request(ITEM, "svg")
    with qtbot.waitSignal(dialog.finished) as closed:
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert closed.args == [QDialog.DialogCode.Rejected.value]
    assert requests.waiting() == 0
    with qtbot.waitSignal(accounts.changed, timeout=10_000):
        accounts.sign_in("lina@example.org", PASSWORD, lambda _: None, pytest.fail)
    assert queued == []


def test_download_buttons_emit_format_and_size(qtbot) -> None:
    buttons = DownloadButtons()
    qtbot.addWidget(buttons)
    assert not buttons.svg_button.isEnabled()
    buttons.show_item(ITEM)
    with qtbot.waitSignal(buttons.download_requested) as blocker:
        buttons.svg_button.click()
    assert blocker.args[1:] == ["svg", 0]
    with qtbot.waitSignal(buttons.download_requested) as blocker:
        buttons.size_menu.actions()[1].trigger()  # 512 px
    assert blocker.args[1:] == ["png", 512] and "512" in buttons.png_button.text()
