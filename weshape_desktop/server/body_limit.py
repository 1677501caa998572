"""A cap on request bodies: nearly every body the API takes (registration JSON, sign-in forms) is
a few hundred bytes, so anything past `MAX_BODY_BYTES` is refused with 413 before it costs memory.
The few routes that take more (a sync's batch of changes) get their own, larger cap."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from weshape_desktop.server.errors import ApiError, error_response
from weshape_desktop.server.schemas import ErrorBody

MAX_BODY_BYTES = 64 * 1024
TOO_LARGE = "The request body is larger than this API accepts ({limit} bytes)."


def too_large_response(limit: int) -> dict[int | str, dict[str, Any]]:
    """For the `responses` of a route that reads a body of at most `limit` bytes."""
    return {413: {"model": ErrorBody, "description": f"The body is over {limit} bytes"}}


TOO_LARGE_RESPONSE = too_large_response(MAX_BODY_BYTES)


class BodyTooLarge(ApiError):
    def __init__(self, limit: int) -> None:
        super().__init__(413, "too_large", TOO_LARGE.format(limit=limit))


class BodyLimitMiddleware:
    """Answers 413 when `Content-Length` says the body is over `max_bytes`, without reading it,
    and stops reading a body (chunked ones too) as soon as the bytes received pass `max_bytes`:
    reading raises `BodyTooLarge`, which the error handlers turn into the usual 413 shape.
    `larger` maps paths to the caps of the routes that take more."""

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int = MAX_BODY_BYTES,
        larger: Mapping[str, int] | None = None,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.larger = dict(larger or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.larger.get(scope["path"], self.max_bytes)
        declared = dict(scope["headers"]).get(b"content-length", b"").lstrip(b"0")
        if declared.isdigit() and (len(declared) > 18 or int(declared) > limit):
            error = BodyTooLarge(limit)
            await error_response(413, error.code, str(error.detail))(scope, receive, send)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise BodyTooLarge(limit)
            return message

        await self.app(scope, limited_receive, send)
