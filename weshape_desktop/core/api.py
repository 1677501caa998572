"""HTTP client for the weShape API v1 (DESIGN §5).

Every request the app makes goes through `ApiClient.send_authorized` (auth, the refresh after a
401, typed errors for statuses) and `transport_error` (typed errors for failed connections):
the JSON calls here over a `requests` session, file transfers (`core.downloads`) over urllib3
directly (the library under requests: ~0.6 ms less CPU a request), through the proxy and with
the CA bundle requests would use (`ApiClient.route`).
"""

from __future__ import annotations

import ipaddress
import os
import re
import threading
from collections.abc import Callable
from typing import Any, Protocol, TypeVar
from urllib.parse import urlsplit

import requests
from requests.utils import DEFAULT_CA_BUNDLE_PATH, select_proxy
from urllib3.exceptions import (
    LocationParseError,
    MaxRetryError,
    NewConnectionError,
    ResponseError,
    TimeoutError,
)
from urllib3.util import Url, parse_url
from urllib3.util.retry import Retry

from weshape_desktop import __version__
from weshape_desktop.core.abortable_http import AbortableAdapter
from weshape_desktop.core.errors import (
    BadResponseError,
    InsecureServerError,
    InvalidServerAddressError,
    OfflineError,
    ServerError,
    ServerTimeoutError,
    SignInRequiredError,
    WeshapeError,
)
from weshape_desktop.core.models import CatalogPage, CatalogQuery, Facets, Illustration
from weshape_desktop.core.server_errors import server_error

RETRY_STATUSES = (500, 502, 503, 504)

# What requests reads from the environment to choose a proxy and a CA bundle (see `route`).
_ROUTE_ENVIRONMENT = (
    *(
        name
        for s in ("http", "https", "all", "no")
        for name in (f"{s}_proxy", f"{s.upper()}_PROXY")
    ),
    "REQUESTS_CA_BUNDLE",
    "CURL_CA_BUNDLE",
)


class Answer(Protocol):
    """A response as `ApiClient.send_authorized` sees it, whichever library got it."""

    @property
    def status(self) -> int: ...

    def header(self, name: str) -> str | None:
        """A response header, or None."""

    def error_code(self) -> str:
        """The `error` code of an error body ("" without one)."""

    def close(self) -> None:
        """Done with it (its body unread)."""


A = TypeVar("A", bound=Answer)


class TokenProvider(Protocol):
    """Hands out access tokens (the signed-in session implements it)."""

    def access_token(self) -> str | None:
        """A usable access token, refreshed first if it expired; None when signed out."""

    def refresh_after_unauthorized(self, rejected: str) -> str | None:
        """The server refused `rejected`: refresh once (or return the token another thread got
        meanwhile). None means the user must sign in again."""


def is_loopback_host(host: str) -> bool:
    """True for localhost and loopback IP addresses (IPv6 with or without its brackets)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.removeprefix("[").removesuffix("]")).is_loopback
    except ValueError:
        return False


# Characters no server address needs, and on which URL parsers disagree about where the host
# ends (`http://a\@b` is host a to urllib3, host b to urlsplit): whitespace, controls, backslash.
_REFUSED_CHARACTERS = re.compile(r"[\s\x00-\x1f\x7f\\]")


def check_server_url(url: str) -> str:
    """The server address as requests will use it: `url` rebuilt from urllib3's parse (the
    parser that sends), without a trailing slash.

    Raises `InvalidServerAddressError` for what a server address never needs and URL parsers
    read differently (a user name or password, whitespace, control characters, backslashes, a
    query, a fragment), and `InsecureServerError` unless it is https (or http to this computer).
    """
    try:
        parts = parse_url(url)
    except LocationParseError:
        raise InvalidServerAddressError(_shown(url), detail="unparsable") from None
    if (
        _REFUSED_CHARACTERS.search(url)
        or parts.auth is not None
        or parts.query is not None
        or parts.fragment is not None
    ):
        raise InvalidServerAddressError(_shown(url))
    if not parts.host or parts.scheme not in ("http", "https"):
        raise InsecureServerError(_shown(url))
    if parts.scheme == "http" and not is_loopback_host(parts.host):
        raise InsecureServerError(_shown(url))
    path = (parts.path or "").rstrip("/") or None
    clean = Url(scheme=parts.scheme, host=parts.host, port=parts.port, path=path).url
    try:
        requests.Request("GET", clean).prepare()  # e.g. refuses a host "." that urllib3 takes
    except requests.RequestException:
        raise InvalidServerAddressError(_shown(url), detail="requests refuses it") from None
    # The standard library's urlsplit must see the same server too.
    again = urlsplit(clean)
    if (again.hostname, again.port) != (parts.host.strip("[]").lower(), parts.port):
        raise InvalidServerAddressError(_shown(url), detail="parsers disagree")
    return clean


def _shown(url: str) -> str:
    """`url` for a message: invisible characters written as escapes."""
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in url)


class BearerAuth(requests.auth.AuthBase):
    """The access token as a Bearer header. Given as `auth` (not a header) because requests
    replaces the Authorization header with ~/.netrc credentials when a request has no auth."""

    def __init__(self, token: str) -> None:
        self._token = token

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        request.headers["Authorization"] = f"Bearer {self._token}"
        return request

    def __repr__(self) -> str:
        return "BearerAuth(<hidden>)"


class ApiClient:
    """A `requests.Session` with timeouts, retries for idempotent calls and typed errors.

    TLS certificates are always verified (requests' default; never turned off here).
    """

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 10.0,
        retries: int = 3,
        backoff: float = 0.25,
        auth: TokenProvider | None = None,
    ) -> None:
        self.base_url = check_server_url(base_url)
        self.auth = auth
        self.timeout = timeout
        self.session = requests.Session()
        self.session.headers["User-Agent"] = f"weShape-Desktop/{__version__}"
        retry = Retry(
            total=retries,
            connect=retries,
            read=retries,
            status=retries,
            backoff_factor=backoff,
            status_forcelist=RETRY_STATUSES,
            allowed_methods=frozenset({"GET", "HEAD"}),
            respect_retry_after_header=True,
            raise_on_status=False,
        )
        adapter = AbortableAdapter(max_retries=retry, pool_maxsize=8)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self._routes_lock = threading.Lock()
        self._routes: dict[tuple[object, ...], tuple[str | None, str]] = {}

    def close(self) -> None:
        """Close the connections; requests still in flight (on other threads) fail at once."""
        self.session.close()

    # -- endpoints ---------------------------------------------------------------------------

    def health(self) -> bool:
        """True when the server answers its liveness check."""
        return bool(self._get_json("/v1/health").get("status") == "ok")

    def catalog(
        self, query: CatalogQuery, cursor: str | None = None, limit: int = 60
    ) -> CatalogPage:
        """One page of the catalog matching `query`, one item per illustration (its style
        variants inside)."""
        params: dict[str, str | int] = {"limit": limit, "group": "family"}
        for key in ("q", "category", "style"):
            value = getattr(query, key)
            if value:
                params[key] = value
        # Relevance by default: the best matches of a search first, else the catalog's order.
        params["sort"], _, lang = (query.sort or "relevance").partition("-")
        if lang:
            params["lang"] = lang
        if cursor:
            params["cursor"] = cursor
        return CatalogPage.from_json(self._get_json("/v1/catalog", params))

    def facets(self) -> Facets:
        """Categories and styles with their names and counts."""
        return Facets.from_json(self._get_json("/v1/catalog/facets", {"group": "family"}))

    def illustration(self, item_id: str) -> Illustration:
        return Illustration.from_json(self._get_json(f"/v1/illustrations/{item_id}"))

    def file_url(self, sha256: str) -> str:
        """The full file (a download; may need sign-in)."""
        return f"{self.base_url}/v1/files/{sha256}"

    def preview_url(self, sha256: str) -> str:
        """The same bytes for browsing the catalog: public, so the grid works signed out."""
        return f"{self.base_url}/v1/previews/{sha256}"

    def file_bytes(self, sha256: str) -> bytes:
        """The whole file; the caller verifies its sha256."""
        return self._get(f"/v1/files/{sha256}").content

    def policy(self, lang: str) -> dict[str, Any]:
        return self._get_json("/v1/policy", {"lang": lang})

    def policy_acknowledged(self) -> int:
        """The newest policy version the signed-in account acknowledged."""
        response = self.request("GET", "/v1/me/policy", authorized=True)
        return _acknowledged_version(response)

    def acknowledge_policy(self, version: int) -> int:
        """Tell the server the signed-in account read policy `version`."""
        response = self.request(
            "POST", "/v1/me/policy/acknowledge", authorized=True, json={"version": version}
        )
        return _acknowledged_version(response)

    # -- plumbing ----------------------------------------------------------------------------

    def request(
        self, method: str, path: str, *, authorized: bool = False, **kwargs: Any
    ) -> requests.Response:
        """Send a request; `authorized` adds the access token and refreshes it once on 401.

        Extra keyword arguments go to `requests` (params, data, json, headers, stream).
        Statuses >= 400 raise the matching typed error.
        """

        def send(token: str | None) -> _RequestsAnswer:
            if token is not None:
                kwargs["auth"] = BearerAuth(token)
            return _RequestsAnswer(self._send(method, path, **kwargs))

        return self.send_authorized(path, send, authorized=authorized).response

    def send_authorized(self, path: str, send: Callable[[str | None], A], *, authorized: bool) -> A:
        """How every request to the server is sent: `send(token)` sends it (with that access
        token when not None) and returns the answer. `authorized` sends the access token and, on
        401, refreshes it once and sends again; a 401 then (or a refused refresh) raises
        `SignInRequiredError`, other statuses >= 400 their typed error (`error_for_status`)."""
        token = self._token() if authorized else None
        answer = send(token)
        if answer.status == 401 and token is not None and self.auth is not None:
            answer.close()
            token = self.auth.refresh_after_unauthorized(token)
            if token is None:
                raise SignInRequiredError(detail=f"401 for {path}")
            answer = send(token)
        if answer.status == 401 and authorized:
            answer.close()
            raise SignInRequiredError(detail=f"401 for {path} after a refresh")
        error = error_for_status(
            answer.status, self.base_url + path, answer.header("Retry-After"), answer.error_code
        )
        if error is not None:
            answer.close()
            raise error
        return answer

    def route(self) -> tuple[str | None, str]:
        """The proxy (None: straight to the server) and the CA bundle (file or folder) that
        requests would use for the server, from the session's settings and the environment.

        Asking requests costs ~0.17 ms, so the answer is kept until one of the environment
        variables requests reads for it (or the session's settings) changes.
        """
        session, url = self.session, self.base_url + "/"
        key = (
            url,
            session.trust_env,
            session.verify,
            tuple(session.proxies.items()),
            tuple(map(os.environ.get, _ROUTE_ENVIRONMENT)),
        )
        with self._routes_lock:
            known = self._routes.get(key)
        if known is not None:
            return known
        settings = session.merge_environment_settings(url, {}, None, None, None)
        verify = settings["verify"]  # never False here: TLS is always verified
        found = (
            select_proxy(url, settings["proxies"]),
            verify if isinstance(verify, str) else DEFAULT_CA_BUNDLE_PATH,
        )
        with self._routes_lock:
            if len(self._routes) > 64:  # environments come and go: keep the last ones only
                self._routes.clear()
            self._routes[key] = found
        return found

    def _send(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        """One request through the session, its statuses not mapped (see `request`)."""
        kwargs.setdefault("timeout", self.timeout)
        try:
            return self.session.request(method, self.base_url + path, **kwargs)
        except requests.RequestException as exc:
            raise transport_error(exc) from exc

    def _token(self) -> str:
        token = self.auth.access_token() if self.auth is not None else None
        if not token:
            raise SignInRequiredError(detail="no access token")
        return token

    def _get(self, path: str, params: dict[str, Any] | None = None) -> requests.Response:
        return self.request("GET", path, params=params)

    def _get_json(self, path: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        response = self._get(path, params)
        try:
            data = response.json()
        except ValueError as exc:
            raise BadResponseError(detail=f"{path}: not JSON") from exc
        if not isinstance(data, dict):
            raise BadResponseError(detail=f"{path}: expected a JSON object")
        return data


def _acknowledged_version(response: requests.Response) -> int:
    with response:
        try:
            version = response.json()["acknowledged_version"]
        except (ValueError, KeyError, TypeError):
            raise BadResponseError(detail="not a policy acknowledgement") from None
    if not isinstance(version, int):
        raise BadResponseError(detail="not a policy acknowledgement")
    return version


def transport_error(exc: Exception) -> WeshapeError:
    """The typed error for a request that got no answer: requests' or urllib3's exception.

    Retries turn a failure into a MaxRetryError that holds the last one; urllib3's
    NewConnectionError (refused, unreachable) subclasses its TimeoutError but is no timeout.
    """
    cause = exc.args[0] if isinstance(exc, requests.RequestException) and exc.args else exc
    reason = cause.reason if isinstance(cause, MaxRetryError) else cause
    if isinstance(exc, requests.exceptions.RetryError) or isinstance(reason, ResponseError):
        return ServerError("retries exhausted", detail=str(exc))
    timed_out = isinstance(reason, TimeoutError) and not isinstance(reason, NewConnectionError)
    if isinstance(exc, requests.Timeout) or timed_out:
        return ServerTimeoutError(detail=str(exc))
    return OfflineError(detail=str(exc))


class _RequestsAnswer:
    """A `requests` response as an `Answer`."""

    def __init__(self, response: requests.Response) -> None:
        self.response = response
        self.status = response.status_code

    def header(self, name: str) -> str | None:
        return self.response.headers.get(name)

    def error_code(self) -> str:
        try:
            return str(self.response.json().get("error") or "")
        except (ValueError, AttributeError):
            return ""

    def close(self) -> None:
        self.response.close()


def error_for_status(
    status: int, url: str, retry_after: str | None, code: Callable[[], str]
) -> WeshapeError | None:
    """The typed error for an HTTP `status` (None below 400); `code()` reads the error code
    of the body, `retry_after` is the header of a 429."""
    if status < 400:
        return None
    return server_error(status, code(), f"HTTP {status} for {url}", retry_after)
