"""The sign-in dialog driven like a person would: typing and clicking, against the real reference
server (download gate on) and a real Secret Service (run under dbus-run-session with an unlocked
gnome-keyring, RECIPES "Keyring"). Each test's server has its own port, so its keyring entries are
its own; they are deleted afterwards."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialog, QStyle, QStyleOptionButton

from tests.server.conftest import build_catalog, start_test_server
from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.auth import CredentialStore
from weshape_desktop.ui.account import AccountController
from weshape_desktop.ui.account.signin_dialog import POLICY_VERSION, SignInDialog
from weshape_desktop.ui.i18n import Translations
from weshape_desktop.ui.tasks import TaskRunner

TIMEOUT = 15_000
NAME, EMAIL, PASSWORD = "Lina Haddad", "lina@example.org", "lantern-orchard-57-quietly"


@pytest.fixture
def keyring_store() -> CredentialStore:
    store = CredentialStore()
    assert type(store.backend).__module__ == "keyring.backends.SecretService", (
        "run under dbus-run-session with gnome-keyring unlocked (make test does)"
    )
    return store


@pytest.fixture
def server_url(tmp_path: Path, keyring_store: CredentialStore) -> Iterator[str]:
    """A reference server with the download gate on (the default) and cheap password hashing."""
    server = start_test_server(build_catalog(tmp_path / "catalog"), tmp_path / "server-data")
    try:
        yield server.url
    finally:
        server.stop()
        with contextlib.suppress(Exception):  # whatever a failed test left behind
            keyring_store.delete(server.url)
            keyring_store.set_pending_revocations(server.url, [])


@pytest.fixture
def connect(
    qtbot, tasks: TaskRunner, api_for: Callable[[str], ApiClient]
) -> Iterator[Callable[[str], AccountController]]:
    """`connect(url)`: the app's account controller on `url` (a start of the app), once it
    has probed the keyring and restored any saved sign-in."""

    def build(url: str) -> AccountController:
        controller = AccountController(tasks)
        controller.set_api(api_for(url))
        qtbot.waitUntil(lambda: controller.session is not None, timeout=TIMEOUT)
        return controller

    yield build
    tasks.wait_idle()


def open_dialog(qtbot, accounts: AccountController, lang: str = "en") -> SignInDialog:
    dialog = SignInDialog(accounts, lang)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def sign_in_by_typing(qtbot, dialog: SignInDialog, email: str, password: str) -> None:
    qtbot.keyClicks(dialog.email, email)
    qtbot.keyClicks(dialog.password, password)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)


def tick(qtbot, box: QCheckBox) -> None:
    """Click the check box's square, where a person clicks (its middle may be empty space)."""
    option = QStyleOptionButton()
    box.initStyleOption(option)
    square = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=square.center())


def register_over_http(url: str) -> None:
    response = requests.post(
        f"{url}/v1/accounts",
        json={
            "name": NAME,
            "email": EMAIL,
            "password": PASSWORD,
            "accepted_policy_version": POLICY_VERSION,
            "locale": "en",
        },
        timeout=10,
    )
    assert response.status_code == 201, response.text


def test_sign_in_keeps_the_session_in_the_keyring(
    qtbot, connect, server_url: str, keyring_store: CredentialStore
) -> None:
    register_over_http(server_url)
    accounts = connect(server_url)
    assert accounts.account is None and accounts.keyring_problem == ""
    dialog = open_dialog(qtbot, accounts)
    assert not dialog.keyring_label.isVisible()  # a working keyring needs no notice

    sign_in_by_typing(qtbot, dialog, EMAIL, PASSWORD)

    qtbot.waitUntil(lambda: accounts.account is not None, timeout=TIMEOUT)
    assert accounts.account is not None and accounts.account.email == EMAIL
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.password.text() == ""  # the password doesn't linger in the widget
    stored = keyring_store.load(server_url)
    assert stored is not None and stored.account.email == EMAIL
    assert stored.refresh_token and stored.access_token
    # What the keyring holds is the live session the server handed out.
    me = requests.get(
        f"{server_url}/v1/me",
        headers={"Authorization": f"Bearer {stored.access_token}"},
        timeout=10,
    )
    assert me.status_code == 200 and me.json()["email"] == EMAIL

    # A second start of the app signs in from the keyring alone.
    restarted = connect(server_url)
    assert restarted.account is not None and restarted.account.email == EMAIL


def test_create_account_needs_the_policy_tick(
    qtbot, connect, server_url: str, keyring_store: CredentialStore
) -> None:
    accounts = connect(server_url)
    dialog = open_dialog(qtbot, accounts)
    qtbot.mouseClick(dialog.to_register, Qt.MouseButton.LeftButton)
    assert dialog.windowTitle() == "Create account"
    qtbot.keyClicks(dialog.name, NAME)
    qtbot.keyClicks(dialog.new_email, EMAIL)
    qtbot.keyClicks(dialog.new_password, PASSWORD)
    assert not dialog.create_button.isEnabled()  # everything filled in but the policy tick
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert accounts.account is None and dialog.isVisible()

    tick(qtbot, dialog.accept_policy)
    assert dialog.accept_policy.isChecked() and dialog.create_button.isEnabled()
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: accounts.account is not None, timeout=TIMEOUT)
    assert accounts.account is not None
    assert (accounts.account.name, accounts.account.email) == (NAME, EMAIL)
    assert accounts.account.accepted_policy_version == POLICY_VERSION
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT)
    stored = keyring_store.load(server_url)
    assert stored is not None and stored.account.email == EMAIL


def test_wrong_password_shows_the_translated_message(
    qtbot, connect, server_url: str, translations: Translations, keyring_store: CredentialStore
) -> None:
    register_over_http(server_url)
    accounts = connect(server_url)
    translations.apply("ar")
    dialog = open_dialog(qtbot, accounts, "ar")
    assert dialog.windowTitle() == "تسجيل الدخول"
    assert dialog.isRightToLeft()

    sign_in_by_typing(qtbot, dialog, EMAIL, "not-the-password")

    expected = "البريد الإلكتروني أو كلمة المرور غير صحيحة."
    qtbot.waitUntil(lambda: dialog.error_label.text() == expected, timeout=TIMEOUT)
    assert dialog.isVisible() and accounts.account is None
    assert dialog.pages.isEnabled() and not dialog.busy.isVisible()  # ready to try again
    assert keyring_store.load(server_url) is None


def test_server_down_says_so(qtbot, connect, refused_url: str) -> None:
    accounts = connect(refused_url)
    dialog = open_dialog(qtbot, accounts)

    sign_in_by_typing(qtbot, dialog, EMAIL, PASSWORD)

    qtbot.waitUntil(lambda: dialog.error_label.text() != "", timeout=TIMEOUT)
    assert dialog.error_label.text() == (
        "Can't reach the weShape server. Check your internet connection, then try again."
    )
    assert dialog.isVisible() and accounts.account is None
    assert dialog.pages.isEnabled() and not dialog.busy.isVisible()
    assert dialog.password.text() == PASSWORD  # kept, so trying again is one click
