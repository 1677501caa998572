"""The sign-in dialog and the account controller, without a signed-in account."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from keyring.backends import fail

from tests.conftest import LiveCatalog
from weshape_desktop.core.api import ApiClient
from weshape_desktop.ui.account import AccountController, SignInDialog
from weshape_desktop.ui.tasks import TaskRunner


@pytest.fixture
def accounts(qapp, tasks: TaskRunner) -> Iterator[AccountController]:
    controller = AccountController(tasks)
    yield controller
    tasks.wait_idle()


def test_create_account_needs_every_field_and_the_policy_tick(qtbot, accounts) -> None:
    dialog = SignInDialog(accounts, "en")
    qtbot.addWidget(dialog)
    dialog.show_register()
    assert dialog.windowTitle() == "Create account"
    assert not dialog.create_button.isEnabled()
    dialog.name.setText("Layla")
    dialog.new_email.setText("layla@example.com")
    dialog.new_password.setText("a long enough passphrase")
    assert not dialog.create_button.isEnabled()
    dialog.accept_policy.setChecked(True)
    assert dialog.create_button.isEnabled()


def test_policy_link_opens_the_policy(qtbot, accounts) -> None:
    dialog = SignInDialog(accounts, "en")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.policy_requested):
        dialog.policy_link.linkActivated.emit("policy")


def test_no_keyring_explains_and_offers_session_only(
    qtbot, accounts, live: LiveCatalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        api = ApiClient(live.url, retries=0)
        accounts.set_api(api)
        qtbot.waitUntil(lambda: accounts.session is not None, timeout=10_000)
    finally:
        keyring.set_keyring(previous)
    assert "No keyring is available" in accounts.keyring_problem
    dialog = SignInDialog(accounts, "en")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.keyring_label.isVisible() and dialog.session_only.isChecked()
    assert accounts.account is None
    api.close()


def test_account_menu_follows_the_controller(qtbot, accounts, live: LiveCatalog) -> None:
    from weshape_desktop.ui.account import AccountMenu

    menu = AccountMenu(accounts)
    qtbot.addWidget(menu)
    assert menu.who_action.text() == "Not signed in"
    assert not menu.sign_in_action.isEnabled()  # no server yet
    assert not menu.sign_out_action.isVisible()
    api = ApiClient(live.url, retries=0)
    accounts.set_api(api)
    qtbot.waitUntil(menu.sign_in_action.isEnabled, timeout=10_000)
    with qtbot.waitSignal(menu.sign_in_requested) as blocker:
        menu.register_action.trigger()
    assert blocker.args == [True]
    api.close()


def test_empty_fields_are_named_in_our_words_before_anything_is_sent(
    qtbot, accounts, refused_url: str
) -> None:
    """The server's reply to an empty field ("Send username (your email) and password.") was
    shown raw, inside Arabic sentences too: the dialog says it itself and sends nothing."""
    api = ApiClient(refused_url, retries=0)
    accounts.set_api(api)
    dialog = SignInDialog(accounts, "en")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.sign_in_button.click()
    assert dialog.error_label.text() == "Enter your email address."
    assert not dialog.busy.isVisible()  # nothing started
    dialog.email.setText("layla@example.com")
    dialog.sign_in_button.click()
    assert dialog.error_label.text() == "Enter your password."
    assert not dialog.busy.isVisible()
    api.close()
