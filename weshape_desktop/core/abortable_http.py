"""A requests adapter whose `close()` also wakes the requests still in flight.

A server that accepts connections and never answers (a captive portal, a network that drops
packets) keeps a worker thread blocked in recv() until the read timeout: 10 s a try, 40 s with
retries. Closing the client when the app quits must not wait for that, or the process (and its
single-instance lock) outlives its window. Closing this adapter shuts the sockets of connections
it handed out, so their reads return at once, and the closed pools refuse the retries.
(Connections through a proxy are not tracked: they come from requests' own ProxyManager.)
"""

from __future__ import annotations

import contextlib
import socket
import weakref
from typing import Any

from requests.adapters import HTTPAdapter
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool


def cut_connection(connection: Any) -> None:
    """Shut the socket of an `http.client` (or urllib3) connection, if it has one open, so a
    read blocked on it in another thread returns at once."""
    sock = getattr(connection, "sock", None)
    if sock is not None:
        # The plain socket's shutdown, also for TLS: it wakes a reader in another thread
        # without touching the SSL object that thread is using.
        with contextlib.suppress(OSError):
            socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _AbortablePool(HTTPConnectionPool):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._handed_out: weakref.WeakSet[Any] = weakref.WeakSet()

    def _new_conn(self) -> Any:  # an HTTP(S)Connection: the TLS pool's own type too
        conn = super()._new_conn()
        self._handed_out.add(conn)
        return conn

    def close(self) -> None:
        super().close()  # idle connections, and no more connections for retries
        for conn in list(self._handed_out):
            cut_connection(conn)


class _AbortableTlsPool(_AbortablePool, HTTPSConnectionPool):
    pass


class AbortableAdapter(HTTPAdapter):
    """An HTTPAdapter (same arguments) whose `close()` aborts its requests in flight."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _AbortablePool,
            "https": _AbortableTlsPool,
        }

    def close(self) -> None:
        # urllib3 2's PoolManager.clear() forgets its pools without closing them: close them here.
        pools = self.poolmanager.pools
        open_pools = [pools[key] for key in pools.keys()]  # noqa: SIM118 (it has no __iter__)
        super().close()
        for pool in open_pools:
            pool.close()
