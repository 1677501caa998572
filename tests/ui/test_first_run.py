"""A first run that leads somewhere (issue 17): the account state in the window, the demo account
in demo mode, empty states with an action, the notice after a download, one size format.
Against the real reference server (and the real demo server) and the real Secret Service."""

from __future__ import annotations

import dataclasses

import pytest

from tests.server.conftest import EMAIL, PASSWORD
from tests.ui.conftest import open_window
from weshape_desktop.core.auth.credentials import CredentialStore
from weshape_desktop.core.demo_account import DEMO_EMAIL, DEMO_NAME
from weshape_desktop.core.downloads import DownloadState
from weshape_desktop.ui.account import SignInDialog
from weshape_desktop.ui.downloads.model import size_text

TIMEOUT = 30_000


def sign_in(qtbot, window) -> None:
    window.accounts.sign_in(EMAIL, PASSWORD, lambda _account: None, pytest.fail)
    qtbot.waitUntil(lambda: window.accounts.account is not None, timeout=TIMEOUT)


def test_the_account_button_shows_who_is_signed_in(make_window, qtbot, server_url: str) -> None:
    window = open_window(make_window, server_url, qtbot, sign_in=False)
    button = window.account_button
    assert button.text() == "Sign in" and button.menu() is None and button.isEnabled()
    button.click()
    dialog = window.findChild(SignInDialog)
    assert dialog is not None and dialog.isVisible()
    assert not dialog.demo_button.isVisible(), "not the demo server: no demo account"
    dialog.close()

    sign_in(qtbot, window)
    qtbot.waitUntil(lambda: button.text() == "L")  # the name's initial, upper-cased
    assert button.menu() is window.account_menu
    assert EMAIL in button.toolTip()

    window.account_menu.ask_sign_out()
    box = window.account_menu.sign_out_box
    assert box is not None
    box.defaultButton().click()  # "Sign out"
    qtbot.waitUntil(lambda: button.text() == "Sign in", timeout=TIMEOUT)
    assert button.menu() is None


def test_without_a_server_the_banner_offers_the_demo_and_a_server(make_window, qtbot) -> None:
    window = make_window()
    window.connect_server("")
    banner = window.catalog.banner
    assert not banner.retry_button.isVisibleTo(banner), "Retry can't help without a server"
    start, set_server = banner.choice_buttons()
    assert (start.text(), set_server.text()) == ("Start the demo catalog", "Set the server…")
    assert not window.account_button.isEnabled()  # no server, no sign-in

    set_server.click()
    page = window._settings_dialog.advanced
    assert page.isVisible()
    page.url_edit.setText("http://example.com")
    page.apply_button.click()
    assert "is not secure" in page.result_label.text()
    assert window.settings.server_url == "" and window.api is None

    start.click()  # the embedded demo server, started off the GUI thread
    assert not start.isEnabled()  # one click, one server
    qtbot.waitUntil(lambda: window.catalog.model.rowCount() > 0, timeout=60_000)
    assert window.demo.serves(window.server_url)
    assert not banner.isVisible()
    qtbot.waitUntil(lambda: window.accounts.session is not None, timeout=TIMEOUT)
    try:
        dialog = window.show_sign_in()
        assert dialog.demo_button.isVisible(), "the demo server's own account is offered"
        dialog.demo_button.click()
        qtbot.waitUntil(lambda: window.accounts.account is not None, timeout=TIMEOUT)
        assert window.accounts.account.email == DEMO_EMAIL
        qtbot.waitUntil(lambda: window.account_button.text() == DEMO_NAME[0])
    finally:
        CredentialStore().delete(window.server_url)


def test_an_empty_library_leads_to_the_catalog(make_window, qtbot) -> None:
    window = make_window()
    window.connect_server("")
    window.show()
    window.tabs.setCurrentWidget(window.library_tab)
    page = window.library_tab.view.stack
    qtbot.waitUntil(lambda: page.action_button.isVisible(), timeout=TIMEOUT)
    assert page.action_button.text() == "Browse the catalog"
    page.action_button.click()
    assert window.tabs.currentWidget() is window.catalog_tab


def test_a_failed_download_opens_the_downloads_panel(make_window, qtbot, server_url: str) -> None:
    window = open_window(make_window, server_url, qtbot)
    gone = dataclasses.replace(window.catalog.model.item(0), sha256="0" * 64)
    window.download_requests.request(gone, "svg", None)
    qtbot.waitUntil(lambda: any(s.state == "failed" for s in window.downloads.states()))
    assert window.downloads_dock.isVisible()
    assert not window.download_notice.isVisible()


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("size", [512, 4_650, 2_345_678])
def test_one_size_format_in_the_details_and_the_downloads(
    make_window, qtbot, server_url: str, lang: str, size: int
) -> None:
    """Seen: "4.54 KiB" in the details beside "4.7 kB" in the downloads panel."""
    window = open_window(make_window, server_url, qtbot, sign_in=False)
    window.set_language(lang)
    item = dataclasses.replace(window.catalog.model.item(0), bytes=size)
    window.detail.show_item(item)
    shown = window.detail.field_text("size")
    done = DownloadState("k", item, "svg", None, "done", size, size, 0.0)
    assert shown == size_text(done)
    if lang == "ar":  # Arabic unit names and digits
        assert not any("a" <= ch.lower() <= "z" for ch in shown)
        assert any("\u0660" <= ch <= "\u0669" for ch in shown)
