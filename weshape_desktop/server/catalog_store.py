"""Read queries over the imported catalog: pages, facets, single items (portable SQL, but for
search on PostgreSQL, which uses its full-text index for the same matches)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import TSQUERY
from sqlalchemy.engine import Engine

from weshape_desktop.server.db import facets, illustrations
from weshape_desktop.server.schemas import Facet, Facets, Item, LocalisedTags, LocalisedText
from weshape_desktop.server.search_text import prefix_tsquery, query_terms

# What an `Item` is made of (everything but the search index).
ITEM_COLUMNS = [c for c in illustrations.c if c.name != "search_text"]


@dataclass(frozen=True)
class PageRequest:
    q: str = ""
    category: str | None = None
    style: str | None = None
    after: int = 0  # the position of the last item already seen
    limit: int = 60


@dataclass(frozen=True)
class PageResult:
    items: list[Item]
    last_position: int | None  # set when more items follow


class CatalogStore:
    """Queries the `illustrations` and `facets` tables."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def page(self, request: PageRequest) -> PageResult:
        """Items after `request.after` in catalog order; one extra row tells if more follow."""
        query = self._matching(sa.select(*ITEM_COLUMNS), request)
        query = query.where(illustrations.c.position > request.after)
        query = query.order_by(illustrations.c.position).limit(request.limit + 1)
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        more = len(rows) > request.limit
        rows = rows[: request.limit]
        return PageResult(
            [item_from_row(row) for row in rows], rows[-1]["position"] if more and rows else None
        )

    def count(self, request: PageRequest) -> int:
        """How many items match `request`'s search and filters (all pages)."""
        query = self._matching(sa.select(sa.func.count()).select_from(illustrations), request)
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def get(self, item_id: str) -> Item | None:
        query = sa.select(*ITEM_COLUMNS).where(illustrations.c.id == item_id)
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        return item_from_row(row) if row is not None else None

    def _matching(self, query: sa.Select[Any], request: PageRequest) -> sa.Select[Any]:
        if terms := query_terms(request.q):
            query = query.where(*self._search(terms))
        if request.category is not None:
            query = query.where(illustrations.c.category == request.category)
        if request.style is not None:
            query = query.where(illustrations.c.style == request.style)
        return query

    def _search(self, terms: list[str]) -> list[sa.ColumnElement[bool]]:
        """Every term occurs in one word of the item's titles or tags. PostgreSQL: a prefix
        query on the GIN-indexed lexemes of every word's suffixes (migration 0002); elsewhere a
        LIKE per term, which scans."""
        if self.engine.dialect.name == "postgresql":
            words = sa.func.weshape_search_words(illustrations.c.search_text)
            return [words.op("@@")(sa.cast(prefix_tsquery(terms), TSQUERY))]
        return [illustrations.c.search_text.contains(term, autoescape=True) for term in terms]

    def facets(self) -> Facets:
        """Every declared category and style with its item count (0 included), declared order."""
        result: dict[str, list[Facet]] = {"category": [], "style": []}
        with self.engine.connect() as conn:
            for kind, column in (
                ("category", illustrations.c.category),
                ("style", illustrations.c.style),
            ):
                grouped = sa.select(column, sa.func.count()).group_by(column)
                counts = {facet: count for facet, count in conn.execute(grouped)}
                declared = conn.execute(
                    sa.select(facets).where(facets.c.kind == kind).order_by(facets.c.position)
                ).mappings()
                result[kind] = [
                    Facet(
                        id=row["id"],
                        name=LocalisedText(en=row["name_en"], ar=row["name_ar"]),
                        count=counts.get(row["id"], 0),
                    )
                    for row in declared
                ]
        return Facets(categories=result["category"], styles=result["style"])


def item_from_row(row: Any) -> Item:
    """An `Item` from a row (or mapping) holding `ITEM_COLUMNS`."""
    return Item(
        id=row["id"],
        title=LocalisedText(en=row["title_en"], ar=row["title_ar"]),
        tags=LocalisedTags(en=row["tags_en"], ar=row["tags_ar"]),
        category=row["category"],
        style=row["style"],
        accent=row["accent"],
        sha256=row["sha256"],
        bytes=row["bytes"],
        width=row["width"],
        height=row["height"],
        license=row["license"],
        updated_at=row["updated_at"],
    )
