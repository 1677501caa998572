"""How file transfers reach the server (DESIGN §7): one GET per file, the fast way when it is safe.

`requests` costs about 0.6 ms of Python work per request (measured here on loopback: preparing,
merging settings, hooks, urllib3's pool), under the GIL that every download worker shares; a plain
`http.client` request costs about 0.15 ms. So `FileClient` sends a transfer over a kept-alive
`http.client` connection of the worker's own whenever `requests` itself would go straight to the
server: no proxy applies (the session's proxies and the environment decide, read once per
origin), certificates are verified (requests' CA bundle in a default `ssl` context), no client
certificate. Otherwise — a proxy — the request goes through the app's `ApiClient`, like every
other request. Both ways send the same headers and token and raise the same typed errors; a
plain-http server was already refused unless it is on this machine (`api.check_server_url`).

Retries are the queue's (backoff on 5xx, timeouts and resets, Retry-After on 429, none on other
4xx); the direct way only resends once, at once, when a kept-alive connection turns out to have
been closed by the server while it was idle.
"""

from __future__ import annotations

import http.client
import json
import os
import ssl
import threading
from collections.abc import Callable
from typing import Protocol
from urllib.parse import urlsplit

import requests
from requests.utils import DEFAULT_CA_BUNDLE_PATH, select_proxy

from weshape_desktop.core.abortable_http import cut_connection
from weshape_desktop.core.api import ApiClient, check_server_url, error_for_status
from weshape_desktop.core.errors import OfflineError, ServerTimeoutError, SignInRequiredError

ERROR_BODY_BYTES = 64 * 1024  # enough for the server's JSON explanation of an error


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
        """What one socket read gives (at most `size` bytes); b"" at the end of the body."""

    def close(self) -> None:
        """Done with the body (read or not); the connection is reused only after a whole body."""


Attach = Callable[[Cuttable | None], None]
"""Tells the queue what to cut when the job is aborted (None: nothing any more)."""


class FileClient:
    """GETs files from `api`'s server with its auth, headers and timeout; any worker thread.

    `api` may be swapped under the queue (the UI passes a forwarding object, so the server can
    change without stopping the queue): each request follows its session and server.
    """

    def __init__(self, api: ApiClient) -> None:
        self._api = api
        self._lock = threading.Lock()
        self._route: tuple[tuple[object, ...], ssl.SSLContext | None, bool] | None = None
        self._local = threading.local()
        self._connections: set[http.client.HTTPConnection] = set()
        self._closed = False

    def get(self, path: str, headers: dict[str, str], attach: Attach) -> FileResponse:
        """GET `path` with extra `headers`; raises the typed error of a status >= 400 (after
        one token refresh on 401) or of a failed connection. `attach` is called with what an
        abort must cut before anything is sent, and again once the response arrived."""
        api = self._api
        direct, context = self._direct(api)
        if not direct:
            return _via_requests(api, path, headers, attach)
        token = _token(api)
        response = self._send(api, context, path, headers, token, attach)
        if response.status == 401 and token is not None and api.auth is not None:
            response.close()
            token = api.auth.refresh_after_unauthorized(token)
            if token is None:
                raise SignInRequiredError(detail=f"401 for {path}")
            response = self._send(api, context, path, headers, token, attach)
        if response.status == 401 and token is not None:
            response.close()
            raise SignInRequiredError(detail=f"401 for {path}")
        if 300 <= response.status < 400:
            # A redirect (to a file host, say): requests follows it, and drops the token when
            # it leads to another host.
            response.close()
            return _via_requests(api, path, headers, attach)
        if response.status >= 400:
            error = error_for_status(
                response.status,
                api.base_url + path,
                response.header("Retry-After"),
                response.error_message,
            )
            response.close()
            assert error is not None
            raise error
        return response

    def cut_all(self) -> None:
        """Cut every connection, so transfers in flight fail at once; later GETs fail too.

        Only cut: each connection is closed by its own thread (`close_mine`), as closing one
        from another thread would pull its response from under a read."""
        with self._lock:
            self._closed = True
            connections = list(self._connections)
        for connection in connections:
            cut_connection(connection)

    def close_mine(self) -> None:
        """Close the calling thread's connection (a worker that stops)."""
        mine = getattr(self._local, "connection", None)
        if mine is not None:
            self._local.connection = None
            self._forget(mine[1])

    # -- the direct way --------------------------------------------------------------------------

    def _direct(self, api: ApiClient) -> tuple[bool, ssl.SSLContext | None]:
        """Whether `api`'s server is reached without a proxy, and the TLS context for https."""
        session = api.session
        key = (session, api.base_url, api.timeout)
        with self._lock:
            route = self._route
        if route is not None and route[0] == key:
            return route[2], route[1]
        url = check_server_url(api.base_url) + "/"  # plain http only to this machine
        settings = session.merge_environment_settings(url, {}, True, None, None)
        verify, cert = settings["verify"], settings["cert"]
        direct = select_proxy(url, settings["proxies"]) is None and not cert and verify is not False
        context = None
        if direct and url.startswith("https:"):
            ca = verify if isinstance(verify, str) else DEFAULT_CA_BUNDLE_PATH
            context = (
                ssl.create_default_context(capath=ca)
                if os.path.isdir(ca)
                else ssl.create_default_context(cafile=ca)
            )
        with self._lock:
            self._route = (key, context, direct)
        return direct, context

    def _send(
        self,
        api: ApiClient,
        context: ssl.SSLContext | None,
        path: str,
        headers: dict[str, str],
        token: str | None,
        attach: Attach,
    ) -> _DirectResponse:
        all_headers = {
            "User-Agent": str(api.session.headers.get("User-Agent", "")),
            "Accept-Encoding": "identity",  # the sha256 is of the bytes as stored
            **headers,
        }
        if token is not None:
            all_headers["Authorization"] = f"Bearer {token}"
        target = urlsplit(api.base_url).path + path  # a server under a path prefix keeps it
        for resend in (False, True):
            connection, reused = self._connection(api, context)
            attach(_ConnectionCut(connection))
            try:
                connection.request("GET", target, headers=all_headers)
                return _DirectResponse(connection, connection.getresponse())
            except TimeoutError as exc:
                connection.close()
                raise ServerTimeoutError(detail=str(exc)) from exc
            except (OSError, http.client.HTTPException) as exc:
                connection.close()
                stale = isinstance(exc, ConnectionError | http.client.RemoteDisconnected)
                if reused and stale and not resend and not self._closed:
                    continue  # the server closed the idle connection: once more, on a new one
                raise OfflineError(detail=str(exc)) from exc
        raise AssertionError("unreachable")

    def _connection(
        self, api: ApiClient, context: ssl.SSLContext | None
    ) -> tuple[http.client.HTTPConnection, bool]:
        """This thread's connection to `api`'s server, and whether it has been used before."""
        parts = urlsplit(api.base_url)
        origin = (parts.scheme, parts.hostname, parts.port, api.timeout)
        if self._closed:
            raise OfflineError(detail="the download queue is stopping")
        mine: tuple[tuple[object, ...], http.client.HTTPConnection] | None
        mine = getattr(self._local, "connection", None)
        if mine is not None and mine[0] == origin:
            connection = mine[1]
            return connection, connection.sock is not None
        if mine is not None:
            self._forget(mine[1])
        host = parts.hostname or ""
        if context is not None:
            connection = http.client.HTTPSConnection(
                host, parts.port, timeout=api.timeout, context=context
            )
        else:
            connection = http.client.HTTPConnection(host, parts.port, timeout=api.timeout)
        with self._lock:
            if self._closed:
                raise OfflineError(detail="the download queue is stopping")
            self._connections.add(connection)
        self._local.connection = (origin, connection)
        return connection, False

    def _forget(self, connection: http.client.HTTPConnection) -> None:
        with self._lock:
            self._connections.discard(connection)
        connection.close()


def _via_requests(
    api: ApiClient, path: str, headers: dict[str, str], attach: Attach
) -> FileResponse:
    response = _RequestsResponse(
        api.request("GET", path, authorized=api.auth is not None, stream=True, headers=headers)
    )
    attach(response)
    return response


def _token(api: ApiClient) -> str | None:
    """The access token to send (None without auth), as `ApiClient.request` does it."""
    if api.auth is None:
        return None
    token = api.auth.access_token()
    if not token:
        raise SignInRequiredError(detail="no access token")
    return token


class _ConnectionCut:
    def __init__(self, connection: http.client.HTTPConnection) -> None:
        self._connection = connection

    def cut(self) -> None:
        cut_connection(self._connection)


class _DirectResponse:
    """A response on a worker's own connection."""

    def __init__(
        self, connection: http.client.HTTPConnection, response: http.client.HTTPResponse
    ) -> None:
        self._connection = connection
        self._response = response
        self.status = response.status

    def header(self, name: str) -> str | None:
        return self._response.getheader(name)

    def read1(self, size: int) -> bytes:
        response = self._response
        if response.length == 0:  # http.client's read1 doesn't finish the body by itself
            return b""
        return response.read1(size)

    def cut(self) -> None:
        cut_connection(self._connection)

    def close(self) -> None:
        response = self._response
        if response.length == 0 and not response.will_close:
            response.read()  # b"": marks the body finished, so the connection can be reused
        else:
            self._connection.close()  # unread bytes would be taken for the next response

    def error_message(self) -> str:
        """The server's explanation in an error body (as `ApiClient` reports it)."""
        try:
            body = json.loads(self._response.read(ERROR_BODY_BYTES))
            return str(body.get("message") or body.get("error") or self._response.reason)
        except (ValueError, AttributeError, OSError, http.client.HTTPException):
            return str(self._response.reason or self.status)


class _RequestsResponse:
    """A `requests` response (the proxy way) as a FileResponse."""

    def __init__(self, response: requests.Response) -> None:
        self._response = response
        self.status = response.status_code

    def header(self, name: str) -> str | None:
        return self._response.headers.get(name)

    def read1(self, size: int) -> bytes:
        return self._response.raw.read1(size, decode_content=True)

    def cut(self) -> None:
        cut_connection(getattr(self._response.raw, "connection", None))

    def close(self) -> None:
        self._response.close()
