"""`/v1/catalog`, `/v1/catalog/facets`, `/v1/illustrations/{id}`."""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import replace
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from weshape_desktop.server.catalog_store import CatalogStore, PageRequest
from weshape_desktop.server.errors import ApiError
from weshape_desktop.server.schemas import CatalogPage, ErrorBody, Facets, Item

DEFAULT_LIMIT = 60
MAX_LIMIT = 200
MAX_QUERY_CHARS = 200
# A cursor names the sort key it carries (see CatalogStore's SORT_KEYS), so a cursor of one order
# is refused by another rather than giving a wrong page.
_CURSOR_PREFIXES = {
    "position": "p",
    "relevance": "r",
    "rank_newest": "n",
    "rank_title_en": "e",
    "rank_title_ar": "a",
}
_CURSOR_RE = re.compile(r"^([pnear])([1-9][0-9]{0,9})$")  # relevance keys reach 2**32
# No control characters: PostgreSQL rejects NUL in text, and no facet id or item id has them.
_PRINTABLE = r"^[^\x00-\x1f\x7f]*$"
_ERRORS: dict[int | str, dict[str, object]] = {
    400: {"model": ErrorBody},
    404: {"model": ErrorBody},
    422: {"model": ErrorBody},
}


def encode_cursor(key: int, column: str = "position") -> str:
    """Opaque to clients: urlsafe base64 of the sort key of the last item seen."""
    text = f"{_CURSOR_PREFIXES[column]}{key}"
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, column: str = "position") -> int:
    """The sort key in a cursor from `encode_cursor` for `column`; ApiError 400 for anything
    else."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (binascii.Error, ValueError):
        raw = ""
    match = _CURSOR_RE.match(raw)
    if not match:
        raise ApiError(
            400, "bad_cursor", "This cursor was not issued by this server; start from page one."
        )
    if match.group(1) != _CURSOR_PREFIXES[column]:
        raise ApiError(
            400, "bad_cursor", "This cursor belongs to another sort order; start from page one."
        )
    return int(match.group(2))


def catalog_router(store: CatalogStore) -> APIRouter:
    router = APIRouter(prefix="/v1", tags=["catalog"], responses=_ERRORS)

    @router.get("/catalog", response_model=CatalogPage)
    def catalog_page(
        q: Annotated[str, Query(max_length=MAX_QUERY_CHARS)] = "",
        category: Annotated[str | None, Query(max_length=128, pattern=_PRINTABLE)] = None,
        style: Annotated[str | None, Query(max_length=128, pattern=_PRINTABLE)] = None,
        cursor: Annotated[str | None, Query(max_length=64)] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
        sort: Annotated[
            Literal["catalog", "relevance", "newest", "title"],
            Query(
                description="catalog order; relevance (items whose titles hold every word of "
                "`q` first, then those matched by tags, each in catalog order; catalog order "
                "without `q`); newest first (`updated_at`); or title A–Z"
            ),
        ] = "catalog",
        lang: Annotated[
            Literal["en", "ar"], Query(description="the titles' language for `sort=title`")
        ] = "en",
        group: Annotated[
            Literal["family"] | None,
            Query(
                description="`family`: one item per illustration (the first of its style "
                "variants, in catalog order, that matches), with every variant in `variants`; "
                "`total` then counts illustrations"
            ),
        ] = None,
    ) -> CatalogPage:
        """Items matching every word of `q` (titles and tags, both languages), in a stable
        `sort` order; `next_cursor` continues that order only."""
        request = PageRequest(
            q=q, category=category, style=style, limit=limit, sort=sort, lang=lang,
            group=group == "family",
        )  # fmt: skip
        column = request.key_name
        if cursor:
            request = replace(request, after=decode_cursor(cursor, column))
        result = store.page(request)
        next_cursor = encode_cursor(result.last_key, column) if result.last_key else None
        # The total is counted once, for the first page: later pages don't pay for it again.
        total = None if cursor else store.count(request)
        return CatalogPage(items=result.items, next_cursor=next_cursor, total=total)

    @router.get("/catalog/facets", response_model=Facets)
    def catalog_facets(
        group: Annotated[
            Literal["family"] | None,
            Query(description="`family`: count illustrations, not their style variants"),
        ] = None,
    ) -> Facets:
        return store.facets(group == "family")

    @router.get("/illustrations/{item_id}", response_model=Item)
    def illustration(
        item_id: Annotated[str, Path(max_length=128, pattern=_PRINTABLE)],
    ) -> Item:
        item = store.get(item_id)
        if item is None:
            raise ApiError(404, "not_found", f"There is no illustration with id '{item_id}'.")
        return item

    return router
