"""The server's database: tables, engine, and importing a catalog into them.

SQLAlchemy Core with portable types and SQL only, so the same code runs on the embedded SQLite
default and on PostgreSQL (DESIGN §5, §14). The catalog source (a folder, the sample, a synthetic
scale-up) is the truth; the `illustrations` table is its queryable copy, rebuilt when the catalog
changes and kept when it doesn't.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from itertools import islice

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool

from weshape_desktop.server.catalog_source import Catalog, CatalogEntry
from weshape_desktop.server.search_text import search_document

metadata = sa.MetaData()

# Stable catalog order is `position` (the catalog's own order); cursors carry the last position.
illustrations = sa.Table(
    "illustrations",
    metadata,
    sa.Column("position", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("id", sa.String(128), nullable=False, unique=True),
    sa.Column("title_en", sa.Text, nullable=False),
    sa.Column("title_ar", sa.Text, nullable=False),
    sa.Column("tags_en", sa.JSON, nullable=False),
    sa.Column("tags_ar", sa.JSON, nullable=False),
    sa.Column("category", sa.String(128), nullable=False),
    sa.Column("style", sa.String(128), nullable=False),
    sa.Column("accent", sa.String(7), nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("bytes", sa.Integer, nullable=False),
    sa.Column("width", sa.Integer, nullable=False),
    sa.Column("height", sa.Integer, nullable=False),
    sa.Column("license", sa.String(64), nullable=False),
    sa.Column("updated_at", sa.String(32), nullable=False),
    sa.Column("search_text", sa.Text, nullable=False),
    sa.Index("ix_illustrations_category", "category", "position"),
    sa.Index("ix_illustrations_style", "style", "position"),
    sa.Index("ix_illustrations_sha256", "sha256"),
)

# Categories and styles with their names, in the catalog's declaration order.
facets = sa.Table(
    "facets",
    metadata,
    sa.Column("kind", sa.String(16), primary_key=True),  # "category" | "style"
    sa.Column("id", sa.String(128), primary_key=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("name_en", sa.Text, nullable=False),
    sa.Column("name_ar", sa.Text, nullable=False),
)

server_meta = sa.Table(
    "server_meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

IMPORT_BATCH = 5000
FINGERPRINT_KEY = "catalog_fingerprint"


def make_engine(url: str) -> Engine:
    """An engine for `url`; an in-memory SQLite database is one connection shared by all threads."""
    if url in ("sqlite://", "sqlite:///:memory:"):
        return sa.create_engine(
            url, poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
    return sa.create_engine(url, pool_pre_ping=True)


def create_schema(engine: Engine) -> None:
    metadata.create_all(engine)


def catalog_fingerprint(catalog: Catalog) -> str:
    """Changes whenever anything served from the catalog changes."""
    digest = hashlib.sha256()
    for kind, declared in (("category", catalog.categories), ("style", catalog.styles)):
        for facet_id, names in declared.items():
            digest.update(repr((kind, facet_id, names["en"], names["ar"])).encode())
    for entry in catalog.entries:
        digest.update(repr(entry).encode())
    return digest.hexdigest()


def import_catalog(engine: Engine, catalog: Catalog) -> bool:
    """Make the tables hold exactly `catalog`, in one transaction. False when they already did."""
    fingerprint = catalog_fingerprint(catalog)
    with engine.begin() as conn:
        stored = conn.execute(
            sa.select(server_meta.c.value).where(server_meta.c.key == FINGERPRINT_KEY)
        ).scalar_one_or_none()
        if stored == fingerprint:
            return False
        conn.execute(illustrations.delete())
        conn.execute(facets.delete())
        facet_rows = [
            {"kind": kind, "id": facet_id, "position": n, "name_en": names["en"],
             "name_ar": names["ar"]}
            for kind, declared in (("category", catalog.categories), ("style", catalog.styles))
            for n, (facet_id, names) in enumerate(declared.items())
        ]  # fmt: skip
        if facet_rows:
            conn.execute(facets.insert(), facet_rows)
        rows = (_row(position, entry) for position, entry in enumerate(catalog.entries, 1))
        for batch in _batches(rows, IMPORT_BATCH):
            conn.execute(illustrations.insert(), batch)
        conn.execute(server_meta.delete().where(server_meta.c.key == FINGERPRINT_KEY))
        conn.execute(server_meta.insert(), [{"key": FINGERPRINT_KEY, "value": fingerprint}])
    return True


def _row(position: int, entry: CatalogEntry) -> dict[str, object]:
    tags_en, tags_ar = list(entry.tags.get("en", [])), list(entry.tags.get("ar", []))
    return {
        "position": position,
        "id": entry.id,
        "title_en": entry.title["en"],
        "title_ar": entry.title["ar"],
        "tags_en": tags_en,
        "tags_ar": tags_ar,
        "category": entry.category,
        "style": entry.style,
        "accent": entry.accent,
        "sha256": entry.sha256,
        "bytes": entry.bytes,
        "width": entry.width,
        "height": entry.height,
        "license": entry.license,
        "updated_at": entry.updated_at,
        "search_text": search_document(
            [entry.title["en"], entry.title["ar"]], [*tags_en, *tags_ar]
        ),
    }


def _batches(rows: Iterator[dict[str, object]], size: int) -> Iterator[list[dict[str, object]]]:
    while batch := list(islice(rows, size)):
        yield batch
