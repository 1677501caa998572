"""Sending usage statistics with GA4's Measurement Protocol, only after "yes" (DESIGN §10).

`Analytics.record()` drops the event unless this device said yes (and nothing forces analytics
off); accepted events wait in a bounded queue for a background thread that posts them in batches of
at most 25 (`POST {endpoint}/mp/collect?measurement_id=…&api_secret=…` with `{client_id,
events}`), backing off while the endpoint fails. Nothing here ever raises into the app or blocks it:
statistics are worth less than the user's patience.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import requests

from weshape_desktop.core.analytics.consent import Choice, ConsentStore, forced_off_reason
from weshape_desktop.core.analytics.events import event

log = logging.getLogger(__name__)

BATCH = 25  # GA4's limit of events per request
QUEUE_LIMIT = 500  # events kept while the endpoint is unreachable; the oldest go first
RECENT_LIMIT = 20  # payloads kept for "Show what is sent"
FLUSH_SECONDS = 30.0  # how long an event may wait for others to share its request
BACKOFF_SECONDS = (30.0, 120.0, 600.0)
TIMEOUT = (5.0, 10.0)  # connect, read


@dataclass(frozen=True)
class AnalyticsConfig:
    """Where statistics go. All three parts are needed; without them analytics is unavailable."""

    endpoint: str
    measurement_id: str
    api_secret: str

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> AnalyticsConfig | None:
        """`WESHAPE_ANALYTICS_ENDPOINT` (default Google's), `WESHAPE_GA_MEASUREMENT_ID` and
        `WESHAPE_GA_API_SECRET`; None when the id or the secret is missing."""
        endpoint = env.get("WESHAPE_ANALYTICS_ENDPOINT") or "https://www.google-analytics.com"
        measurement_id = env.get("WESHAPE_GA_MEASUREMENT_ID", "")
        api_secret = env.get("WESHAPE_GA_API_SECRET", "")
        if not measurement_id or not api_secret:
            return None
        return cls(endpoint.rstrip("/"), measurement_id, api_secret)

    @property
    def url(self) -> str:
        query = urlencode({"measurement_id": self.measurement_id, "api_secret": self.api_secret})
        return f"{self.endpoint}/mp/collect?{query}"


class Analytics:
    """The app's one analytics sender. `close()` stops its thread."""

    def __init__(
        self,
        config: AnalyticsConfig | None,
        consent: ConsentStore,
        env: Mapping[str, str],
        managed: Path,
        *,
        flush_seconds: float = FLUSH_SECONDS,
        timeout: tuple[float, float] = TIMEOUT,
    ) -> None:
        self.config = config
        self._store = consent
        self._consent = consent.load()
        self.forced_off = forced_off_reason(env, managed)
        self._flush_seconds = flush_seconds
        self._timeout = timeout
        self._queue: deque[dict[str, Any]] = deque(maxlen=QUEUE_LIMIT)
        self._recent: deque[dict[str, Any]] = deque(maxlen=RECENT_LIMIT)
        self._wake = threading.Condition()
        self._closed = False
        self._flush_now = False
        self._session = requests.Session()
        self._thread: threading.Thread | None = None

    # -- what the settings panel shows and changes -------------------------------------------

    @property
    def choice(self) -> Choice:
        return self._consent.choice

    @property
    def enabled(self) -> bool:
        """True only after "yes", with an endpoint configured and nothing forcing it off."""
        return (
            self._consent.choice is Choice.YES
            and self.config is not None
            and self.forced_off is None
        )

    def answer(self, yes: bool) -> None:
        """The user's answer (the first-run prompt or the settings switch). "No" drops whatever
        is queued and replaces the client id."""
        consent = self._store.answer(yes)
        with self._wake:
            self._consent = consent
            if not yes:
                self._queue.clear()
            self._wake.notify()

    def recent_payloads(self) -> list[dict[str, Any]]:
        """The latest payloads exactly as sent, failed attempts included (newest last), for
        "Show what is sent"."""
        with self._wake:
            return list(self._recent)

    # -- recording and sending ---------------------------------------------------------------

    def record(self, name: str, **params: str) -> None:
        """Queue an event if analytics is on; otherwise forget it at once. Raises ValueError for
        an event or value that isn't on the allow-list (a programming error, caught by tests)."""
        ev = event(name, **params)
        with self._wake:
            if not self.enabled or self._closed:
                return
            self._queue.append(ev)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="analytics", daemon=True)
                self._thread.start()
            if len(self._queue) >= BATCH:
                self._wake.notify()

    def flush(self) -> None:
        """Ask the sender to post what is queued now instead of waiting for company."""
        with self._wake:
            self._flush_now = True
            self._wake.notify()

    def close(self, timeout: float = 2.0) -> None:
        """Stop the sender; events still queued are dropped (they are only statistics)."""
        with self._wake:
            self._closed = True
            self._queue.clear()
            self._wake.notify()
        if self._thread is not None:
            self._thread.join(timeout)
        self._session.close()

    def _run(self) -> None:
        failures = 0
        while True:
            with self._wake:
                wait = self._flush_seconds if failures == 0 else _backoff(failures)
                self._wake.wait_for(
                    lambda: self._closed or self._flush_now or len(self._queue) >= BATCH,
                    timeout=wait,
                )
                if self._closed:
                    return
                self._flush_now = False
                if not self.enabled or not self._queue:
                    continue
                events = [self._queue.popleft() for _ in range(min(BATCH, len(self._queue)))]
                payload = {"client_id": self._consent.client_id, "events": events}
                self._recent.append(payload)
            if self._post(payload):
                failures = 0
            else:
                failures += 1
                with self._wake:  # put them back in front, unless the user said no meanwhile
                    if self.enabled and payload["client_id"] == self._consent.client_id:
                        self._queue.extendleft(reversed(events))

    def _post(self, payload: dict[str, Any]) -> bool:
        assert self.config is not None
        try:
            response = self._session.post(self.config.url, json=payload, timeout=self._timeout)
        except requests.RequestException as exc:
            log.info("analytics: not sent (%s)", type(exc).__name__)
            return False
        if response.status_code >= 300:
            log.info("analytics: not sent (HTTP %s)", response.status_code)
            return False
        return True


def _backoff(failures: int) -> float:
    return BACKOFF_SECONDS[min(failures, len(BACKOFF_SECONDS)) - 1]
