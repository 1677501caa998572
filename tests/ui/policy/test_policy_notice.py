"""The significant-change notice and the policy viewer against the real reference server (policy
versions published into its database) and a real keyring: a notice for a significant version and
none for a minor one, acknowledgement kept across restarts and across two devices of one
account, offline fallback to the cached and then the bundled copy, in both languages."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from PySide6.QtCore import Qt

from tests.server.conftest import build_catalog, start_test_server
from weshape_desktop.core.auth import CredentialStore
from weshape_desktop.core.policy import bundled_policy
from weshape_desktop.server.db import make_engine
from weshape_desktop.server.policy import PolicyDocument, PolicyStore
from weshape_desktop.ui.policy import PolicyDialog

TIMEOUT = 15_000
EMAIL, PASSWORD = "lina@example.org", "lantern-orchard-57-quietly"
TEXTS = {
    "ar": "سياسة الخصوصية الجديدة\nنص الإصدار الثاني.\n",
    "en": "New privacy policy\nVersion two.\n",
}


@dataclass
class PolicyServer:
    url: str
    data_dir: Path

    def publish(self, version: int, *, significant: bool) -> None:
        engine = make_engine(f"sqlite:///{self.data_dir / 'server.db'}")
        try:
            PolicyStore(engine).publish(PolicyDocument(version, "2026-11-20", significant, TEXTS))
        finally:
            engine.dispose()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[PolicyServer]:
    """A server with one account (which accepted version 1); its keyring entry goes after."""
    data_dir = tmp_path / "server-data"
    running = start_test_server(build_catalog(tmp_path / "catalog"), data_dir)
    body = {"name": "Lina", "email": EMAIL, "password": PASSWORD, "locale": "en"}
    requests.post(
        f"{running.url}/v1/accounts", json={**body, "accepted_policy_version": 1}, timeout=10
    ).raise_for_status()
    try:
        yield PolicyServer(running.url, data_dir)
    finally:
        running.stop()
        with contextlib.suppress(Exception):
            CredentialStore().delete(running.url)


def start(make_window, qtbot, url: str):
    """A start of the app on `url`, once its first policy check is done."""
    window = make_window()
    window.connect_server(url)
    window.show()
    qtbot.waitUntil(lambda: window.policy_watcher.last_status is not None, timeout=TIMEOUT)
    return window


def sign_in(window, qtbot) -> None:
    qtbot.waitUntil(lambda: window.accounts.session is not None, timeout=TIMEOUT)
    done: list[object] = []
    window.accounts.sign_in(EMAIL, PASSWORD, done.append, pytest.fail)
    qtbot.waitUntil(lambda: bool(done), timeout=TIMEOUT)


def device_acknowledged(home: Path) -> int | None:
    path = home / "config" / "policy-acknowledged.json"
    return json.loads(path.read_text())["version"] if path.exists() else None


@pytest.mark.parametrize(
    ("lang", "heading", "understand"),
    [
        ("en", "We changed our privacy policy", "I understand"),
        ("ar", "غيّرنا سياسة الخصوصية", "فهمت"),
    ],
)
def test_a_significant_version_asks_once_and_only_i_understand_dismisses_it(
    make_window, qtbot, translations, weshape_home: Path, server: PolicyServer,
    lang: str, heading: str, understand: str,
) -> None:  # fmt: skip
    translations.apply(lang)
    server.publish(2, significant=True)
    window = start(make_window, qtbot, server.url)
    notice = window.policy_watcher.notice
    assert notice is not None and notice.isVisible() and notice.isModal()
    assert notice.heading.text() == heading and notice.understand_button.text() == understand
    assert not notice.windowFlags() & Qt.WindowType.WindowCloseButtonHint

    qtbot.keyClick(notice, Qt.Key.Key_Escape)
    notice.close()
    qtbot.keyClick(notice, Qt.Key.Key_Return)  # a stray Enter opens the policy, nothing more
    assert notice.isVisible() and window.policy_watcher.notice is notice
    viewer = window.findChild(PolicyDialog)
    assert viewer is not None and viewer.policy.version == 2
    assert viewer.policy.text == TEXTS[lang] and not viewer.updated.isVisible()
    viewer.close()
    assert device_acknowledged(weshape_home) is None

    qtbot.mouseClick(notice.understand_button, Qt.MouseButton.LeftButton)
    assert window.policy_watcher.notice is None
    qtbot.waitUntil(lambda: device_acknowledged(weshape_home) == 2, timeout=TIMEOUT)
    window.close()
    window.shutdown()

    again = start(make_window, qtbot, server.url)  # a restart: not asked again
    assert again.policy_watcher.last_status.acknowledged == 2
    assert again.policy_watcher.notice is None


def test_a_minor_version_shows_no_notice_only_an_updated_line_in_the_viewer(
    make_window, qtbot, server: PolicyServer
) -> None:
    server.publish(2, significant=False)
    window = start(make_window, qtbot, server.url)
    status = window.policy_watcher.last_status
    assert status.policy.version == 2 and not status.needs_notice
    assert window.policy_watcher.notice is None
    viewer = window.show_policy()
    assert viewer.updated.isVisible()
    assert viewer.updated.text() == "Updated 20 November 2026 with minor changes."
    assert viewer.browser.toPlainText().startswith("New privacy policy")
    assert window.show_sign_in(register=True).policy_version == 2  # what a new account accepts


def test_the_acknowledgement_follows_the_account_to_another_device(
    make_window, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server: PolicyServer
) -> None:
    server.publish(2, significant=True)
    monkeypatch.setenv("WESHAPE_HOME", str(tmp_path / "device-a"))
    first = start(make_window, qtbot, server.url)
    sign_in(first, qtbot)
    qtbot.waitUntil(lambda: first.policy_watcher.last_status.acknowledged == 1, timeout=TIMEOUT)
    notice = first.policy_watcher.notice
    assert notice is not None and notice.isVisible()
    qtbot.mouseClick(notice.understand_button, Qt.MouseButton.LeftButton)
    first.tasks.wait_idle()
    first.close()
    first.shutdown()
    CredentialStore().delete(server.url)  # the other device has signed in nowhere yet

    monkeypatch.setenv("WESHAPE_HOME", str(tmp_path / "device-b"))
    second = start(make_window, qtbot, server.url)
    notice = second.policy_watcher.notice  # signed out: this device never acknowledged it
    assert notice is not None and notice.isVisible()
    sign_in(second, qtbot)
    qtbot.waitUntil(lambda: second.policy_watcher.last_status.acknowledged == 2, timeout=TIMEOUT)
    assert second.policy_watcher.notice is None  # the account already acknowledged it


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_offline_the_viewer_shows_the_cached_policy_then_the_bundled_one(
    make_window, qtbot, translations, weshape_home: Path, server: PolicyServer,
    refused_url: str, lang: str,
) -> None:  # fmt: skip
    translations.apply(lang)
    server.publish(2, significant=False)
    online = start(make_window, qtbot, server.url)
    online.close()
    online.shutdown()

    offline = start(make_window, qtbot, refused_url)
    assert offline.policy_watcher.last_status.policy.version == 2
    viewer = offline.show_policy()
    assert viewer.policy.text == TEXTS[lang]
    viewer.show_policy(viewer.other_language())
    assert viewer.policy.text == TEXTS["ar" if lang == "en" else "en"]
    viewer.close()
    offline.close()
    offline.shutdown()

    (weshape_home / "config" / "policy-cache.json").unlink()
    bare = start(make_window, qtbot, refused_url)
    viewer = bare.show_policy()
    assert viewer.policy == bundled_policy(lang) and not viewer.updated.isVisible()
