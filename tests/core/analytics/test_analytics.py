"""Analytics: nothing before yes, batches after, none after no, DO_NOT_TRACK and managed files win,
a dead or slow endpoint never blocks, and only allow-listed coarse values can be sent."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.collector import Collector, running_collector
from weshape_desktop.core.analytics import (
    Analytics,
    AnalyticsConfig,
    Choice,
    ConsentStore,
    bucket,
    os_family,
)
from weshape_desktop.core.analytics.events import event

ENV = {"WESHAPE_GA_MEASUREMENT_ID": "G-TEST", "WESHAPE_GA_API_SECRET": "secret"}


@pytest.fixture
def endpoint() -> Iterator[tuple[Collector, str]]:
    with running_collector() as running:
        yield running


def make(tmp_path: Path, url: str, env: dict[str, str] | None = None, **kw: object) -> Analytics:
    env = {**ENV, "WESHAPE_ANALYTICS_ENDPOINT": url, **(env or {})}
    analytics = Analytics(
        AnalyticsConfig.from_env(env),
        ConsentStore(tmp_path / "analytics.json"),
        env,
        tmp_path / "managed.json",
        flush_seconds=60,
        **kw,  # type: ignore[arg-type]
    )
    return analytics


@pytest.fixture
def closing() -> Iterator[list[Analytics]]:
    made: list[Analytics] = []
    yield made
    for analytics in made:
        analytics.close()
        assert analytics._thread is None or not analytics._thread.is_alive()


def test_nothing_is_queued_or_sent_before_yes(tmp_path, endpoint, closing) -> None:
    collector, url = endpoint
    analytics = make(tmp_path, url)
    closing.append(analytics)
    assert analytics.choice is Choice.UNASKED and not analytics.enabled
    for _ in range(30):  # more than a batch: a queue would have sent by now
        analytics.record("catalog_search", results=bucket(3))
    analytics.answer(True)
    analytics.record("app_open", language="ar")
    analytics.flush()
    payloads = collector.wait_for(1)
    assert [ev["name"] for ev in payloads[0]["events"]] == ["app_open"]
    assert collector.rejected == []


def test_events_after_yes_go_in_batches_of_25(tmp_path, endpoint, closing) -> None:
    collector, url = endpoint
    analytics = make(tmp_path, url)
    closing.append(analytics)
    analytics.answer(True)
    for _ in range(30):
        analytics.record("illustration_download", format="svg")
    first = collector.wait_for(1)[0]  # a full batch goes without waiting for the timer
    assert len(first["events"]) == 25
    analytics.flush()
    second = collector.wait_for(2)[1]
    assert len(second["events"]) == 5
    assert (
        first["client_id"]
        == second["client_id"]
        == ConsentStore(tmp_path / "analytics.json").load().client_id
    )
    assert analytics.recent_payloads() == [first, second]
    assert collector.rejected == []


def test_no_drops_the_queue_and_a_later_yes_gets_a_new_client_id(
    tmp_path, endpoint, closing
) -> None:
    collector, url = endpoint
    analytics = make(tmp_path, url)
    closing.append(analytics)
    analytics.answer(True)
    before = ConsentStore(tmp_path / "analytics.json").load().client_id
    analytics.record("export_used", format="png")
    analytics.answer(False)
    analytics.record("export_used", format="png")  # after no: forgotten
    analytics.answer(True)
    after = ConsentStore(tmp_path / "analytics.json").load().client_id
    assert after != before
    analytics.record("language_changed", language="en")
    analytics.flush()
    payloads = collector.wait_for(1)
    assert payloads == [{"client_id": after, "events": [event("language_changed", language="en")]}]


def test_the_choice_is_remembered_per_device(tmp_path, endpoint, closing) -> None:
    _, url = endpoint
    make(tmp_path, url).answer(True)
    again = make(tmp_path, url)
    closing.append(again)
    assert again.choice is Choice.YES and again.enabled
    (tmp_path / "analytics.json").write_text("{not json", encoding="utf-8")
    damaged = make(tmp_path, url)
    closing.append(damaged)
    assert damaged.choice is Choice.UNASKED and not damaged.enabled


@pytest.mark.parametrize(
    ("env", "managed"),
    [
        ({"DO_NOT_TRACK": "1"}, None),
        ({}, {"analytics": False}),
        ({}, "not json at all"),
    ],
)
def test_do_not_track_or_a_managed_setting_forces_it_off(
    tmp_path, endpoint, closing, env, managed
) -> None:
    _, url = endpoint
    if managed is not None:
        text = managed if isinstance(managed, str) else json.dumps(managed)
        (tmp_path / "managed.json").write_text(text, encoding="utf-8")
    make(tmp_path, url).answer(True)
    analytics = make(tmp_path, url, env)
    closing.append(analytics)
    assert analytics.choice is Choice.YES
    assert not analytics.enabled and analytics.forced_off
    for _ in range(30):
        analytics.record("app_open", language="en")
    analytics.flush()
    assert analytics._thread is None  # nothing queued, nothing to send


def test_a_managed_file_allowing_analytics_changes_nothing(tmp_path, endpoint, closing) -> None:
    _, url = endpoint
    (tmp_path / "managed.json").write_text('{"analytics": true}', encoding="utf-8")
    analytics = make(tmp_path, url, {"DO_NOT_TRACK": "0"})
    closing.append(analytics)
    analytics.answer(True)
    assert analytics.enabled and analytics.forced_off is None


def test_unavailable_without_an_id_and_secret(tmp_path) -> None:
    assert AnalyticsConfig.from_env({"WESHAPE_GA_MEASUREMENT_ID": "G-1"}) is None
    config = AnalyticsConfig.from_env(ENV)
    assert config is not None
    assert config.url == (
        "https://www.google-analytics.com/mp/collect?measurement_id=G-TEST&api_secret=secret"
    )
    analytics = Analytics(None, ConsentStore(tmp_path / "a.json"), {}, tmp_path / "m.json")
    analytics.answer(True)
    assert not analytics.enabled
    analytics.close()


def test_a_dead_endpoint_never_blocks_and_the_queue_stays_bounded(tmp_path, closing) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{sock.getsockname()[1]}"
    analytics = make(tmp_path, dead)
    closing.append(analytics)
    analytics.answer(True)
    started = time.perf_counter()
    for _ in range(5000):
        analytics.record("catalog_search", results="0")
    assert time.perf_counter() - started < 2.0  # recording is an append, never I/O
    assert len(analytics._queue) <= 500
    assert len(analytics.recent_payloads()) <= 20


def test_a_slow_endpoint_never_blocks_recording_or_closing(tmp_path, closing) -> None:
    hold = threading.Event()
    with running_collector(Collector(delay=hold)) as (collector, url):
        analytics = make(tmp_path, url, timeout=(1.0, 1.0))
        analytics.answer(True)
        for _ in range(25):
            analytics.record("sign_in", method="browser")
        started = time.perf_counter()
        for _ in range(1000):
            analytics.record("sign_in", method="password")
        assert time.perf_counter() - started < 2.0
        analytics.close(timeout=5.0)
        assert not analytics._thread or not analytics._thread.is_alive()
        hold.set()
    assert collector.rejected == []


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("catalog_search", {"query": "my secret search"}),
        ("catalog_search", {"results": "17"}),  # an exact count, not a bucket
        ("app_open", {"app_version": "1.2.3 (Ahmed's laptop)"}),
        ("illustration_download", {"format": "/home/ahmed/cat.svg"}),
        ("email_seen", {}),
        ("sign_in", {"method": 1}),
    ],
)
def test_only_allow_listed_coarse_values_can_be_recorded(tmp_path, name, params) -> None:
    with pytest.raises(ValueError):
        event(name, **params)


def test_buckets_and_os_family() -> None:
    assert [bucket(n) for n in (-1, 0, 1, 2, 9, 10, 99, 100, 999, 1000, 10**6)] == [
        "0",
        "0",
        "1",
        "2-9",
        "2-9",
        "10-99",
        "10-99",
        "100-999",
        "100-999",
        "1000+",
        "1000+",
    ]
    assert [os_family(s) for s in ("Linux", "Windows", "Darwin", "FreeBSD")] == [
        "linux",
        "windows",
        "macos",
        "other",
    ]
    assert event("app_open", app_version="0.1.0", os=os_family(), language="ar")["params"][
        "os"
    ] in {"linux", "windows", "macos", "other"}
