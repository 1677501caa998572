"""A loopback HTTP reverse proxy that plays a bad network: latency, resets, cut, mangled or slow
bodies, 500/503/429, garbage JSON and a Range header it drops.

The reliability tests put it between the real DownloadQueue and the real server; the download
bench (`bench/downloads.py`) runs it as a process with latency only, as a real network adds:

    python -m tests.reliability.proxy UPSTREAM_URL [--delay-ms 50]   # prints "PROXY <url>"

Each request waits `delay_s` and then, with probability `rate`, gets the next fault of a shuffled
deck of `FAULTS`, dealt by a `random.Random(seed)` (requests arrive from several threads, so a
seed replays the mix of faults, not their exact order).
"""

from __future__ import annotations

import argparse
import http.client
import random
import socket
import struct
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

FAULTS = (
    "reset",  # the connection is reset, before the answer or halfway through the body
    "truncate",  # the body stops halfway and the connection closes
    "corrupt",  # one byte of the body is changed
    "slow",  # the body arrives in small pieces, slowly
    "500",
    "503",
    "429",  # with Retry-After: 0
    "garbage_json",  # a 200 or a 502 whose body is broken JSON
    "ignore_range",  # the Range header is dropped: the whole file comes back with 200
)
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "upgrade", "host"}
SLOW_PIECES = 8
SLOW_PAUSE_S = 0.02


class FaultProxy:
    """Forwards to `upstream` from 127.0.0.1 on a free port (`url`); `start()`, then `stop()`.

    `counts` says how many requests got each fault (and "none")."""

    def __init__(
        self, upstream: str, *, rate: float = 0.0, seed: int = 0, delay_s: float = 0.0
    ) -> None:
        parts = urlsplit(upstream)
        self._upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self._rate = rate
        self._delay_s = delay_s
        self._rng = random.Random(seed)
        self._deck: list[str] = []
        self._lock = threading.Lock()
        self.counts: Counter[str] = Counter()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.proxy = self
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="fault-proxy", daemon=True
        )
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> FaultProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def _pick(self) -> tuple[str, random.Random]:
        """The fault for the next request, and a generator for its details."""
        with self._lock:
            fault = "none"
            if self._rng.random() < self._rate:
                if not self._deck:  # dealt from shuffled decks: every kind comes up, often
                    self._deck = self._rng.sample(FAULTS, len(FAULTS))
                fault = self._deck.pop()
            self.counts[fault] += 1
            return fault, random.Random(self._rng.getrandbits(64))

    def forward(self, handler: _Handler) -> None:
        if self._delay_s:
            time.sleep(self._delay_s)  # the network's round trip, not a test waiting
        fault, rng = self._pick()
        if fault == "reset" and rng.random() < 0.5:
            _reset(handler)
            return
        if fault in ("500", "503", "429"):
            extra = {"Retry-After": "0"} if fault == "429" else {}
            _answer(handler, int(fault), b'{"error": "injected", "message": "injected"}', extra)
            return
        if fault == "garbage_json":
            _answer(handler, rng.choice((200, 502)), b'{"error": "inj\xff', {})
            return
        headers = {k: v for k, v in handler.headers.items() if k.lower() not in HOP_BY_HOP}
        if fault == "ignore_range":
            headers = {k: v for k, v in headers.items() if k.lower() not in ("range", "if-range")}
        status, reply, body = handler.upstream_get(self._upstream, headers)
        if fault == "corrupt" and body:
            at = rng.randrange(len(body))
            body = body[:at] + bytes([body[at] ^ 0x20]) + body[at + 1 :]
        handler.send_response(status)
        for name, value in reply:
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        if fault in ("reset", "truncate"):
            handler.wfile.write(body[: len(body) // 2])
            if fault == "reset":
                _reset(handler)
            else:
                handler.close_connection = True
        elif fault == "slow":
            step = max(1, len(body) // SLOW_PIECES)
            for start in range(0, len(body), step):
                handler.wfile.write(body[start : start + step])
                time.sleep(SLOW_PAUSE_S)  # a slow link
        else:
            handler.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    proxy: FaultProxy


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the queue's and curl's connections expect
    disable_nagle_algorithm = True  # else the body waits ~40 ms for the ACK of the headers
    server: _Server
    _upstream: http.client.HTTPConnection | None = None

    def do_GET(self) -> None:
        self.server.proxy.forward(self)

    def upstream_get(
        self, upstream: tuple[str, int], headers: dict[str, str]
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        """GET this request's path upstream on this connection's own kept-alive connection."""
        for again in (False, True):
            if self._upstream is None:
                self._upstream = http.client.HTTPConnection(*upstream, timeout=30)
            try:
                self._upstream.request("GET", self.path, headers=headers)
                response = self._upstream.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException):
                self._upstream.close()
                self._upstream = None
                if again:
                    raise
                continue
            kept = [
                (k, v)
                for k, v in response.getheaders()
                if k.lower() not in HOP_BY_HOP and k.lower() != "content-length"
            ]
            return response.status, kept, body
        raise AssertionError("unreachable")

    def finish(self) -> None:
        super().finish()
        if self._upstream is not None:
            self._upstream.close()

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: thousands of requests


def _answer(handler: _Handler, status: int, body: bytes, headers: dict[str, str]) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(body)))
    for name, value in headers.items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)


def _reset(handler: _Handler) -> None:
    """Close the client's connection with a TCP reset (SO_LINGER 0), not a clean FIN."""
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.rfile.close()  # the socket's last reference: now close() closes it, with the RST
    handler.connection.close()
    handler.close_connection = True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("upstream")
    parser.add_argument("--delay-ms", type=float, default=0.0)
    parser.add_argument("--rate", type=float, default=0.0, help="share of requests with a fault")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    proxy = FaultProxy(args.upstream, rate=args.rate, seed=args.seed, delay_s=args.delay_ms / 1000)
    print(f"PROXY {proxy.url}", flush=True)
    proxy._server.serve_forever()


if __name__ == "__main__":
    main()
