"""A local stand-in for Google's Measurement Protocol endpoint: it accepts the same requests
(`POST /mp/collect?measurement_id=…&api_secret=…`, JSON `{client_id, events[≤25]}`), rejects
malformed ones with 400 the way a strict collector would, and counts what it got."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


class Collector:
    def __init__(self, delay: threading.Event | None = None) -> None:
        self.payloads: list[dict[str, Any]] = []
        self.rejected: list[str] = []
        self.hold = delay  # while set-able and not set, requests wait (a slow endpoint)
        self._changed = threading.Condition()

    def wait_for(self, count: int, timeout: float = 10.0) -> list[dict[str, Any]]:
        with self._changed:
            if not self._changed.wait_for(lambda: len(self.payloads) >= count, timeout):
                raise AssertionError(f"collector got {len(self.payloads)} of {count} payloads")
            return list(self.payloads)

    def take(self, body: bytes, path: str) -> int:
        url = urlsplit(path)
        query = parse_qs(url.query)
        try:
            payload = json.loads(body)
            assert url.path == "/mp/collect", url.path
            assert query.get("measurement_id") == ["G-TEST"], query
            assert query.get("api_secret") == ["secret"], query
            assert isinstance(payload["client_id"], str) and payload["client_id"]
            assert 1 <= len(payload["events"]) <= 25
            for ev in payload["events"]:
                assert isinstance(ev["name"], str) and isinstance(ev["params"], dict)
        except (ValueError, KeyError, TypeError, AssertionError) as exc:
            self.rejected.append(repr(exc))
            return 400
        with self._changed:
            self.payloads.append(payload)
            self._changed.notify_all()
        return 204


@contextmanager
def running_collector(collector: Collector | None = None) -> Iterator[tuple[Collector, str]]:
    """A collector on 127.0.0.1 and its base URL (the `WESHAPE_ANALYTICS_ENDPOINT`)."""
    got = collector or Collector()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if got.hold is not None:
                got.hold.wait(30)
            self.send_response(got.take(body, self.path))
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield got, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        if got.hold is not None:
            got.hold.set()
        server.shutdown()
        server.server_close()
        thread.join(5)
