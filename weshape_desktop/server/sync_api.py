"""`POST /v1/sync`: account sync (docs/sync.md)."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials

from weshape_desktop.server.auth_api import INVALID_TOKEN_HEADERS, Auth, bearer_scheme
from weshape_desktop.server.body_limit import too_large_response
from weshape_desktop.server.errors import ApiError
from weshape_desktop.server.schemas import ErrorBody
from weshape_desktop.server.sync_schemas import SyncRequest, SyncResponse, describe_errors
from weshape_desktop.server.sync_store import AccountGone, SyncStore

SYNC_PATH = "/v1/sync"
# A request carries up to 500 changes, each an object's full state: a few hundred bytes for a
# typical entry, more for a long note or a large collection. 4 MiB allows 8 KiB a change on
# average and still bounds what one request makes the server parse and hold.
SYNC_MAX_BODY_BYTES = 4 * 1024 * 1024


class BadRequestRoute(APIRoute):
    """A route whose malformed bodies are 400 `bad_request` naming the offending field
    (`changes[3].op: …`), as docs/sync.md promises, instead of FastAPI's 422."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                return await handler(request)
            except RequestValidationError as exc:
                raise ApiError(400, "bad_request", describe_errors(list(exc.errors()))) from None

        return handle


def sync_router(auth: Auth, store: SyncStore) -> APIRouter:
    router = APIRouter(tags=["sync"], route_class=BadRequestRoute)

    @router.post(
        SYNC_PATH,
        response_model=SyncResponse,
        responses={
            400: {"model": ErrorBody, "description": "A malformed body; the message names where"},
            401: {"model": ErrorBody},
            **too_large_response(SYNC_MAX_BODY_BYTES),
        },
    )
    def sync(
        body: SyncRequest,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
    ) -> SyncResponse:
        """Apply this device's changes, then return what it has not seen (pages of ≤ 500)."""
        account = auth.bearer_account(credentials)
        try:
            return store.sync(account.id, body.device_id, body.since_usn, body.changes)
        except AccountGone:
            raise ApiError(
                401, "invalid_token", "This account was deleted.", INVALID_TOKEN_HEADERS
            ) from None

    return router
