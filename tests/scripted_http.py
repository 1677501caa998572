"""A tiny HTTP server that answers with scripted responses, for failures the real server won't make
on purpose: garbage bodies, hangs, resets. It runs on 127.0.0.1 and never sleeps: a hanging response
waits on an Event that `close()` sets. With `keep_alive` it speaks HTTP/1.1 and keeps connections
open (a reply can still drop its connection silently, as an idle timeout does); with a `tls`
context it serves https."""

from __future__ import annotations

import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = (("Content-Type", "application/json"),)
    hang: bool = False  # accept the request, then never answer until the server closes
    drop_connection: bool = False  # close the connection after this reply without saying so
    cut_short: bool = False  # announce the whole body, send half of it, close the connection


@dataclass
class Seen:
    """A request as it arrived: its path, headers (lower-case names) and connection number."""

    path: str
    headers: dict[str, str] = field(default_factory=dict)
    connection: int = 0


class ScriptedServer:
    """`script(path, request_number) -> Reply` decides each answer; `requests` lists the paths
    asked for, `seen` the requests in full."""

    def __init__(
        self,
        script: Callable[[str, int], Reply],
        *,
        keep_alive: bool = False,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self.script = script
        self.requests: list[str] = []
        self.seen: list[Seen] = []
        self.release = threading.Event()
        outer = self
        connections: dict[object, int] = {}

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1" if keep_alive else "HTTP/1.0"

            def do_GET(self) -> None:
                outer.requests.append(self.path)
                connection = connections.setdefault(self.client_address, len(connections) + 1)
                headers = {name.lower(): value for name, value in self.headers.items()}
                outer.seen.append(Seen(self.path, headers, connection))
                reply = outer.script(self.path, len(outer.requests))
                if reply.hang:
                    outer.release.wait()
                    return
                self.send_response(reply.status)
                for name, value in reply.headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                sent = reply.body[: len(reply.body) // 2] if reply.cut_short else reply.body
                self.wfile.write(sent)
                if reply.drop_connection or reply.cut_short:
                    self.close_connection = True

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        if tls is not None:
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        scheme = "https" if tls is not None else "http"
        self.url = f"{scheme}://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="scripted-http")
        self.thread.start()

    def close(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()

    def __enter__(self) -> ScriptedServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def refused_url() -> str:
    """An http://127.0.0.1 URL on a port nobody listens on."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"
