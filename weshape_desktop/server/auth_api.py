"""Accounts and sign-in over HTTP (DESIGN §5): registration, the OAuth 2 token endpoint
(RFC 6749: password, refresh_token, authorization_code + PKCE), the browser sign-in page
(RFC 8252 loopback redirects), revocation (RFC 7009), `/v1/me`, and the download gate.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

import sqlalchemy as sa
from fastapi import APIRouter, Depends, Form, Query, Request, params
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.engine import Engine

from weshape_desktop.server import authorize_page
from weshape_desktop.server.accounts import (
    Account,
    AccountError,
    AccountStore,
    EmailTakenError,
    password_hasher,
    utc_iso,
)
from weshape_desktop.server.db import downloads, illustrations
from weshape_desktop.server.errors import ApiError
from weshape_desktop.server.rate_limit import SlidingWindowLimiter
from weshape_desktop.server.schemas import AccountOut, ErrorBody, NewAccount, TokenError, Tokens
from weshape_desktop.server.settings import LOOPBACK_HOSTS, ServerSettings
from weshape_desktop.server.tokens import PKCE_VALUE_RE, IssuedTokens, TokenStore

CLIENT_ID = "weshape-desktop"
WRONG_CREDENTIALS = "The email or password is not right."
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
INVALID_TOKEN_HEADERS = {"WWW-Authenticate": 'Bearer error="invalid_token"'}
_FRESH_RANGE_RE = re.compile(r"^\s*bytes\s*=\s*0+\s*-", re.IGNORECASE)

bearer_scheme = HTTPBearer(
    auto_error=False, description="An access token from POST /v1/auth/token."
)


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


class WrongCredentials(Exception):
    """Wrong email or wrong password: deliberately not saying which."""


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def is_loopback_redirect(uri: str) -> bool:
    """RFC 8252 §7.3: `http://127.0.0.1:{port}/…`, `http://[::1]:{port}/…` (and `localhost`)."""
    try:
        parts = urlsplit(uri)
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError:
        return False
    return (
        parts.scheme == "http"
        and parts.hostname in LOOPBACK_HOSTS
        and "@" not in parts.netloc
        and not parts.fragment
    )


@dataclass
class Auth:
    """What the auth routes share: the stores, the limiters and the clock."""

    engine: Engine
    accounts: AccountStore
    tokens: TokenStore
    policy_version: int
    sign_in_by_email: SlidingWindowLimiter
    sign_in_by_ip: SlidingWindowLimiter
    registrations_by_ip: SlidingWindowLimiter
    clock: Callable[[], float]

    @classmethod
    def build(
        cls,
        settings: ServerSettings,
        engine: Engine,
        policy_version: int,
        clock: Callable[[], float],
    ) -> Auth:
        s = settings
        return cls(
            engine=engine,
            accounts=AccountStore(engine, password_hasher(s), clock),
            tokens=TokenStore(
                engine,
                clock,
                access_ttl_s=s.access_token_ttl_s,
                refresh_ttl_s=s.refresh_token_ttl_s,
                code_ttl_s=s.auth_code_ttl_s,
            ),
            policy_version=policy_version,
            sign_in_by_email=SlidingWindowLimiter(
                s.sign_in_failures_per_email, s.sign_in_window_s, clock
            ),
            sign_in_by_ip=SlidingWindowLimiter(
                s.sign_in_failures_per_ip, s.sign_in_window_s, clock
            ),
            registrations_by_ip=SlidingWindowLimiter(
                s.registrations_per_ip, s.registration_window_s, clock
            ),
            clock=clock,
        )

    def sign_in(self, email: str, password: str, ip: str) -> Account:
        """The account for these credentials. Failures count per email and per address;
        over either limit every attempt is refused, right password or not."""
        email_key = "email:" + email.strip().lower()
        waits = [
            self.sign_in_by_email.retry_after(email_key),
            self.sign_in_by_ip.retry_after("ip:" + ip),
        ]
        if any(w is not None for w in waits):
            raise RateLimited(max(w for w in waits if w is not None))
        account = self.accounts.verify(email, password)
        if account is None:
            self.sign_in_by_email.hit(email_key)
            self.sign_in_by_ip.hit("ip:" + ip)
            raise WrongCredentials
        self.sign_in_by_email.reset(email_key)
        return account

    def bearer_account(self, credentials: HTTPAuthorizationCredentials | None) -> Account:
        """The account a valid access token belongs to, else a 401 `invalid_token`."""
        if credentials is None:
            raise ApiError(
                401,
                "invalid_token",
                "Sign in first: this needs an access token (Authorization: Bearer …).",
                INVALID_TOKEN_HEADERS,
            )
        account_id = self.tokens.account_for_access(credentials.credentials)
        account = self.accounts.get(account_id) if account_id is not None else None
        if account is None:
            raise ApiError(
                401,
                "invalid_token",
                "The access token has expired or was revoked. Refresh it or sign in again.",
                INVALID_TOKEN_HEADERS,
            )
        return account

    def record_download(self, account_id: str, sha256: str) -> None:
        """One row per download of a catalog file (what the privacy policy announces)."""
        with self.engine.begin() as conn:
            known = conn.execute(
                sa.select(illustrations.c.sha256).where(illustrations.c.sha256 == sha256).limit(1)
            ).first()
            if known is not None:
                conn.execute(
                    downloads.insert(),
                    [
                        {
                            "account_id": account_id,
                            "sha256": sha256,
                            "downloaded_at": utc_iso(self.clock()),
                        }
                    ],
                )


def token_error(
    status: int, code: str, description: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    """RFC 6749 §5.2 errors, also in the API's uniform `{"error", "message"}` shape."""
    body = {"error": code, "error_description": description, "message": description}
    return JSONResponse(body, status, headers={**NO_STORE, **(headers or {})})


def tokens_response(issued: IssuedTokens) -> JSONResponse:
    return JSONResponse(issued.to_json(), headers=NO_STORE)


def download_gate(auth: Auth) -> params.Depends:
    """A dependency for `/v1/files/…`: a valid access token, and each download recorded.
    A ranged request that resumes past byte 0 continues a download already recorded."""

    def gate(
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
    ) -> None:
        account = auth.bearer_account(credentials)
        sha256 = str(request.path_params.get("sha256", ""))
        resumed = "range" in request.headers and not _FRESH_RANGE_RE.match(request.headers["range"])
        if request.method == "GET" and not resumed and re.fullmatch(r"[0-9a-f]{64}", sha256):
            auth.record_download(account.id, sha256)

    dependency: params.Depends = Depends(gate)
    return dependency


def auth_router(auth: Auth) -> APIRouter:
    router = APIRouter(prefix="/v1")
    errors: dict[int | str, dict[str, Any]] = {
        422: {"model": ErrorBody},
        429: {"model": ErrorBody},
    }

    @router.post(
        "/accounts",
        status_code=201,
        response_model=AccountOut,
        tags=["accounts"],
        responses={409: {"model": ErrorBody}, **errors},
    )
    def register(body: NewAccount, request: Request) -> AccountOut:
        key = "ip:" + client_ip(request)
        wait = auth.registrations_by_ip.retry_after(key)
        if wait is not None:
            raise ApiError(
                429,
                "rate_limited",
                f"Too many new accounts from this address. Try again in {wait} seconds.",
                {"Retry-After": str(wait)},
            )
        auth.registrations_by_ip.hit(key)
        if body.accepted_policy_version != auth.policy_version:
            raise ApiError(
                422,
                "policy_not_accepted",
                f"Read and accept the current privacy policy (version {auth.policy_version}) "
                "to create an account.",
            )
        try:
            account = auth.accounts.create(
                name=body.name,
                email=body.email,
                password=body.password,
                locale=body.locale,
                accepted_policy_version=body.accepted_policy_version,
            )
        except AccountError as exc:
            raise ApiError(422, exc.code, exc.message) from None
        except EmailTakenError:
            raise ApiError(
                409,
                "email_taken",
                "An account with this email already exists. Sign in instead.",
            ) from None
        return AccountOut(**account.to_json())

    @router.post(
        "/auth/token",
        tags=["auth"],
        response_model=Tokens,
        responses={400: {"model": TokenError}, 429: {"model": TokenError}},
    )
    def token(
        request: Request,
        grant_type: Annotated[str | None, Form()] = None,
        username: Annotated[str | None, Form()] = None,
        password: Annotated[str | None, Form()] = None,
        refresh_token: Annotated[str | None, Form()] = None,
        code: Annotated[str | None, Form()] = None,
        redirect_uri: Annotated[str | None, Form()] = None,
        code_verifier: Annotated[str | None, Form()] = None,
        client_id: Annotated[str | None, Form()] = None,
    ) -> Response:
        if not grant_type:
            return token_error(400, "invalid_request", "Send a grant_type.")
        if grant_type == "password":
            if not username or password is None:
                return token_error(
                    400, "invalid_request", "Send username (your email) and password."
                )
            try:
                account = auth.sign_in(username, password, client_ip(request))
            except RateLimited as limited:
                return token_error(
                    429,
                    "rate_limited",
                    f"Too many sign-in attempts. Try again in {limited.retry_after} seconds.",
                    {"Retry-After": str(limited.retry_after)},
                )
            except WrongCredentials:
                return token_error(400, "invalid_grant", WRONG_CREDENTIALS)
            return tokens_response(auth.tokens.issue(account.id))
        if grant_type == "refresh_token":
            if not refresh_token:
                return token_error(400, "invalid_request", "Send the refresh_token.")
            issued = auth.tokens.rotate(refresh_token)
            if issued is None:
                return token_error(
                    400, "invalid_grant", "This sign-in has expired or was revoked. Sign in again."
                )
            return tokens_response(issued)
        if grant_type == "authorization_code":
            if not (code and redirect_uri and code_verifier and client_id):
                return token_error(
                    400,
                    "invalid_request",
                    "Send code, redirect_uri, code_verifier and client_id.",
                )
            issued = auth.tokens.redeem_code(
                code, client_id=client_id, redirect_uri=redirect_uri, code_verifier=code_verifier
            )
            if issued is None:
                return token_error(
                    400,
                    "invalid_grant",
                    "This sign-in code is not valid, has expired or was already used. "
                    "Start the browser sign-in again.",
                )
            return tokens_response(issued)
        return token_error(
            400,
            "unsupported_grant_type",
            "grant_type must be password, refresh_token or authorization_code.",
        )

    @router.post("/auth/revoke", tags=["auth"], responses={400: {"model": TokenError}})
    def revoke(token: Annotated[str | None, Form()] = None) -> Response:
        if token is None:
            return token_error(400, "invalid_request", "Send the token to revoke.")
        auth.tokens.revoke(token)
        return Response(status_code=200, headers=NO_STORE)

    @router.get(
        "/me", response_model=AccountOut, tags=["accounts"], responses={401: {"model": ErrorBody}}
    )
    def me(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
    ) -> AccountOut:
        return AccountOut(**auth.bearer_account(credentials).to_json())

    @router.get("/auth/authorize", tags=["auth"], response_class=Response)
    def authorize_form(
        response_type: Annotated[str | None, Query()] = None,
        client_id: Annotated[str | None, Query()] = None,
        redirect_uri: Annotated[str | None, Query()] = None,
        state: Annotated[str | None, Query()] = None,
        code_challenge: Annotated[str | None, Query()] = None,
        code_challenge_method: Annotated[str | None, Query()] = None,
        lang: Annotated[str | None, Query()] = None,
    ) -> Response:
        query = authorize_params(
            response_type, client_id, redirect_uri, state, code_challenge, code_challenge_method
        )
        reason = refusal(query)
        if reason is not None:
            return authorize_page.invalid_request_page(lang, reason)
        return authorize_page.sign_in_page({**query, "lang": authorize_page.page_lang(lang)})

    @router.post("/auth/authorize", tags=["auth"], response_class=Response)
    def authorize_submit(
        request: Request,
        response_type: Annotated[str | None, Form()] = None,
        client_id: Annotated[str | None, Form()] = None,
        redirect_uri: Annotated[str | None, Form()] = None,
        state: Annotated[str | None, Form()] = None,
        code_challenge: Annotated[str | None, Form()] = None,
        code_challenge_method: Annotated[str | None, Form()] = None,
        lang: Annotated[str | None, Form()] = None,
        email: Annotated[str, Form()] = "",
        password: Annotated[str, Form()] = "",
    ) -> Response:
        query = authorize_params(
            response_type, client_id, redirect_uri, state, code_challenge, code_challenge_method
        )
        reason = refusal(query)
        if reason is not None:
            return authorize_page.invalid_request_page(lang, reason)
        page_params = {**query, "lang": authorize_page.page_lang(lang)}
        try:
            account = auth.sign_in(email, password, client_ip(request))
        except RateLimited as limited:
            return authorize_page.sign_in_page(
                page_params,
                email=email,
                error="rate_limited",
                status_code=429,
                headers={"Retry-After": str(limited.retry_after)},
            )
        except WrongCredentials:
            return authorize_page.sign_in_page(
                page_params, email=email, error="wrong", status_code=400
            )
        code = auth.tokens.create_code(
            account.id,
            client_id=query["client_id"],
            redirect_uri=query["redirect_uri"],
            code_challenge=query["code_challenge"],
        )
        back = {"code": code, **({"state": query["state"]} if "state" in query else {})}
        target = query["redirect_uri"]
        separator = "&" if urlsplit(target).query else "?"
        return RedirectResponse(
            f"{target}{separator}{urlencode(back)}", status_code=302, headers=NO_STORE
        )

    return router


def authorize_params(
    response_type: str | None,
    client_id: str | None,
    redirect_uri: str | None,
    state: str | None,
    code_challenge: str | None,
    code_challenge_method: str | None,
) -> dict[str, str]:
    given = {
        "response_type": response_type,
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "state": state,
        "code_challenge": code_challenge,
        "code_challenge_method": code_challenge_method,
    }
    return {name: value for name, value in given.items() if value is not None}


def refusal(query: dict[str, str]) -> str | None:
    """Why an authorize request can't be honoured (an `authorize_page.REASONS` key), or None.
    The client and the redirect URI are checked first: when either is wrong, nothing may be
    sent to the redirect URI (RFC 6749 §4.1.2.1), so every refusal is a page of our own."""
    if query.get("client_id") != CLIENT_ID:
        return "client_id"
    if not is_loopback_redirect(query.get("redirect_uri", "")):
        return "redirect_uri"
    if query.get("response_type") != "code":
        return "response_type"
    if query.get("code_challenge_method") != "S256" or not PKCE_VALUE_RE.match(
        query.get("code_challenge", "")
    ):
        return "code_challenge"
    if len(query.get("state", "")) > 1024:
        return "state"
    return None
