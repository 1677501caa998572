"""Running the app under uvicorn: in a background thread (tests, embedding) or in the foreground
(the CLI), and learning the real address when the port was 0."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Any

import uvicorn
from uvicorn.supervisors import Multiprocess

WORKER_START_TIMEOUT_S = 300.0  # a worker loads the catalog (a large synthetic one takes long)


def uvicorn_config(
    app: Any, host: str, port: int, *, forwarded_allow_ips: str | None = None, **options: Any
) -> uvicorn.Config:
    """uvicorn's settings for the app, with `X-Forwarded-For`/`-Proto` ignored unless
    `forwarded_allow_ips` names the proxies (comma-separated addresses) to believe.

    uvicorn believes them from 127.0.0.1 by default: any local client could then pick the
    address it is counted under, and so dodge the per-address rate limits."""
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        lifespan="on",
        proxy_headers=forwarded_allow_ips is not None,
        forwarded_allow_ips=forwarded_allow_ips,
        **options,
    )


class ReadyServer(uvicorn.Server):
    """A uvicorn server that calls `on_ready(url)` once it listens."""

    def __init__(self, config: uvicorn.Config, on_ready: Callable[[str], None]) -> None:
        super().__init__(config)
        self._on_ready = on_ready

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if not self.should_exit:
            self._on_ready(self.bound_url())

    def bound_url(self) -> str:
        """`http://host:port` of the first listening socket (the real port, also for port 0)."""
        return socket_url(self.servers[0].sockets[0])


def socket_url(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{port}"


class ReadyWorkers(Multiprocess):
    """uvicorn's supervisor of `config.workers` processes sharing one listening socket, which
    calls `on_ready(url)` once every worker serves (config.app: an import string)."""

    def __init__(self, config: uvicorn.Config, on_ready: Callable[[str], None]) -> None:
        super().__init__(config, sockets=[config.bind_socket()])
        self._on_ready = on_ready
        self.started = False

    def init_processes(self) -> None:
        super().init_processes()
        if all(
            process.wait_until_ready(WORKER_START_TIMEOUT_S, self.should_exit)
            for process in self.processes
        ):
            self.started = True
            self._on_ready(socket_url(self.sockets[0]))


class ServerThread:
    """An ASGI app served by uvicorn in a daemon thread.

    `start()` returns once the server listens (or raises if it could not start); `url` is its
    address; `stop()` shuts it down and joins the thread. Also a context manager.
    """

    def __init__(self, app: Any, host: str = "127.0.0.1", port: int = 0) -> None:
        config = uvicorn_config(app, host, port, log_level="warning")
        self._ready = threading.Event()
        self._url: str | None = None
        self._error: BaseException | None = None
        self.server = ReadyServer(config, self._set_ready)
        self._thread = threading.Thread(target=self._run, name="weshape-server", daemon=True)

    @property
    def url(self) -> str:
        if self._url is None:
            raise RuntimeError("the server is not running; call start() first")
        return self._url

    def _set_ready(self, url: str) -> None:
        self._url = url
        self._ready.set()

    def _run(self) -> None:
        try:
            self.server.run()
        except BaseException as exc:  # SystemExit from uvicorn when it cannot bind
            self._error = exc
        finally:
            self._ready.set()  # wakes start() also when the server never came up

    def start(self) -> ServerThread:
        self._thread.start()
        self._ready.wait()
        if self._url is None:
            self._thread.join()
            raise RuntimeError(f"the server did not start: {self._error!r}")
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        if self._thread.is_alive():
            self._thread.join()

    def __enter__(self) -> ServerThread:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
