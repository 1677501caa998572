"""The browser sign-in of RFC 8252 (DESIGN §5): `GET /v1/auth/authorize` serves the page,
`POST /v1/auth/authorize` checks the password and redirects to the app's loopback listener with a
single-use code, which the app trades at the token endpoint with its PKCE verifier (RFC 7636).
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from weshape_desktop.server import authorize_page
from weshape_desktop.server.auth_api import (
    NO_STORE,
    Auth,
    RateLimited,
    WrongCredentials,
    client_ip,
)
from weshape_desktop.server.body_limit import TOO_LARGE_RESPONSE
from weshape_desktop.server.schemas import ErrorBody
from weshape_desktop.server.settings import LOOPBACK_HOSTS
from weshape_desktop.server.tokens import PKCE_VALUE_RE

CLIENT_ID = "weshape-desktop"
HTML: dict[str, Any] = {"content": {"text/html": {}}}
PAGE_REFUSED = {"description": "A page saying what is wrong (the request or the password)", **HTML}
OAUTH_FIELDS = (
    "response_type", "client_id", "redirect_uri", "state", "code_challenge",
    "code_challenge_method",
)  # fmt: skip


class AuthorizeRequest(BaseModel):
    """The authorization request (RFC 6749 §4.1.1 + RFC 7636 §4.3): the query string of the
    page, then hidden fields of its form. Nothing is validated here: `refusal` decides, so that
    every problem becomes a page of our own rather than a JSON 422."""

    response_type: str | None = None
    client_id: str | None = None
    redirect_uri: str | None = None
    state: str | None = None
    code_challenge: str | None = None
    code_challenge_method: str | None = None
    lang: str | None = None

    def oauth_params(self) -> dict[str, str]:
        """The OAuth parameters that were given (what the form carries along)."""
        given = {name: getattr(self, name) for name in OAUTH_FIELDS}
        return {name: value for name, value in given.items() if value is not None}


class AuthorizeSubmission(AuthorizeRequest):
    """The page's form as posted: the request again, plus the credentials."""

    email: str = ""
    password: str = Field(default="", repr=False)


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


def redirect_with_code(query: dict[str, str], code: str) -> RedirectResponse:
    """Back to the app's loopback listener with the code and the untouched `state`."""
    back = {"code": code, **({"state": query["state"]} if "state" in query else {})}
    target = query["redirect_uri"]
    separator = "&" if urlsplit(target).query else "?"
    return RedirectResponse(
        f"{target}{separator}{urlencode(back)}", status_code=302, headers=NO_STORE
    )


def authorize_router(auth: Auth) -> APIRouter:
    router = APIRouter(prefix="/v1")

    @router.get(
        "/auth/authorize",
        tags=["auth"],
        response_class=HTMLResponse,
        responses={400: PAGE_REFUSED, 422: {"model": ErrorBody}},
    )
    def authorize_form(asked: Annotated[AuthorizeRequest, Query()]) -> Response:
        query = asked.oauth_params()
        reason = refusal(query)
        if reason is not None:
            return authorize_page.invalid_request_page(asked.lang, reason)
        return authorize_page.sign_in_page({**query, "lang": authorize_page.page_lang(asked.lang)})

    @router.post(
        "/auth/authorize",
        tags=["auth"],
        response_class=HTMLResponse,
        responses={
            302: {"description": "Signed in: back to the app's loopback address with a code"},
            400: PAGE_REFUSED,
            422: {"model": ErrorBody},
            429: {"description": "The page again: too many attempts", **HTML},
            **TOO_LARGE_RESPONSE,
        },
    )
    def authorize_submit(http: Request, form: Annotated[AuthorizeSubmission, Form()]) -> Response:
        query = form.oauth_params()
        reason = refusal(query)
        if reason is not None:
            return authorize_page.invalid_request_page(form.lang, reason)
        page_params = {**query, "lang": authorize_page.page_lang(form.lang)}
        try:
            account = auth.sign_in(form.email, form.password, client_ip(http))
        except RateLimited as limited:
            return authorize_page.sign_in_page(
                page_params,
                email=form.email,
                error="rate_limited",
                status_code=429,
                headers={"Retry-After": str(limited.retry_after)},
            )
        except WrongCredentials:
            return authorize_page.sign_in_page(
                page_params, email=form.email, error="wrong", status_code=400
            )
        code = auth.tokens.create_code(
            account.id,
            client_id=query["client_id"],
            redirect_uri=query["redirect_uri"],
            code_challenge=query["code_challenge"],
        )
        return redirect_with_code(query, code)

    return router
