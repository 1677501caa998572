"""A cap on request bodies: every body the API takes (registration JSON, sign-in forms) is a few
hundred bytes, so anything past `MAX_BODY_BYTES` is refused with 413 before it costs memory."""

from __future__ import annotations

from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from weshape_desktop.server.errors import ApiError, error_response
from weshape_desktop.server.schemas import ErrorBody

MAX_BODY_BYTES = 64 * 1024
TOO_LARGE = "The request body is larger than this API accepts ({limit} bytes)."
# For the `responses` of every route that reads a body.
TOO_LARGE_RESPONSE: dict[int | str, dict[str, Any]] = {
    413: {"model": ErrorBody, "description": f"The body is over {MAX_BODY_BYTES} bytes"}
}


class BodyTooLarge(ApiError):
    def __init__(self, limit: int) -> None:
        super().__init__(413, "too_large", TOO_LARGE.format(limit=limit))


class BodyLimitMiddleware:
    """Answers 413 when `Content-Length` says the body is over `max_bytes`, without reading it,
    and stops reading a body (chunked ones too) as soon as the bytes received pass `max_bytes`:
    reading raises `BodyTooLarge`, which the error handlers turn into the usual 413 shape."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"").lstrip(b"0")
        if declared.isdigit() and (len(declared) > 18 or int(declared) > self.max_bytes):
            error = BodyTooLarge(self.max_bytes)
            await error_response(413, error.code, str(error.detail))(scope, receive, send)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                raise BodyTooLarge(self.max_bytes)
            return message

        await self.app(scope, limited_receive, send)
