"""Read queries over the imported catalog: pages, facets, single items (portable SQL, but for
search on PostgreSQL, which uses its full-text index for the same matches)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import TSQUERY
from sqlalchemy.engine import Engine

from weshape_desktop.server.db import facets, illustrations
from weshape_desktop.server.schemas import (
    Facet,
    Facets,
    Item,
    LocalisedTags,
    LocalisedText,
    Variant,
)
from weshape_desktop.server.search_text import prefix_tsquery, query_terms

# What an `Item` is made of (everything but the search index).
ITEM_COLUMNS = [c for c in illustrations.c if c.name not in ("search_text", "title_text")]
VARIANT_COLUMNS = [
    illustrations.c[name]
    for name in ("family", "id", "style", "accent", "sha256", "bytes", "width", "height")
]
# Relevance ranks the items whose titles hold every word of the search before the others (tags
# only), each part in catalog order: its key is the position, plus this for the second part.
RELEVANCE_STEP = 2**31
# The column each sort order pages by (`sort`, `lang`): an integer, unique per item.
SORT_KEYS = {
    ("catalog", "en"): illustrations.c.position,
    ("catalog", "ar"): illustrations.c.position,
    ("newest", "en"): illustrations.c.rank_newest,
    ("newest", "ar"): illustrations.c.rank_newest,
    ("title", "en"): illustrations.c.rank_title_en,
    ("title", "ar"): illustrations.c.rank_title_ar,
}


@dataclass(frozen=True)
class PageRequest:
    q: str = ""
    category: str | None = None
    style: str | None = None
    after: int = 0  # the sort key of the last item already seen
    limit: int = 60
    sort: str = "catalog"  # "catalog" | "relevance" | "newest" | "title"
    lang: str = "en"  # the titles' language, for sort="title"
    group: bool = False  # one item per family: its first variant (in catalog order) matching

    @property
    def key_name(self) -> str:
        """Names the sort key (cursors carry it): a column, or "relevance" for a search."""
        return "relevance" if self.sort == "relevance" and self.q.strip() else self.key.name

    @property
    def key(self) -> sa.ColumnElement[int]:
        """What the items are ordered and paged by: an integer, unique per item."""
        terms = query_terms(self.q)
        if self.sort == "relevance" and terms:
            title = illustrations.c.title_text
            in_title = sa.and_(*(title.contains(term, autoescape=True) for term in terms))
            key = sa.case((in_title, 0), else_=RELEVANCE_STEP) + illustrations.c.position
            # 64-bit, so a cursor past RELEVANCE_STEP binds as one (PostgreSQL's INTEGER is 32).
            return sa.cast(key, sa.BigInteger)
        return SORT_KEYS[("catalog" if self.sort == "relevance" else self.sort, self.lang)]


@dataclass(frozen=True)
class PageResult:
    items: list[Item]
    last_key: int | None  # the sort key of the last item, set when more items follow


class CatalogStore:
    """Queries the `illustrations` and `facets` tables."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name

    def page(self, request: PageRequest) -> PageResult:
        """Items after `request.after` in its sort order; one extra row tells if more follow."""
        key = request.key
        query = _matching(sa.select(*ITEM_COLUMNS, key.label("sort_key")), request, self.dialect)
        query = query.where(key > request.after).order_by(key).limit(request.limit + 1)
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
            more = len(rows) > request.limit
            rows = rows[: request.limit]
            variants = _variants(conn, {row["family"] for row in rows}) if request.group else {}
        items = [item_from_row(row, variants.get(row["family"])) for row in rows]
        return PageResult(items, rows[-1]["sort_key"] if more and rows else None)

    def count(self, request: PageRequest) -> int:
        """How many items (families, when grouped) match `request`'s search and filters."""
        counted = sa.select(_counted(request.group)).select_from(illustrations)
        query = _matching(counted, request, self.dialect, grouped=False)
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def get(self, item_id: str) -> Item | None:
        query = sa.select(*ITEM_COLUMNS).where(illustrations.c.id == item_id)
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        return item_from_row(row) if row is not None else None

    def facets(self, group: bool = False) -> Facets:
        """Every declared category and style with its item count (families, when grouped; 0
        included), in declared order."""
        result: dict[str, list[Facet]] = {"category": [], "style": []}
        counted = _counted(group)
        with self.engine.connect() as conn:
            for kind, column in (
                ("category", illustrations.c.category),
                ("style", illustrations.c.style),
            ):
                grouped = sa.select(column, counted).group_by(column)
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


def _counted(group: bool) -> sa.ColumnElement[int]:
    """Items, or families when grouped."""
    return sa.func.count(sa.distinct(illustrations.c.family)) if group else sa.func.count()


def _matching(
    query: sa.Select[Any], request: PageRequest, dialect: str, *, grouped: bool | None = None
) -> sa.Select[Any]:
    """`query` narrowed to `request`'s search and filters; grouped (by default when the request
    is): only the first matching item of each family."""
    query = query.where(*_conditions(illustrations, request, dialect))
    if request.group if grouped is None else grouped:
        earlier = illustrations.alias("earlier")
        query = query.where(
            ~sa.exists().where(
                earlier.c.family == illustrations.c.family,
                earlier.c.position < illustrations.c.position,
                *_conditions(earlier, request, dialect),
            )
        )
    return query


def _conditions(
    table: sa.FromClause, request: PageRequest, dialect: str
) -> list[sa.ColumnElement[bool]]:
    found = _search(table, query_terms(request.q), dialect)
    if request.category is not None:
        found.append(table.c.category == request.category)
    if request.style is not None:
        found.append(table.c.style == request.style)
    return found


def _search(table: sa.FromClause, terms: list[str], dialect: str) -> list[sa.ColumnElement[bool]]:
    """Every term occurs in one word of the item's titles or tags. PostgreSQL: a prefix query on
    the GIN-indexed lexemes of every word's suffixes (migrations 0002, 0003); elsewhere a LIKE
    per term, which scans."""
    if not terms:
        return []
    if dialect == "postgresql":
        words = sa.func.weshape_search_words(table.c.search_text)
        return [words.op("@@")(sa.cast(prefix_tsquery(terms), TSQUERY))]
    return [table.c.search_text.contains(term, autoescape=True) for term in terms]


def _variants(conn: sa.Connection, families: set[str]) -> dict[str, list[Variant]]:
    """The variants of `families`, each family's in catalog order."""
    found: dict[str, list[Variant]] = {}
    if families:
        query = sa.select(*VARIANT_COLUMNS).where(illustrations.c.family.in_(families))
        for row in conn.execute(query.order_by(illustrations.c.position)).mappings():
            found.setdefault(row["family"], []).append(
                # Trusted rows of our own table: no validation (~10 us each, 200 a page).
                Variant.model_construct(**{k: v for k, v in row.items() if k != "family"})
            )
    return found


def item_from_row(row: Any, variants: list[Variant] | None = None) -> Item:
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
        family=row["family"],
        variants=variants,
    )
