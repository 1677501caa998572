"""How file transfers reach the server (DESIGN §7): one GET per file over urllib3's pools.

`requests` costs about 0.6 ms of Python work more per request than urllib3 (measured here on
loopback: preparing, merging settings, hooks), under the GIL that every download worker shares.
So transfers go over urllib3 itself, whose pools keep connections alive between files, while
everything a request decides is decided where the app's other requests decide it: the token, the
refresh after a 401 and the typed errors by `ApiClient.send_authorized` and `transport_error`,
the proxy and CA bundle by `ApiClient.route` (the ones requests would use, read again when the
environment changes). TLS is always verified; a plain-http server was already refused unless it
is on this machine (`api.check_server_url`). A body that ends before its Content-Length is an
error as it is read (urllib3 enforces the length).

Retries are the queue's (backoff on 5xx, timeouts and resets, Retry-After on 429, none on other
4xx); a request is only sent again at once when a kept-alive connection turns out to have been
closed by the server while it was idle. Redirects are followed, without the token to another host.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Protocol, Self

from urllib3 import BaseHTTPResponse, PoolManager
from urllib3.connectionpool import ConnectionPool
from urllib3.exceptions import HTTPError, ReadTimeoutError
from urllib3.util import Retry, Timeout

from weshape_desktop.core.abortable_http import RequestCut, abortable_pool_manager, close_pools
from weshape_desktop.core.api import ApiClient, transport_error
from weshape_desktop.core.errors import OfflineError

ERROR_BODY_BYTES = 64 * 1024  # enough for the server's JSON body of an error
POOL_SIZE = 8  # kept-alive connections per server (the queue runs up to a few workers)


class Cuttable(Protocol):
    """What an abort holds on to while a transfer runs."""

    def cut(self) -> None:
        """Called from another thread: make a blocked read or send return at once."""


class FileResponse(Cuttable, Protocol):
    """A response whose status is below 400, its body not yet read."""

    @property
    def status(self) -> int: ...

    def header(self, name: str) -> str | None:
        """A response header, or None."""

    def read1(self, size: int) -> bytes:
        """What one socket read gives (at most `size` bytes); b"" at the end of the body.
        Raises urllib3's HTTPError (or an OSError) when the body breaks off or times out."""

    def close(self) -> None:
        """Done with the body (read or not); the connection is reused only after a whole body."""


Attach = Callable[[Cuttable | None], None]
"""Tells the queue what to cut when the job is aborted (None: nothing any more)."""


class _ResendOnce(Retry):
    """Send again once when a kept-alive connection was closed under the request, and follow
    redirects; never retry a timeout (the queue decides)."""

    def increment(
        self,
        method: str | None = None,
        url: str | None = None,
        response: BaseHTTPResponse | None = None,
        error: Exception | None = None,
        _pool: ConnectionPool | None = None,
        _stacktrace: TracebackType | None = None,
    ) -> Self:
        if isinstance(error, ReadTimeoutError):
            raise error
        return super().increment(method, url, response, error, _pool, _stacktrace)


RETRIES = _ResendOnce(
    total=6, connect=0, read=1, status=0, other=0, redirect=5, respect_retry_after_header=False
)


class FileClient:
    """GETs files from `api`'s server with its auth, headers and timeout; any worker thread.

    `api` may be swapped under the queue (the UI passes a forwarding object, so the server can
    change without stopping the queue): each request follows its session and server.
    """

    def __init__(self, api: ApiClient) -> None:
        self._api = api
        self._lock = threading.Lock()
        self._managers: dict[tuple[str | None, str], PoolManager] = {}
        self._closed = False

    def get(self, path: str, headers: dict[str, str], attach: Attach) -> FileResponse:
        """GET `path` with extra `headers`; raises the typed error of a status >= 400 (after
        one token refresh on 401) or of a failed connection. `attach` is called with what an
        abort must cut before anything is sent."""
        api = self._api
        url = api.base_url + path
        cut = RequestCut()
        attach(cut)

        def send(token: str | None) -> _FileResponse:
            manager = self._manager(*api.route())
            sent = {
                "User-Agent": str(api.session.headers.get("User-Agent", "")),
                "Accept-Encoding": "identity",  # the sha256 is of the bytes as stored
                **headers,
            }
            if token is not None:
                sent["Authorization"] = f"Bearer {token}"
            try:
                with cut.sending():
                    response = manager.urlopen(
                        "GET",
                        url,
                        headers=sent,
                        retries=RETRIES,
                        timeout=Timeout(api.timeout),
                        preload_content=False,
                    )
            except HTTPError as exc:
                raise transport_error(exc) from exc
            return _FileResponse(response, cut)

        return api.send_authorized(path, send, authorized=api.auth is not None)

    def close(self) -> None:
        """Cut every connection, so transfers in flight fail at once; later GETs fail too.

        Only cut: each response is closed by its own thread, as closing one from another thread
        would pull it from under a read."""
        with self._lock:
            self._closed = True
            managers = list(self._managers.values())
        for manager in managers:
            close_pools(manager)

    def _manager(self, proxy: str | None, ca: str) -> PoolManager:
        """The pools for requests through `proxy` (None: straight) trusting the CA bundle `ca`."""
        with self._lock:
            if self._closed:
                raise OfflineError(detail="the download queue is stopping")
            manager = self._managers.get((proxy, ca))
            if manager is None:
                where = "ca_cert_dir" if os.path.isdir(ca) else "ca_certs"
                manager = abortable_pool_manager(
                    proxy, maxsize=POOL_SIZE, cert_reqs="CERT_REQUIRED", **{where: ca}
                )
                self._managers[(proxy, ca)] = manager
            return manager


class _FileResponse:
    """A urllib3 response as a FileResponse (and an `Answer` for `send_authorized`)."""

    def __init__(self, response: BaseHTTPResponse, cut: RequestCut) -> None:
        self._response = response
        self._cut = cut
        self._whole = False
        self.status = response.status

    def header(self, name: str) -> str | None:
        return self._response.headers.get(name)

    def read1(self, size: int) -> bytes:
        chunk = self._response.read1(size)
        self._whole = not chunk
        return chunk

    def cut(self) -> None:
        self._cut.cut()

    def close(self) -> None:
        response = self._response
        if not self._whole:
            response.close()  # unread bytes would be taken for the next response
        response.release_conn()

    def error_code(self) -> str:
        """The `error` code of an error body (as `ApiClient` reads it)."""
        try:
            return str(json.loads(self._response.read(ERROR_BODY_BYTES)).get("error") or "")
        except (ValueError, AttributeError, OSError, HTTPError):
            return ""
