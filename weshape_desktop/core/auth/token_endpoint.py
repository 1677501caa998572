"""Calls to the OAuth 2 endpoints (RFC 6749 token, RFC 7009 revoke) and account registration,
with the server's error codes turned into typed errors a person can act on."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import requests

from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.errors import BadResponseError, WeshapeError
from weshape_desktop.core.models import Account
from weshape_desktop.core.server_errors import server_error

TOKEN_PATH = "/v1/auth/token"
REVOKE_PATH = "/v1/auth/revoke"
ACCOUNTS_PATH = "/v1/accounts"


class InvalidGrantError(Exception):
    """The token endpoint refused the grant (wrong password, used refresh token, bad code).

    Internal: callers turn it into the error that fits the grant."""


@dataclass(frozen=True)
class TokenPair:
    """A token response. Tokens never appear in `repr()`."""

    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    expires_in: float


def post(api: ApiClient, path: str, **kwargs: Any) -> requests.Response:
    """POST through the client's session, timeouts and offline mapping, without status mapping
    (these endpoints' error codes decide the error). POSTs are never retried automatically."""
    return api._send("POST", path, **kwargs)


def request_tokens(api: ApiClient, form: dict[str, str]) -> TokenPair:
    """POST `form` to the token endpoint; raise `InvalidGrantError` or a typed error."""
    response = post(api, TOKEN_PATH, data=form)
    with response:
        if response.status_code == 200:
            return _parse_tokens(response)
        code = error_code(response)
        if response.status_code in (400, 401) and code == "invalid_grant":
            raise InvalidGrantError(form.get("grant_type", ""))
        raise status_error(response, code)


def revoke(api: ApiClient, token: str) -> bool:
    """Revoke a refresh token (and its family). False when the server should be asked again
    later (5xx, 429); raises `OfflineError` when it can't be reached."""
    response = post(api, REVOKE_PATH, data={"token": token, "token_type_hint": "refresh_token"})
    with response:
        # RFC 7009 answers 200 even for unknown tokens; another 4xx will never succeed either.
        return response.status_code < 500 and response.status_code != 429


def register(api: ApiClient, payload: dict[str, Any]) -> Account:
    """Create an account; raise the typed error for a taken email, weak password, etc."""
    response = post(api, ACCOUNTS_PATH, json=payload)
    with response:
        if response.status_code in (200, 201):
            return Account.from_json(_json(response))
        raise status_error(response, error_code(response))


def error_code(response: requests.Response) -> str:
    """The `error` field of an error body ("" when there is none)."""
    try:
        body = response.json()
    except ValueError:
        return ""
    return str(body.get("error") or "") if isinstance(body, dict) else ""


def status_error(response: requests.Response, code: str) -> WeshapeError:
    """The typed error for a failed call, from its status and error code."""
    status = response.status_code
    detail = f"HTTP {status} {code or '-'} for {response.request.path_url}"
    if status < 400:
        return BadResponseError(detail=detail)
    return server_error(status, code, detail, response.headers.get("Retry-After"))


def _json(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        raise BadResponseError(detail=f"{response.request.path_url}: not JSON") from None


def _parse_tokens(response: requests.Response) -> TokenPair:
    # Details name the missing field only: the body holds tokens and must not reach any log.
    data = _json(response)
    if not isinstance(data, dict):
        raise BadResponseError(detail="token response: not an object")
    access, refresh = data.get("access_token"), data.get("refresh_token")
    if not isinstance(access, str) or not access:
        raise BadResponseError(detail="token response: no access_token")
    if not isinstance(refresh, str) or not refresh:
        raise BadResponseError(detail="token response: no refresh_token")
    if str(data.get("token_type", "")).lower() != "bearer":
        raise BadResponseError(detail="token response: token_type is not Bearer")
    expires_in = data.get("expires_in")
    if isinstance(expires_in, bool) or not isinstance(expires_in, int | float) or expires_in <= 0:
        raise BadResponseError(detail="token response: bad expires_in")
    return TokenPair(access, refresh, float(expires_in))
