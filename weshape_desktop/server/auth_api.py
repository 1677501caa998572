"""Accounts and sign-in over HTTP (DESIGN §5): registration, the OAuth 2 token endpoint
(RFC 6749: password, refresh_token, authorization_code + PKCE), revocation (RFC 7009), `/v1/me`,
and the download gate. The browser sign-in page that hands out codes is in `authorize_api`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, Depends, Form, Request, params
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from sqlalchemy.engine import Engine

from weshape_desktop.server.accounts import (
    Account,
    AccountError,
    AccountStore,
    EmailTakenError,
    fold_email,
    password_hasher,
    utc_iso,
)
from weshape_desktop.server.body_limit import TOO_LARGE_RESPONSE
from weshape_desktop.server.db import downloads, illustrations
from weshape_desktop.server.errors import ApiError
from weshape_desktop.server.rate_limit import SlidingWindowLimiter
from weshape_desktop.server.schemas import AccountOut, ErrorBody, NewAccount, TokenError, Tokens
from weshape_desktop.server.settings import ServerSettings
from weshape_desktop.server.tokens import IssuedTokens, TokenStore

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


class TokenRequest(BaseModel):
    """The token endpoint's form (RFC 6749 §4.1.3, §4.3.2, §6): which fields matter depends on
    `grant_type`, so all are optional here and the endpoint names what is missing."""

    grant_type: str | None = None
    username: str | None = None
    password: str | None = Field(default=None, repr=False)
    refresh_token: str | None = Field(default=None, repr=False)
    code: str | None = Field(default=None, repr=False)
    redirect_uri: str | None = None
    code_verifier: str | None = Field(default=None, repr=False)
    client_id: str | None = None


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@dataclass
class Auth:
    """What the auth routes share: the stores, the limiters and the clock."""

    engine: Engine
    accounts: AccountStore
    tokens: TokenStore
    policy_version: Callable[[], int]  # the version in force, which new accounts must accept
    sign_in_by_email: SlidingWindowLimiter
    sign_in_by_ip: SlidingWindowLimiter
    registrations_by_ip: SlidingWindowLimiter
    clock: Callable[[], float]

    @classmethod
    def build(
        cls,
        settings: ServerSettings,
        engine: Engine,
        policy_version: Callable[[], int],
        clock: Callable[[], float],
    ) -> Auth:
        s = settings
        limiter = partial(SlidingWindowLimiter, engine, clock=clock, hash_key=s.rate_limit_key)
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
            sign_in_by_email=limiter(
                "sign_in_email", s.sign_in_failures_per_email, s.sign_in_window_s
            ),
            sign_in_by_ip=limiter("sign_in_ip", s.sign_in_failures_per_ip, s.sign_in_window_s),
            registrations_by_ip=limiter(
                "registration_ip", s.registrations_per_ip, s.registration_window_s
            ),
            clock=clock,
        )

    def sign_in(self, email: str, password: str, ip: str) -> Account:
        """The account for these credentials. Every attempt counts per email and per address
        before the password is checked (a success then takes its attempt back); over either
        limit every attempt is refused, right password or not."""
        email_key, ip_key = "email:" + fold_email(email), "ip:" + ip
        wait = self.sign_in_by_email.try_hit(email_key)
        if wait is None:
            wait = self.sign_in_by_ip.try_hit(ip_key)
            if wait is not None:
                self.sign_in_by_email.undo(email_key)
        if wait is not None:
            raise RateLimited(wait)
        account = self.accounts.verify(email, password)
        if account is None:
            raise WrongCredentials
        self.sign_in_by_email.reset(email_key)
        self.sign_in_by_ip.undo(ip_key)
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
        responses={
            400: {"model": ErrorBody, "description": "The body is not UTF-8 JSON"},
            409: {"model": ErrorBody},
            **errors,
            **TOO_LARGE_RESPONSE,
        },
    )
    def register(body: NewAccount, request: Request) -> AccountOut:
        key = "ip:" + client_ip(request)
        wait = auth.registrations_by_ip.try_hit(key)
        if wait is not None:
            raise ApiError(
                429,
                "rate_limited",
                f"Too many new accounts from this address. Try again in {wait} seconds.",
                {"Retry-After": str(wait)},
            )
        current_policy = auth.policy_version()
        if body.accepted_policy_version != current_policy:
            raise ApiError(
                422,
                "policy_not_accepted",
                f"Read and accept the current privacy policy (version {current_policy}) "
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
        responses={
            400: {"model": TokenError},
            422: {"model": ErrorBody},
            429: {"model": TokenError},
            **TOO_LARGE_RESPONSE,
        },
    )
    def token(request: Request, form: Annotated[TokenRequest, Form()]) -> Response:
        if not form.grant_type:
            return token_error(400, "invalid_request", "Send a grant_type.")
        if form.grant_type == "password":
            if not form.username or form.password is None:
                return token_error(
                    400, "invalid_request", "Send username (your email) and password."
                )
            try:
                account = auth.sign_in(form.username, form.password, client_ip(request))
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
        if form.grant_type == "refresh_token":
            if not form.refresh_token:
                return token_error(400, "invalid_request", "Send the refresh_token.")
            issued = auth.tokens.rotate(form.refresh_token)
            if issued is None:
                return token_error(
                    400, "invalid_grant", "This sign-in has expired or was revoked. Sign in again."
                )
            return tokens_response(issued)
        if form.grant_type == "authorization_code":
            if not (form.code and form.redirect_uri and form.code_verifier and form.client_id):
                return token_error(
                    400,
                    "invalid_request",
                    "Send code, redirect_uri, code_verifier and client_id.",
                )
            issued = auth.tokens.redeem_code(
                form.code,
                client_id=form.client_id,
                redirect_uri=form.redirect_uri,
                code_verifier=form.code_verifier,
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

    @router.post(
        "/auth/revoke",
        tags=["auth"],
        response_class=Response,
        responses={
            200: {"description": "Signed out (also for a token that was never valid, RFC 7009)"},
            400: {"model": TokenError},
            422: {"model": ErrorBody},
            **TOO_LARGE_RESPONSE,
        },
    )
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

    return router
