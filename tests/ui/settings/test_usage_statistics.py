"""Usage statistics in the app (DESIGN §10), against a local collector that checks GA4's request
format and the real reference server: nothing leaves before "yes", only coarse events after it,
nothing after "no", DO_NOT_TRACK wins, and a dead or slow collector never holds up the window."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PySide6.QtWidgets import QPushButton

from tests.collector import Collector, running_collector
from tests.server.conftest import EMAIL, PASSWORD
from weshape_desktop.core.analytics import Choice
from weshape_desktop.core.auth import CredentialStore
from weshape_desktop.core.models import Illustration
from weshape_desktop.ui.app import greet
from weshape_desktop.ui.settings import ConsentDialog, SentPayloadsDialog

TIMEOUT = 20_000
SEARCH = "secretword"


def analytics_env(collector_url: str, **extra: str) -> dict[str, str]:
    return {
        "WESHAPE_ANALYTICS_ENDPOINT": collector_url,
        "WESHAPE_GA_MEASUREMENT_ID": "G-TEST",
        "WESHAPE_GA_API_SECRET": "secret",
        **extra,
    }


@dataclass
class Egress:
    """Every TCP connection this test process opens, as (host, port)."""

    destinations: list[tuple[str, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def ports(self) -> set[int]:
        with self.lock:
            return {port for _host, port in self.destinations}


@pytest.fixture
def egress(monkeypatch: pytest.MonkeyPatch) -> Egress:
    record = Egress()
    connect = socket.socket.connect

    def recording_connect(sock: socket.socket, address: object) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            host, port = address[:2]  # type: ignore[index]
            with record.lock:
                record.destinations.append((host, port))
        return connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", recording_connect)
    return record


@pytest.fixture
def collector() -> Iterator[tuple[Collector, str]]:
    with running_collector() as running:
        yield running


def port_of(url: str) -> int:
    port = urlsplit(url).port
    assert port is not None
    return port


@dataclass
class SessionFacts:
    """What a scripted session typed, saw and wrote: none of it may reach the statistics."""

    item: Illustration
    export_path: Path
    private: list[str]


def scripted_session(window, qtbot, server_url: str, tmp_path: Path) -> SessionFacts:
    """Start, search, sign in (sync runs), download, export, switch language, sync again."""
    window.connect_server(server_url)
    window.show()
    qtbot.waitUntil(
        lambda: window.downloads.is_running() and window.catalog.model.rowCount() > 0,
        timeout=TIMEOUT,
    )
    window.record_app_open()
    item = window.catalog.model.item(0)
    with qtbot.waitSignal(window.catalog.searched, timeout=TIMEOUT):
        window.catalog.search_edit.setText(SEARCH)
        window.catalog.search_edit.returnPressed.emit()
    qtbot.waitUntil(lambda: window.accounts.session is not None, timeout=TIMEOUT)
    window.accounts.sign_in(EMAIL, PASSWORD, lambda _account: None, pytest.fail)
    qtbot.waitUntil(lambda: window.sync.syncs >= 1, timeout=TIMEOUT)
    window._enqueue_download(item, "svg", None)
    qtbot.waitUntil(
        lambda: [s.state for s in window.downloads.states()] == ["done"], timeout=TIMEOUT
    )
    entry = window.library.store.entry(item.id)
    dialog = window.library_tab.export(entry)
    export_path = tmp_path / "exported-artwork.png"
    with qtbot.waitSignal(window.library_tab.exported, timeout=TIMEOUT):
        qtbot.waitUntil(lambda: dialog.current_svg() != b"", timeout=TIMEOUT)
        dialog.save_png_to(export_path)
    dialog.close()
    window.set_language("ar")
    window.set_language("en")
    syncs = window.sync.syncs
    window.sync.sync_now()
    qtbot.waitUntil(lambda: window.sync.syncs > syncs, timeout=TIMEOUT)
    tokens = CredentialStore().load(server_url)
    private = [
        EMAIL, "Lina", PASSWORD, SEARCH, item.id, item.sha256, item.title.get("en", ""),
        item.title.get("ar", ""), str(window.library_dir), str(export_path), export_path.name,
        entry.path or "", window.accounts.account.id, server_url,
    ]  # fmt: skip
    if tokens is not None:
        private += [tokens.refresh_token]
    return SessionFacts(item, export_path, [p for p in private if p])


def answer(window, qtbot, yes: bool) -> None:
    window.analytics.answer(yes)
    assert window.analytics.choice is (Choice.YES if yes else Choice.NO)


@pytest.mark.parametrize("choice", ["unasked", "no"])
def test_nothing_is_recorded_or_sent_before_yes(
    make_window, qtbot, server_url, tmp_path, collector, egress, choice: str
) -> None:
    got, url = collector
    window = make_window(analytics_env(url))
    if choice == "no":
        answer(window, qtbot, False)
    scripted_session(window, qtbot, server_url, tmp_path)
    window.analytics.flush()
    window.analytics.close()
    assert got.payloads == [] and window.analytics.recent_payloads() == []
    assert egress.ports() == {port_of(server_url)}


def test_after_yes_coarse_events_go_only_to_the_collector_and_the_server(
    make_window, qtbot, server_url, tmp_path, collector, egress
) -> None:
    got, url = collector
    window = make_window(analytics_env(url))
    answer(window, qtbot, True)
    facts = scripted_session(window, qtbot, server_url, tmp_path)
    window.analytics.flush()
    payloads = got.wait_for(1)
    names = {ev["name"] for payload in payloads for ev in payload["events"]}
    assert names == {
        "app_open", "catalog_search", "sign_in", "sync_completed", "illustration_download",
        "export_used", "language_changed",
    }  # fmt: skip
    events = [ev for payload in payloads for ev in payload["events"]]
    assert {"name": "illustration_download", "params": {"format": "svg"}} in events
    assert {"name": "export_used", "params": {"format": "png"}} in events
    assert {"name": "sign_in", "params": {"method": "password"}} in events
    assert {"name": "catalog_search", "params": {"results": "0"}} in events
    sent = json.dumps(payloads, ensure_ascii=False)
    for secret in facts.private:
        assert secret not in sent, secret
    assert got.rejected == []
    assert egress.ports() == {port_of(server_url), port_of(url)}
    assert window.analytics.recent_payloads() == payloads


def test_no_after_yes_drops_the_queue_and_changes_the_id(
    make_window, qtbot, collector, egress
) -> None:
    got, url = collector
    window = make_window(analytics_env(url))
    answer(window, qtbot, True)
    window.record_app_open()
    window.analytics.flush()
    first = got.wait_for(1)[0]["client_id"]
    window.record_app_open()  # queued, waiting for company
    privacy = window.show_settings("privacy").privacy
    assert privacy.share_box.isChecked()
    privacy.share_box.setChecked(False)
    qtbot.waitUntil(lambda: window.analytics.choice is Choice.NO)
    window.analytics.flush()
    window.record_app_open()
    window.analytics.close()
    assert len(got.payloads) == 1
    privacy.share_box.setChecked(True)
    qtbot.waitUntil(lambda: window.analytics.choice is Choice.YES)
    assert window.analytics._consent.client_id != first


def test_do_not_track_forces_zero_and_the_panel_says_why(
    make_window, qtbot, server_url, tmp_path, collector, egress
) -> None:
    got, url = collector
    window = make_window(analytics_env(url, DO_NOT_TRACK="1"))
    greet(window, window.analytics, None)  # not asked: the answer couldn't count
    assert not [d for d in window.findChildren(ConsentDialog) if d.isVisible()]
    answer(window, qtbot, True)  # an earlier "yes" doesn't count while DO_NOT_TRACK is set
    privacy = window.show_settings("privacy").privacy
    assert not privacy.share_box.isEnabled() and not privacy.share_box.isChecked()
    assert "DO_NOT_TRACK" in privacy.reason_label.text()
    scripted_session(window, qtbot, server_url, tmp_path)
    window.analytics.flush()
    window.analytics.close()
    assert got.payloads == []
    assert egress.ports() == {port_of(server_url)}


def test_unconfigured_analytics_is_unavailable_and_never_asks(make_window, qtbot) -> None:
    window = make_window({})
    greet(window, window.analytics, None)
    assert not [d for d in window.findChildren(ConsentDialog) if d.isVisible()]
    privacy = window.show_settings("privacy").privacy
    assert not privacy.share_box.isEnabled()
    assert "Unavailable" in privacy.reason_label.text()


def test_the_first_run_question_asks_once_with_equal_answers(make_window, qtbot, collector) -> None:
    got, url = collector
    window = make_window(analytics_env(url))
    greet(window, window.analytics, None)
    dialogs = [d for d in window.findChildren(ConsentDialog) if d.isVisible()]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    yes, no = dialog.yes_button, dialog.no_button
    assert yes.sizeHint().height() == no.sizeHint().height()
    assert yes.width() == no.width()
    assert not any(b.isDefault() or b.autoDefault() for b in dialog.findChildren(QPushButton))
    yes.click()
    qtbot.waitUntil(lambda: window.analytics.choice is Choice.YES)
    window.analytics.flush()
    assert got.wait_for(1)[0]["events"][0]["name"] == "app_open"
    window.close()
    second = make_window(analytics_env(url))
    greet(second, second.analytics, None)
    assert not [d for d in second.findChildren(ConsentDialog) if d.isVisible()]


def test_show_what_is_sent_shows_the_exact_payloads_and_their_meaning(
    make_window, qtbot, collector
) -> None:
    got, url = collector
    window = make_window(analytics_env(url))
    answer(window, qtbot, True)
    window.record_app_open()
    window.analytics.flush()
    payloads = got.wait_for(1)
    dialog = window.show_settings("privacy").privacy.show_sent()
    assert isinstance(dialog, SentPayloadsDialog)
    assert json.loads(dialog.payloads_view.toPlainText()) == payloads
    assert "client_id" in dialog.meanings.text() and "random" in dialog.meanings.text()


def test_a_slow_or_dead_collector_never_holds_up_the_window(
    make_window, qtbot, refused_url
) -> None:
    held = threading.Event()
    with running_collector(Collector(delay=held)) as (got, url):
        window = make_window(analytics_env(url))
        answer(window, qtbot, True)
        window.record_app_open()
        window.analytics.flush()
        # The request is stuck at the collector; the window still opens dialogs and reads
        # what is being sent.
        qtbot.waitUntil(lambda: window.analytics.recent_payloads() != [])
        dialog = window.show_settings("privacy").privacy.show_sent()
        assert "app_open" in dialog.payloads_view.toPlainText()
        assert got.payloads == []
        held.set()
        got.wait_for(1)
    dead = make_window(analytics_env(refused_url))
    answer(dead, qtbot, True)
    for _ in range(2000):  # far more than the queue keeps
        dead.record_app_open()
    dead.analytics.flush()
    qtbot.waitUntil(lambda: dead.analytics.recent_payloads() != [])
    assert len(dead.analytics._queue) <= 500  # bounded while nothing gets through
