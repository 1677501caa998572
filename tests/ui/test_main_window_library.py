"""The window end to end: download from the catalog (signing in first, tokens kept in the real
Secret Service keyring), find it in the library, start again signed in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
import requests

from tests.server.conftest import build_catalog, start_test_server
from tests.ui.conftest import open_window
from weshape_desktop.core.auth.credentials import CredentialStore
from weshape_desktop.ui.account import SignInDialog

TIMEOUT = 20_000
EMAIL, PASSWORD = "lina@example.org", "lantern-orchard-57-quietly"


@pytest.fixture
def gated_server(tmp_path: Path) -> Iterator[str]:
    """A server whose files need an account, with one account; its keyring entries are removed
    afterwards."""
    backend = type(keyring.get_keyring()).__module__
    assert backend == "keyring.backends.SecretService", (
        f"run under dbus-run-session with gnome-keyring unlocked (make test does), not {backend}"
    )
    server = start_test_server(build_catalog(tmp_path / "catalog"))
    requests.post(
        f"{server.url}/v1/accounts",
        json={
            "name": "Lina",
            "email": EMAIL,
            "password": PASSWORD,
            "accepted_policy_version": 1,
            "locale": "en",
        },
        timeout=10,
    ).raise_for_status()
    try:
        yield server.url
    finally:
        CredentialStore().delete(server.url)
        server.stop()


def test_download_asks_to_sign_in_then_lands_in_the_library(
    make_window, gated_server: str, qtbot
) -> None:
    window = open_window(make_window, gated_server, qtbot, sign_in=False)
    window.catalog.grid.select_row(0)
    item = window.catalog.model.item(0)
    window.catalog_tab.download_buttons.svg_button.click()

    dialog = window.findChild(SignInDialog)
    assert dialog is not None and dialog.isVisible()
    assert not window.downloads.states()  # nothing is fetched before signing in
    assert not dialog.session_only.isVisible(), "a working keyring keeps the sign-in"
    qtbot.keyClicks(dialog.email, EMAIL)
    qtbot.keyClicks(dialog.password, PASSWORD)
    dialog.sign_in_button.click()

    qtbot.waitUntil(
        lambda: any(s.state == "done" for s in window.downloads.states()), timeout=TIMEOUT
    )
    # A notice says so; the Downloads panel opens only on request or when a download fails.
    assert not window.downloads_dock.isVisible()
    qtbot.waitUntil(window.download_notice.isVisible)
    assert item.title_in("en") in window.download_notice.label.text()
    (state,) = window.downloads.states()
    assert state.item.id == item.id and state.path is not None and state.path.is_file()
    assert state.path.is_relative_to(window.library_dir)

    window.download_notice.show_button.click()  # "Added to your library — Show"
    assert not window.download_notice.isVisible()
    assert window.tabs.currentWidget() is window.library_tab
    qtbot.waitUntil(lambda: window.library_tab.view.model.rowCount() == 1, timeout=TIMEOUT)
    assert window.count_label.text() == "1 illustration"
    qtbot.waitUntil(lambda: window.library_tab.view.current_entry() is not None, timeout=TIMEOUT)
    assert window.library_tab.view.current_entry().item.id == item.id
    qtbot.waitUntil(lambda: window.view_ready("library"), timeout=TIMEOUT)
    assert window.library_tab.detail.entry().item.id == item.id

    # The tokens went to the Secret Service: the next start is signed in without asking.
    stored = CredentialStore().load(gated_server)
    assert stored is not None and stored.account.email == EMAIL and stored.refresh_token
    window.shutdown()
    again = make_window()
    again.connect_server(gated_server)
    again.show()
    qtbot.waitUntil(
        lambda: (
            again.catalog.model.rowCount() > 1
            and again.downloads.is_running()
            and again.accounts.account is not None
        ),
        timeout=TIMEOUT,
    )
    assert again.accounts.account.email == EMAIL
    again.catalog.grid.select_row(1)
    again.catalog_tab.download_buttons.svg_button.click()
    assert again.findChild(SignInDialog) is None
    qtbot.waitUntil(
        lambda: any(s.state == "done" for s in again.downloads.states()), timeout=TIMEOUT
    )


def test_library_opens_without_a_server(make_window, qtbot) -> None:
    window = make_window()
    window.connect_server("")
    qtbot.waitUntil(lambda: window.view_ready("library"), timeout=TIMEOUT)
    assert window.library.store is not None and window.library_dir.is_dir()
    assert not window.downloads.is_running()  # no server: nothing to download from


def test_offline_start_opens_the_library(make_window, refused_url: str, qtbot) -> None:
    from tests.core.library.test_library import illustration
    from weshape_desktop.core.library import LibraryStore
    from weshape_desktop.core.paths import AppPaths

    paths = AppPaths.resolve().ensure()
    store = LibraryStore(paths.library_db)
    kept = illustration("kept")
    store.add_entry(kept, "kept.svg", kept.sha256, "svg", kept.bytes)
    store.close()
    window = make_window()
    window.connect_server(refused_url)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.library_tab, timeout=TIMEOUT)
    assert window.catalog.is_offline()
    assert "offline" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.count_label.text() == "1 illustration", timeout=TIMEOUT)


def test_offline_start_with_an_empty_library_stays_on_the_catalog(
    make_window, refused_url: str, qtbot
) -> None:
    window = make_window()
    window.connect_server(refused_url)
    qtbot.waitUntil(window.catalog.is_offline, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: window.library_tab.view.is_ready(), timeout=TIMEOUT)
    assert window.tabs.currentWidget() is window.catalog_tab


def test_losing_the_connection_mid_session_stays_on_the_catalog(
    make_window, tmp_path: Path, qtbot
) -> None:
    """Only a session that *starts* offline opens on the library; one that was online and loses
    the server keeps the catalog (from its cache) with the offline banner."""
    from tests.core.library.test_library import illustration
    from weshape_desktop.core.library import LibraryStore
    from weshape_desktop.core.paths import AppPaths

    store = LibraryStore(AppPaths.resolve().ensure().library_db)
    kept = illustration("kept")
    store.add_entry(kept, "kept.svg", kept.sha256, "svg", kept.bytes)
    store.close()
    server = start_test_server(build_catalog(tmp_path / "catalog"))
    try:
        window = make_window()
        window.connect_server(server.url)
        window.show()
        qtbot.waitUntil(lambda: window.catalog.model.rowCount() > 0, timeout=TIMEOUT)
        # the library has an entry to switch to: what made a lost connection switch tabs
        qtbot.waitUntil(lambda: window.library_tab.view.model.rowCount() == 1, timeout=TIMEOUT)
    finally:
        server.stop()
    window.catalog.search_edit.setText("a search the cache never saw")
    qtbot.waitUntil(window.catalog.is_offline, timeout=TIMEOUT)
    assert window.tabs.currentWidget() is window.catalog_tab
    assert window.catalog.banner.isVisible()
