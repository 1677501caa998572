"""`GET /v1/me/export` and `DELETE /v1/me`: the privacy controls the policy promises. The export
holds everything the server keeps about an account (its profile, the policy version it accepted,
the downloads recorded under it, its sign-ins and its synced library); deletion removes all of
it and with it every token the account was issued."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, Depends, Request, Response
from fastapi.security import HTTPAuthorizationCredentials
from sqlalchemy.engine import Engine

from weshape_desktop.server.accounts import Account, utc_iso
from weshape_desktop.server.auth_api import (
    NO_STORE,
    Auth,
    RateLimited,
    WrongCredentials,
    bearer_scheme,
    client_ip,
)
from weshape_desktop.server.body_limit import TOO_LARGE_RESPONSE
from weshape_desktop.server.db import (
    accounts,
    auth_codes,
    downloads,
    sync_applied,
    sync_counters,
    sync_objects,
    tokens,
)
from weshape_desktop.server.errors import ApiError
from weshape_desktop.server.schemas import AccountOut, ErrorBody
from weshape_desktop.server.sync_schemas import (
    AccountDeletion,
    AccountExport,
    DownloadRecord,
    SignIn,
    StoredObject,
)
from weshape_desktop.server.sync_store import current_usn, lock_counter
from weshape_desktop.server.tokens import REFRESH

# Everything that belongs to an account, children before the account row they point at.
ACCOUNT_TABLES = (sync_applied, sync_objects, sync_counters, downloads, auth_codes, tokens)


class AccountData:
    """Reads out and deletes everything an account holds."""

    def __init__(self, engine: Engine, clock: Callable[[], float]) -> None:
        self._engine = engine
        self._clock = clock

    def export(self, account: Account) -> AccountExport:
        now = self._clock()
        with self._engine.connect() as conn:
            usn = current_usn(conn, account.id)
            objects = conn.execute(
                sa.select(sync_objects)
                .where(sync_objects.c.account_id == account.id)
                .order_by(sync_objects.c.usn)
            ).mappings()
            synced = [StoredObject.model_validate(dict(row)) for row in objects]
            recorded = conn.execute(
                sa.select(downloads.c.sha256, downloads.c.downloaded_at)
                .where(downloads.c.account_id == account.id)
                .order_by(downloads.c.id)
            ).mappings()
            downloaded = [DownloadRecord.model_validate(dict(row)) for row in recorded]
            sign_ins = [
                SignIn(started_at=utc_iso(started), expires_at=utc_iso(expires))
                for started, expires in conn.execute(_live_sign_ins(account.id, now))
            ]
        return AccountExport(
            exported_at=utc_iso(now),
            profile=AccountOut(**account.to_json()),
            accepted_policy_version=account.accepted_policy_version,
            downloads=downloaded,
            sign_ins=sign_ins,
            usn=usn,
            synced_objects=synced,
        )

    def delete(self, account_id: str) -> None:
        """Delete the account and everything it holds, in one transaction."""
        with self._engine.begin() as conn:
            lock_counter(conn, account_id)  # a sync of this account under way finishes first
            for table in ACCOUNT_TABLES:
                conn.execute(table.delete().where(table.c.account_id == account_id))
            conn.execute(accounts.delete().where(accounts.c.id == account_id))


def _live_sign_ins(account_id: str, now: float) -> sa.Select[Any]:
    """(started, expires) of each sign-in whose current refresh token can still be used."""
    started = (
        sa.select(tokens.c.family_id, sa.func.min(tokens.c.created_at).label("at"))
        .where(tokens.c.account_id == account_id)
        .group_by(tokens.c.family_id)
        .subquery()
    )
    return (
        sa.select(started.c.at, tokens.c.expires_at)
        .join_from(tokens, started, started.c.family_id == tokens.c.family_id)
        .where(
            tokens.c.account_id == account_id,
            tokens.c.kind == REFRESH,
            tokens.c.revoked_at.is_(None),
            tokens.c.used_at.is_(None),
            tokens.c.expires_at > now,
        )
        .order_by(started.c.at, tokens.c.expires_at)
    )


def privacy_router(auth: Auth, data: AccountData) -> APIRouter:
    router = APIRouter(prefix="/v1", tags=["accounts"])

    @router.get("/me/export", response_model=AccountExport, responses={401: {"model": ErrorBody}})
    def export(
        response: Response,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
    ) -> AccountExport:
        """Everything the server holds about the signed-in account, as JSON."""
        response.headers.update(NO_STORE)
        return data.export(auth.bearer_account(credentials))

    @router.delete(
        "/me",
        status_code=204,
        response_class=Response,
        responses={
            204: {"description": "Deleted, with all its data; its tokens no longer work"},
            400: {"model": ErrorBody, "description": "The body is not UTF-8 JSON"},
            401: {"model": ErrorBody},
            403: {"model": ErrorBody, "description": "The password is not right"},
            422: {"model": ErrorBody},
            429: {"model": ErrorBody},
            **TOO_LARGE_RESPONSE,
        },
    )
    def delete_account(
        body: AccountDeletion,
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
    ) -> Response:
        """Delete the signed-in account and all its data. The password is checked like a sign-in
        (a wrong one counts against the same limits)."""
        account = auth.bearer_account(credentials)
        try:
            auth.sign_in(account.email, body.password, client_ip(request))
        except RateLimited as limited:
            raise ApiError(
                429,
                "rate_limited",
                f"Too many attempts. Try again in {limited.retry_after} seconds.",
                {"Retry-After": str(limited.retry_after)},
            ) from None
        except WrongCredentials:
            raise ApiError(
                403, "wrong_password", "The password is not right; the account was kept."
            ) from None
        data.delete(account.id)
        return Response(status_code=204)

    return router
