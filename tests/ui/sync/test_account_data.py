"""Account → Export my data… and Delete my account…, against the real server and keyring."""

from __future__ import annotations

import json
from pathlib import Path

import requests
from PySide6.QtWidgets import QWidget

from tests.server.conftest import EMAIL, PASSWORD
from tests.ui.sync.conftest import TIMEOUT, SyncServer, sign_in
from weshape_desktop.core.auth import CredentialStore
from weshape_desktop.ui.account import AccountController, AccountData, DeleteAccountDialog


def test_export_saves_the_servers_json(
    qtbot, accounts: AccountController, sync_server: SyncServer, tmp_path: Path
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    data = AccountData(accounts, window)
    messages: list[str] = []
    data.message.connect(messages.append)
    sign_in(qtbot, accounts)

    dialog = data.export()
    assert dialog.isVisible() and dialog.selectedFiles()[0].endswith(".json")
    target = tmp_path / "my data.json"
    dialog.selectFile(str(target))
    dialog.accept()
    qtbot.waitUntil(lambda: bool(messages), timeout=TIMEOUT)
    assert messages == [f"Your data was saved to \u2068{target}\u2069."]
    headers = {"Authorization": f"Bearer {accounts.session.access_token()}"}
    response = requests.get(f"{sync_server.url}/v1/me/export", headers=headers, timeout=10)
    saved, expected = json.loads(target.read_bytes()), response.json()
    del saved["exported_at"], expected["exported_at"]
    assert saved == expected and saved["profile"]["email"] == EMAIL


def open_delete(qtbot, accounts: AccountController) -> tuple[AccountData, DeleteAccountDialog]:
    window = QWidget()
    qtbot.addWidget(window)
    data = AccountData(accounts, window)
    dialog = data.delete()
    assert dialog.isVisible()
    return data, dialog


def test_delete_needs_the_typed_word_and_a_wrong_password_keeps_the_account(
    qtbot, accounts: AccountController, sync_server: SyncServer
) -> None:
    sign_in(qtbot, accounts)
    _data, dialog = open_delete(qtbot, accounts)
    assert not dialog.delete_button.isEnabled()
    qtbot.keyClicks(dialog.password_edit, "not-the-password")
    assert not dialog.delete_button.isEnabled()
    qtbot.keyClicks(dialog.confirm_edit, "delete")  # the word, in any case
    assert dialog.delete_button.isEnabled()

    dialog.delete_button.click()
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=TIMEOUT)
    assert dialog.error_label.text() == (
        "That password is not right. Your account was not deleted; try again."
    )
    assert dialog.isVisible() and dialog.password_edit.text() == ""
    assert accounts.account is not None
    assert sync_server.token()  # the account is still there


def test_delete_with_the_password_signs_out_and_says_what_happened(
    qtbot, accounts: AccountController, sync_server: SyncServer
) -> None:
    sign_in(qtbot, accounts)
    data, dialog = open_delete(qtbot, accounts)
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    qtbot.keyClicks(dialog.confirm_edit, "DELETE")
    dialog.delete_button.click()
    qtbot.waitUntil(lambda: data.done_box is not None, timeout=TIMEOUT)
    assert accounts.account is None and data.delete_dialog is None
    assert "deleted from the server, and you are signed out" in data.done_box.text()
    assert "The library on this computer stays" in data.done_box.text()
    assert CredentialStore().load(sync_server.url) is None
    form = {"grant_type": "password", "username": EMAIL, "password": PASSWORD}
    response = requests.post(f"{sync_server.url}/v1/auth/token", data=form, timeout=10)
    assert response.status_code == 400  # no such account any more
