"""Browser sign-in started from the sign-in dialog: the dialog's button opens the real server's
authorize page (caught with QDesktopServices.setUrlHandler, so no browser starts), the test plays
the browser with requests (as tests/core/auth/test_pkce_flow.py does), and the dialog closes
signed in, the tokens in the real Secret Service."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog

from tests.core.auth.test_pkce_flow import real_browser
from tests.server.conftest import EMAIL, PASSWORD
from weshape_desktop.core.auth import CredentialStore
from weshape_desktop.ui.account import AccountController, SignInDialog

TIMEOUT = 15_000


class Browser(QObject):
    """Stands in for the system browser: receives the http URLs the app opens."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))


@pytest.fixture
def browser(qapp) -> Iterator[Browser]:
    catcher = Browser()
    QDesktopServices.setUrlHandler("http", catcher, "open")
    yield catcher
    QDesktopServices.unsetUrlHandler("http")


@pytest.fixture
def dialog(qtbot, tasks, api_for, server_url) -> SignInDialog:
    """The sign-in dialog of an app connected to the server, signed out."""
    accounts = AccountController(tasks)
    accounts.set_api(api_for(server_url))
    qtbot.waitUntil(lambda: accounts.session is not None, timeout=TIMEOUT)
    dialog = SignInDialog(accounts, "en")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_browser_sign_in_from_the_dialog(qtbot, dialog, browser, server_url) -> None:
    accounts = dialog.accounts
    qtbot.mouseClick(dialog.browser_button, Qt.MouseButton.LeftButton)
    (url,) = browser.urls
    assert url.startswith(f"{server_url}/v1/auth/authorize?")
    assert dialog.cancel_button.isVisible(), "waiting for the browser can be cancelled"
    pages: list[requests.Response] = []
    real_browser(EMAIL, PASSWORD, pages)(url)  # the page, the form, the redirect to the app

    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert "You can close this window" in pages[-1].text
    assert accounts.account is not None and accounts.account.email == EMAIL
    stored = CredentialStore().load(server_url)
    assert stored is not None and stored.account.email == EMAIL


def test_waiting_for_the_browser_can_be_cancelled(qtbot, dialog, browser, server_url) -> None:
    qtbot.mouseClick(dialog.browser_button, Qt.MouseButton.LeftButton)
    assert len(browser.urls) == 1 and not dialog.pages.isEnabled()
    assert dialog.cancel_button.isVisible()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)  # the user gave up
    qtbot.waitUntil(lambda: dialog.pages.isEnabled(), timeout=TIMEOUT)
    assert dialog.error_label.text() == "The browser sign-in was cancelled."
    assert not dialog.cancel_button.isVisible() and not dialog.busy.isVisible()
    assert dialog.isVisible() and dialog.accounts.account is None
