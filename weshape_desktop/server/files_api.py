"""`GET/HEAD /v1/files|previews/{sha256}`: immutable, content-addressed bytes, ETag and Range.

Gating (sign-in for full files, a later issue) goes in through `dependencies`, so this handler
stays about HTTP caching and ranges only.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Header, Path, Request, Response, params

from weshape_desktop.server.errors import ApiError
from weshape_desktop.server.file_store import FileStore, FileStoreUnavailable
from weshape_desktop.server.schemas import ErrorBody

log = logging.getLogger(__name__)
CACHE_FOREVER = "public, max-age=31536000, immutable"
# An SVG can carry script: a browser opening a file URL must neither sniff another type nor
# run or load anything (inline styles only, so the drawing still looks right).
SANDBOX_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
}
_RANGE_RE = re.compile(r"^\s*bytes\s*=\s*([0-9]*)\s*-\s*([0-9]*)\s*$", re.IGNORECASE)
_MAX_DIGITS = 18  # more than any file's size needs; int() refuses past 4,300 digits


class UnsatisfiableRange(ValueError):
    """A well-formed range that lies outside the file (answered with 416)."""


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """The inclusive (first, last) byte range a `Range` header asks for, or None to serve the
    whole file (no header, a syntax error, or several ranges: RFC 9110 lets a server ignore
    those). Raises UnsatisfiableRange for a range outside the file."""
    match = _RANGE_RE.match(header)
    if not match or match.group(1) == match.group(2) == "":
        return None
    first_text, last_text = match.groups()
    last = _number(last_text) if last_text else None
    if not first_text:  # suffix: the last n bytes
        length = _number(last_text)
        if length == 0 or size == 0:
            raise UnsatisfiableRange(header)
        return max(size - length, 0), size - 1
    first = _number(first_text)
    if last is not None and last < first:
        return None  # invalid syntax per RFC 9110 §14.1.1: ignore the header
    if first >= size:
        raise UnsatisfiableRange(header)
    return first, min(last if last is not None else size - 1, size - 1)


def _number(digits: str) -> int:
    """A run of ASCII digits as an int; a number too long to be any file's size is capped."""
    digits = digits.lstrip("0") or "0"
    return int(digits) if len(digits) <= _MAX_DIGITS else 10**_MAX_DIGITS


def etag_matches(header: str, etag: str) -> bool:
    """If-None-Match uses weak comparison: W/"x" matches "x"; `*` matches any."""
    for candidate in header.split(","):
        candidate = candidate.strip()
        if candidate == "*" or candidate.removeprefix("W/") == etag:
            return True
    return False


def files_router(
    store: FileStore, kind: str = "files", dependencies: Sequence[params.Depends] = ()
) -> APIRouter:
    """Serve `store` at `/v1/{kind}/{sha256}`: "files" (downloads, may be gated by
    `dependencies`, which may answer 401) or "previews" (the same bytes for browsing the
    catalog, always public)."""
    errors: dict[int | str, dict[str, Any]] = {
        status: {"model": ErrorBody}
        for status in (404, 416, 422, 503, *([401] if dependencies else []))
    }
    router = APIRouter(
        prefix="/v1", tags=["files"], dependencies=list(dependencies), responses=errors
    )

    def file_bytes(
        request: Request,
        sha256: Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")],
        byte_range: Annotated[
            str, Header(alias="range", description="`bytes=first-last`: one range")
        ] = "",
        if_range: Annotated[str | None, Header(description="the ETag of a partial copy")] = None,
        if_none_match: Annotated[str, Header(description="ETags already held")] = "",
    ) -> Response:
        try:
            data = store.get(sha256)
        except FileStoreUnavailable as exc:
            log.error("%s", exc)  # the operator's problem, not the client's: a retryable 503
            raise ApiError(
                503,
                "store_unavailable",
                "The file store can't be reached; try again later.",
                headers={"Retry-After": "30"},
            ) from None
        if data is None:
            raise ApiError(404, "not_found", f"There is no file with sha256 {sha256}.")
        etag = f'"{sha256}"'
        headers = {
            "ETag": etag,
            "Cache-Control": CACHE_FOREVER,
            "Accept-Ranges": "bytes",
            **SANDBOX_HEADERS,
        }
        if etag_matches(if_none_match, etag):
            return Response(status_code=304, headers=headers)
        size = len(data)
        if if_range is not None and if_range.strip() != etag:
            byte_range = ""  # the client's partial copy is of other bytes: send them all
        try:
            wanted = parse_range(byte_range, size)
        except UnsatisfiableRange:
            raise ApiError(
                416,
                "range_not_satisfiable",
                f"The requested range is outside the file's {size} bytes.",
                headers={"Content-Range": f"bytes */{size}", **headers},
            ) from None
        status, body = 200, data
        if wanted is not None:
            first, last = wanted
            status, body = 206, data[first : last + 1]
            headers["Content-Range"] = f"bytes {first}-{last}/{size}"
        headers["Content-Length"] = str(len(body))
        if request.method == "HEAD":
            body = b""
        return Response(body, status_code=status, headers=headers, media_type="image/svg+xml")

    svg = {"content": {"image/svg+xml": {}}}
    for method in ("GET", "HEAD"):
        router.add_api_route(
            f"/{kind}/{{sha256}}",
            file_bytes,
            methods=[method],
            operation_id=f"{method.lower()}_{kind}",
            response_class=Response,
            responses={
                200: svg,
                206: {"description": "The range asked for", **svg},
                304: {"description": "Not modified: the If-None-Match ETag is this file's"},
            },
        )
    return router
