"""Fixtures for the UI tests: API clients, a TaskRunner and a PreviewService per test, all stopped
and waited for before the test ends (CONVENTIONS habit 6). The live server is in tests/conftest.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication

from tests.conftest import LiveCatalog
from tests.server.conftest import (
    EMAIL,
    PASSWORD,
    build_catalog,
    register_account,
    start_test_server,
)
from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.auth import CredentialStore
from weshape_desktop.core.config import Settings
from weshape_desktop.core.paths import AppPaths
from weshape_desktop.ui.i18n import Translations
from weshape_desktop.ui.main_window import MainWindow
from weshape_desktop.ui.previews import PreviewService
from weshape_desktop.ui.settings import app_analytics
from weshape_desktop.ui.tasks import TaskRunner


@pytest.fixture(autouse=True)
def empty_clipboard() -> Iterator[None]:
    """No test sees another's clipboard. Also: with Qt's offscreen platform the process crashes
    (SIGSEGV) at exit if the clipboard still holds mime data, after every test has passed."""
    yield
    if QGuiApplication.instance() is not None:
        QGuiApplication.clipboard().clear()


class UrlCatcher(QObject):
    """Receives the URLs QDesktopServices would open, so no file manager starts in tests."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def opened_urls(qapp) -> Iterator[list[QUrl]]:
    """The file:// URLs the app asked the desktop to open (a folder to show, a file)."""
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    yield catcher.urls
    QDesktopServices.unsetUrlHandler("file")


@pytest.fixture
def api_for() -> Iterator[Callable[[str], ApiClient]]:
    """`api_for(url)`: a client without retries, so a refused connection fails at once."""
    clients: list[ApiClient] = []

    def build(url: str) -> ApiClient:
        clients.append(ApiClient(url, timeout=10.0, retries=0))
        return clients[-1]

    yield build
    for client in clients:
        client.close()


@pytest.fixture
def tasks(qapp) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    assert runner.wait_idle(), "background tasks still running"


@pytest.fixture
def previews(qapp, live: LiveCatalog, weshape_home: Path) -> Iterator[PreviewService]:
    """Previews rendered from the live server's files; its worker processes stop afterwards."""
    template = f"{live.url}/v1/previews/{{sha256}}"
    service = PreviewService(weshape_home / "cache", template, workers=1)
    yield service
    service.shutdown()


@pytest.fixture
def translations(qapp) -> Iterator[Translations]:
    translations = Translations(qapp)
    translations.apply("en")
    yield translations
    translations.apply("en")  # the app object outlives the test


@pytest.fixture
def make_window(qtbot, translations: Translations) -> Iterator:
    """`make_window(env={})`: a main window with its own analytics sender built from `env`
    (none configured by default: nothing can be sent)."""
    windows: list[MainWindow] = []

    def make(env: dict[str, str] | None = None) -> MainWindow:
        paths = AppPaths.resolve().ensure()
        analytics = app_analytics(paths.config_dir, env or {})
        window = MainWindow(paths, Settings.load(paths.settings_file), translations, analytics)
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.shutdown()
        window.analytics.close()


@pytest.fixture
def server_url(tmp_path: Path) -> Iterator[str]:
    """The reference server with one account; the sign-in's keyring entry is removed after."""
    server = start_test_server(build_catalog(tmp_path / "catalog"))
    register_account(server.url, "Lina", EMAIL, PASSWORD)
    try:
        yield server.url
    finally:
        CredentialStore().delete(server.url)
        server.stop()


def open_window(make_window, server_url: str, qtbot, *, sign_in: bool = True) -> MainWindow:
    """A shown window on `server_url` once its catalog, download queue and account session are
    up; signed in as the conftest account unless told otherwise."""
    window = make_window()
    window.connect_server(server_url)
    window.show()
    qtbot.waitUntil(
        lambda: (
            window.catalog.model.rowCount() > 1
            and window.downloads.is_running()
            and window.accounts.session is not None
        ),
        timeout=30_000,
    )
    if sign_in:
        errors: list[BaseException] = []
        window.accounts.sign_in(EMAIL, PASSWORD, lambda _account: None, errors.append)
        qtbot.waitUntil(lambda: window.accounts.account is not None or bool(errors), timeout=30_000)
        assert not errors
    return window
