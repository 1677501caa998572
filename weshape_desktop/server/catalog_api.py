"""`/v1/catalog`, `/v1/catalog/facets`, `/v1/illustrations/{id}`."""

from __future__ import annotations

import base64
import binascii
import re
from typing import Annotated

from fastapi import APIRouter, Path, Query

from weshape_desktop.server.catalog_store import CatalogStore, PageRequest
from weshape_desktop.server.errors import ApiError
from weshape_desktop.server.schemas import CatalogPage, ErrorBody, Facets, Item

DEFAULT_LIMIT = 60
MAX_LIMIT = 200
MAX_QUERY_CHARS = 200
_CURSOR_PREFIX = "p"
_CURSOR_RE = re.compile(r"^p([1-9][0-9]{0,8})$")  # fits a 32-bit INTEGER column
# No control characters: PostgreSQL rejects NUL in text, and no facet id or item id has them.
_PRINTABLE = r"^[^\x00-\x1f\x7f]*$"
_ERRORS: dict[int | str, dict[str, object]] = {
    400: {"model": ErrorBody},
    404: {"model": ErrorBody},
    422: {"model": ErrorBody},
}


def encode_cursor(position: int) -> str:
    """Opaque to clients: urlsafe base64 of the last position seen."""
    return base64.urlsafe_b64encode(f"{_CURSOR_PREFIX}{position}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    """The position in a cursor from `encode_cursor`; ApiError 400 for anything else."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (binascii.Error, ValueError):
        raw = ""
    match = _CURSOR_RE.match(raw)
    if not match:
        raise ApiError(
            400, "bad_cursor", "This cursor was not issued by this server; start from page one."
        )
    return int(match.group(1))


def catalog_router(store: CatalogStore) -> APIRouter:
    router = APIRouter(prefix="/v1", tags=["catalog"], responses=_ERRORS)

    @router.get("/catalog", response_model=CatalogPage)
    def catalog_page(
        q: Annotated[str, Query(max_length=MAX_QUERY_CHARS)] = "",
        category: Annotated[str | None, Query(max_length=128, pattern=_PRINTABLE)] = None,
        style: Annotated[str | None, Query(max_length=128, pattern=_PRINTABLE)] = None,
        cursor: Annotated[str | None, Query(max_length=64)] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    ) -> CatalogPage:
        """Items matching every word of `q` (titles and tags, both languages), in catalog order."""
        after = decode_cursor(cursor) if cursor else 0
        request = PageRequest(q=q, category=category, style=style, after=after, limit=limit)
        result = store.page(request)
        next_cursor = encode_cursor(result.last_position) if result.last_position else None
        # The total is counted once, for the first page: later pages don't pay for it again.
        total = None if cursor else store.count(request)
        return CatalogPage(items=result.items, next_cursor=next_cursor, total=total)

    @router.get("/catalog/facets", response_model=Facets)
    def catalog_facets() -> Facets:
        return store.facets()

    @router.get("/illustrations/{item_id}", response_model=Item)
    def illustration(
        item_id: Annotated[str, Path(max_length=128, pattern=_PRINTABLE)],
    ) -> Item:
        item = store.get(item_id)
        if item is None:
            raise ApiError(404, "not_found", f"There is no illustration with id '{item_id}'.")
        return item

    return router
