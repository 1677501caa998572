"""urllib3 connection pools whose `close()` also wakes the requests still in flight, and a way to
cut the connection of one request.

A server that accepts connections and never answers (a captive portal, a network that drops
packets) keeps a worker thread blocked in recv() until the read timeout: 10 s a try, 40 s with
retries. Closing the client when the app quits must not wait for that, or the process (and its
single-instance lock) outlives its window. Closing these pools shuts the sockets of connections
they handed out, so their reads return at once, and the closed pools refuse the retries.
`AbortableAdapter` gives requests' sessions these pools (connections through a proxy are not
tracked there: they come from requests' own ProxyManager); `abortable_pool_manager` makes a
urllib3 PoolManager or ProxyManager of them, and `RequestCut` cuts one request's connection.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import weakref
from collections.abc import Iterator
from typing import Any

from requests.adapters import HTTPAdapter
from urllib3 import PoolManager, ProxyManager
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import HTTPError
from urllib3.util import make_headers, parse_url

_handing = threading.local()  # the RequestCut of the request this thread is sending, if any


def cut_connection(connection: Any) -> None:
    """Shut the socket of an `http.client` (or urllib3) connection, if it has one open, so a
    read blocked on it in another thread returns at once."""
    sock = getattr(connection, "sock", None)
    if sock is not None:
        # The plain socket's shutdown, also for TLS: it wakes a reader in another thread
        # without touching the SSL object that thread is using.
        with contextlib.suppress(OSError):
            socket.socket.shutdown(sock, socket.SHUT_RDWR)


class CutError(HTTPError):
    """The request was cut (`RequestCut.cut`) before it got a connection."""


class RequestCut:
    """Cuts the connection of one request, whichever the pool hands it (a retry or a redirect
    may take another): `with cut.sending(): pool.urlopen(...)`, and `cut()` from any thread;
    once cut, the request gets no more connections (urlopen raises CutError)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._connection: Any = None
        self._cut = False

    @contextlib.contextmanager
    def sending(self) -> Iterator[None]:
        """Within this block, the connections this thread's pools hand out are this request's."""
        _handing.cut = self
        try:
            yield
        finally:
            _handing.cut = None

    def handed(self, connection: Any) -> bool:
        """A pool hands `connection` to the request; False when the request was cut."""
        with self._lock:
            self._connection = connection
            return not self._cut

    def cut(self) -> None:
        with self._lock:
            self._cut = True
            connection = self._connection
        cut_connection(connection)


class _AbortablePool(HTTPConnectionPool):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._handed_out: weakref.WeakSet[Any] = weakref.WeakSet()

    def _new_conn(self) -> Any:  # an HTTP(S)Connection: the TLS pool's own type too
        conn = super()._new_conn()
        self._handed_out.add(conn)
        return conn

    def _get_conn(self, timeout: float | None = None) -> Any:
        conn = super()._get_conn(timeout)
        cut: RequestCut | None = getattr(_handing, "cut", None)
        if cut is not None and not cut.handed(conn):
            conn.close()
            raise CutError("the request was cut")
        return conn

    def close(self) -> None:
        super().close()  # idle connections, and no more connections for retries
        for conn in list(self._handed_out):
            cut_connection(conn)


class _AbortableTlsPool(_AbortablePool, HTTPSConnectionPool):
    pass


_POOL_CLASSES = {"http": _AbortablePool, "https": _AbortableTlsPool}


def abortable_pool_manager(proxy: str | None, **pool_options: Any) -> PoolManager:
    """A urllib3 PoolManager (a ProxyManager for `proxy`, with its user and password as
    Basic auth) whose pools `close_pools` aborts."""
    manager: PoolManager
    if proxy is None:
        manager = PoolManager(**pool_options)
    else:
        auth = parse_url(proxy).auth
        headers = make_headers(proxy_basic_auth=auth) if auth else None
        manager = ProxyManager(proxy, proxy_headers=headers, **pool_options)
    manager.pool_classes_by_scheme = _POOL_CLASSES  # type: ignore[assignment]
    return manager


def close_pools(manager: PoolManager) -> None:
    """Close `manager`'s pools, cutting the requests in flight on them."""
    # urllib3 2's PoolManager.clear() forgets its pools without closing them: close them here.
    pools = manager.pools
    open_pools = [pools[key] for key in pools.keys()]  # noqa: SIM118 (it has no __iter__)
    manager.clear()
    for pool in open_pools:
        pool.close()


class AbortableAdapter(HTTPAdapter):
    """An HTTPAdapter (same arguments) whose `close()` aborts its requests in flight."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _POOL_CLASSES

    def close(self) -> None:
        close_pools(self.poolmanager)
        super().close()
