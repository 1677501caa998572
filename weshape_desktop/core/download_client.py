"""The HTTP client file transfers use: the app's `ApiClient`, minus a per-request environment scan.

With `trust_env` on (the default, and what users behind a proxy need), `requests` reads the proxy
variables, `no_proxy` and the CA-bundle variables on every request — measured here at about a
tenth of a millisecond of Python work per request (the environment is scanned twice), under the
GIL that every download worker shares. Transfers make one request per file to one server, so
`TransferClient` reads those settings once per scheme and host instead. The environment still
decides; it is just not re-read while the queue runs.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import requests

from weshape_desktop.core.api import ApiClient

if TYPE_CHECKING:
    from requests.sessions import _Settings  # the stubs' name for what the method returns


class _EnvironmentOncePerHost(requests.Session):
    """A Session that remembers `merge_environment_settings` per origin and request settings."""

    def __init__(self) -> None:
        super().__init__()
        self._settings: dict[Hashable, _Settings] = {}
        self._settings_lock = threading.Lock()

    def merge_environment_settings(
        self,
        url: Any,
        proxies: Any,
        stream: Any,
        verify: Any,
        cert: Any,
    ) -> _Settings:
        """`requests`' environment merge, computed once per origin (see the module docstring)."""
        if proxies or not self.trust_env:  # per-request proxies are never cached
            return super().merge_environment_settings(url, proxies, stream, verify, cert)
        parts = urlsplit(url)
        key = (parts.scheme, parts.netloc, stream, verify, cert)
        with self._settings_lock:
            settings = self._settings.get(key)
        if settings is None:
            settings = super().merge_environment_settings(url, {}, stream, verify, cert)
            with self._settings_lock:
                self._settings[key] = settings
        # Copies: requests may adjust what it gets back (e.g. proxies on redirects).
        return {**settings, "proxies": dict(settings["proxies"])}


class TransferClient:
    """The client file transfers send through: `api`'s server, timeout, headers, auth, connection
    pools and retry policy, with the environment read once per host.

    `api` may be swapped under the queue (the UI passes a forwarding object, so the server can
    change without stopping the queue): `current()` follows its session and server.
    """

    def __init__(self, api: ApiClient) -> None:
        self._api = api
        self._lock = threading.Lock()
        self._client: ApiClient | None = None
        self._made_from: tuple[object, ...] = ()

    def current(self) -> ApiClient:
        """The client for the next request, with `api`'s auth as it is now."""
        api = self._api
        made_from = (api.session, api.base_url, api.timeout)
        with self._lock:
            if self._client is None or made_from != self._made_from:
                self._client, self._made_from = _twin(api), made_from
            client = self._client
        client.auth = api.auth  # sign-in and sign-out change it
        return client


def _twin(api: ApiClient) -> ApiClient:
    """A client like `api` whose session reads the environment once per host. It shares `api`'s
    adapters, so it must not be closed: they close with `api`."""
    client = ApiClient(api.base_url, timeout=api.timeout, auth=api.auth)
    session = _EnvironmentOncePerHost()
    session.headers.update(api.session.headers)
    session.trust_env = api.session.trust_env
    session.proxies = dict(api.session.proxies)
    session.verify = api.session.verify
    session.cert = api.session.cert
    for prefix, adapter in api.session.adapters.items():
        session.mount(prefix, adapter)
    client.session.close()  # its own pools were never used
    client.session = session
    return client
