"""The one-shot loopback listener of the browser sign-in (RFC 8252 §7.3).

It listens on 127.0.0.1 on an ephemeral port, takes the first `/callback` that carries this
sign-in's `state` and a `code` or an `error`, answers with a small bilingual page and is closed by
its owner right after. Any local process can reach the port: a callback without the right `state`
(or with neither code nor error) gets a 400 and the listener keeps waiting for the real one.
"""

from __future__ import annotations

import hmac
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

CALLBACK_PATH = "/callback"

_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>weShape Desktop</title>
<style>body{{font-family:sans-serif;max-width:36em;margin:4em auto;line-height:1.6}}</style>
</head><body>
<p lang="en" dir="ltr">{en}</p>
<p lang="ar" dir="rtl">{ar}</p>
</body></html>
"""
DONE_PAGE = _PAGE.format(
    en="You're signed in to weShape Desktop. You can close this window.",
    ar="تم تسجيل دخولك إلى weShape Desktop. يمكنك إغلاق هذه النافذة.",
).encode()
WRONG_PAGE = _PAGE.format(
    en="This page doesn't belong to the sign-in weShape Desktop is waiting for. You can close it.",
    ar="هذه الصفحة لا تخص تسجيل الدخول الذي ينتظره weShape Desktop. يمكنك إغلاقها.",
).encode()
FAILED_PAGE = _PAGE.format(
    en="The sign-in didn't complete. You can close this window and try again in weShape Desktop.",
    ar="لم يكتمل تسجيل الدخول. يمكنك إغلاق هذه النافذة والمحاولة مرة أخرى في weShape Desktop.",
).encode()


@dataclass(frozen=True)
class Callback:
    """What the browser brought back with the right `state`: a `code`, or the OAuth `error`."""

    code: str = field(repr=False)
    error: str


class LoopbackListener:
    """Listens on `redirect_uri` until `close()`; `wait()` returns the first callback with
    `expected_state`."""

    def __init__(self, expected_state: str) -> None:
        self._expected = expected_state
        self._received = threading.Event()
        self._lock = threading.Lock()  # handler threads race to be the first callback
        self._callback: Callback | None = None
        outer = self

        class Handler(BaseHTTPRequestHandler):
            timeout = 2.0  # a browser's idle pre-connection must not hold close() for long

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                if parts.path != CALLBACK_PATH:
                    self._answer(404, b"")
                    return
                callback = outer._accept(parse_qs(parts.query))
                if callback is None:
                    self._answer(400, WRONG_PAGE)
                else:
                    self._answer(200, FAILED_PAGE if callback.error else DONE_PAGE)

            def _answer(self, status: int, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Cache-Control", "no-store")
                self.send_header("Referrer-Policy", "no-referrer")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass  # the request line carries the authorization code: never log it

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = False  # close() joins the handler threads
        self._httpd.block_on_close = True
        self.redirect_uri = f"http://127.0.0.1:{self._httpd.server_address[1]}{CALLBACK_PATH}"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.1}, name="pkce-loopback"
        )
        self._thread.start()

    def _accept(self, query: dict[str, list[str]]) -> Callback | None:
        """The callback in `query`, recorded if it is the first; None when it is not this
        sign-in's (wrong or no state, or neither code nor error)."""

        def first(name: str) -> str:
            return (query.get(name) or [""])[0]

        state_ok = hmac.compare_digest(first("state").encode(), self._expected.encode())
        if not state_ok or not (first("code") or first("error")):
            return None
        callback = Callback(code=first("code"), error=first("error"))
        with self._lock:
            if self._callback is None:
                self._callback = callback
                self._received.set()
        return callback

    def wait(self, timeout_s: float, cancel: threading.Event | None = None) -> Callback | None:
        """The first callback; None when `timeout_s` passed or `cancel` was set first (the
        caller tells the two apart with `cancel.is_set()`)."""
        deadline = time.monotonic() + timeout_s
        while not self._received.is_set():
            if cancel is not None and cancel.is_set():
                return None
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            # Event objects can't be waited on together: check the cancel flag every 50 ms.
            self._received.wait(min(remaining, 0.05))
        return self._callback

    def close(self) -> None:
        """Stop listening and join the listener's threads (idempotent)."""
        if self._thread.is_alive():
            self._httpd.shutdown()
            self._thread.join()
        self._httpd.server_close()

    def __enter__(self) -> LoopbackListener:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
