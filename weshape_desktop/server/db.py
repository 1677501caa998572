"""The server's database: tables, engine, and importing a catalog into them.

SQLAlchemy Core with portable types and SQL only, so the same code runs on the embedded SQLite
default and on PostgreSQL (DESIGN §5, §14). The tables below are what the code queries; the
schema itself is made and upgraded by the Alembic revisions in `migrations/` (`migrate`, run at
startup), and a test checks that the two agree. The catalog source (a folder, the sample, a
synthetic scale-up) is the truth; the `illustrations` table is its queryable copy, rebuilt when
the catalog changes and kept when it doesn't.
"""

from __future__ import annotations

import hashlib
import logging
import random
import shutil
import tempfile
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import count, islice
from pathlib import Path
from typing import TypeVar

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

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
    sa.Column("title_text", sa.Text, nullable=False),  # the titles of search_text (relevance)
    sa.Column("family", sa.String(128), nullable=False),
    # Each item's place in the other sort orders (1..n, ties in catalog order), computed at
    # import, so every order pages by one integer column like `position` does.
    sa.Column("rank_newest", sa.Integer, nullable=False),
    sa.Column("rank_title_en", sa.Integer, nullable=False),
    sa.Column("rank_title_ar", sa.Integer, nullable=False),
    sa.Index("ix_illustrations_family", "family", "position"),
    sa.Index("ix_illustrations_rank_newest", "rank_newest"),
    sa.Index("ix_illustrations_rank_title_en", "rank_title_en"),
    sa.Index("ix_illustrations_rank_title_ar", "rank_title_ar"),
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

# Accounts and sign-in (DESIGN §5). Secrets are never stored: passwords as argon2 hashes, tokens
# and authorization codes as sha256 hashes of 256-bit random values. Times used for expiry are
# epoch seconds (floats), display times ISO 8601 strings.
accounts = sa.Table(
    "accounts",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("email", sa.String(254), nullable=False, unique=True),
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("locale", sa.String(8), nullable=False),
    sa.Column("accepted_policy_version", sa.Integer, nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
)

# One row per access or refresh token; a family is everything issued from one sign-in.
tokens = sa.Table(
    "tokens",
    metadata,
    sa.Column("hash", sa.String(64), primary_key=True),
    sa.Column("kind", sa.String(8), nullable=False),  # "access" | "refresh"
    sa.Column("account_id", sa.String(36), sa.ForeignKey("accounts.id"), nullable=False),
    sa.Column("family_id", sa.String(36), nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("expires_at", sa.Float, nullable=False),
    sa.Column("used_at", sa.Float, nullable=True),  # refresh tokens: when rotated
    sa.Column("revoked_at", sa.Float, nullable=True),
    sa.Index("ix_tokens_family", "family_id"),
)

# Browser sign-in codes (RFC 6749 §4.1 with RFC 7636 PKCE): single use, short-lived.
auth_codes = sa.Table(
    "auth_codes",
    metadata,
    sa.Column("hash", sa.String(64), primary_key=True),
    sa.Column("account_id", sa.String(36), sa.ForeignKey("accounts.id"), nullable=False),
    sa.Column("client_id", sa.String(64), nullable=False),
    sa.Column("redirect_uri", sa.Text, nullable=False),
    sa.Column("code_challenge", sa.String(128), nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("expires_at", sa.Float, nullable=False),
    sa.Column("used_at", sa.Float, nullable=True),
    sa.Column("family_id", sa.String(36), nullable=True),  # the sign-in it was exchanged for
)

# The privacy policy: personal data is collected when you download.
downloads = sa.Table(
    "downloads",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("account_id", sa.String(36), sa.ForeignKey("accounts.id"), nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("downloaded_at", sa.String(32), nullable=False),
    sa.Index("ix_downloads_account", "account_id", "id"),
)

# Privacy policy versions; the highest one is in force. Version 1 is the bundled policy, the
# others come from `weshape-server publish-policy`. What each account acknowledged is
# `accounts.accepted_policy_version`.
policy_versions = sa.Table(
    "policy_versions",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("published", sa.String(10), nullable=False),  # ISO date
    sa.Column("significant", sa.Boolean, nullable=False),
    sa.Column("text_ar", sa.Text, nullable=False),
    sa.Column("text_en", sa.Text, nullable=False),
)

# Account sync (docs/sync.md). Each account's last usn lives in `sync_counters`; a sync updates
# its row before it reads anything, so concurrent syncs of one account run one after another and
# every object change gets the next usn. `sync_objects` holds the latest state of each synced
# object (tombstones included); `sync_applied` the change ids already applied, so a retried
# request changes nothing twice. `modified` is ms since the epoch, capped at the server's clock.
sync_counters = sa.Table(
    "sync_counters",
    metadata,
    sa.Column("account_id", sa.String(36), sa.ForeignKey("accounts.id"), primary_key=True),
    sa.Column("usn", sa.BigInteger, nullable=False),
)

sync_objects = sa.Table(
    "sync_objects",
    metadata,
    sa.Column("account_id", sa.String(36), sa.ForeignKey("accounts.id"), primary_key=True),
    sa.Column("kind", sa.String(32), primary_key=True),
    sa.Column("object_id", sa.String(128), primary_key=True),
    sa.Column("usn", sa.BigInteger, nullable=False),
    sa.Column("modified", sa.BigInteger, nullable=False),
    sa.Column("deleted", sa.Boolean, nullable=False),
    sa.Column("payload", sa.JSON, nullable=False),
    sa.Column("device_id", sa.String(64), nullable=False),  # the last writer
    sa.Index("ix_sync_objects_usn", "account_id", "usn", unique=True),
)

sync_applied = sa.Table(
    "sync_applied",
    metadata,
    sa.Column("account_id", sa.String(36), sa.ForeignKey("accounts.id"), primary_key=True),
    sa.Column("change_id", sa.String(128), primary_key=True),
)

# Sign-in and registration attempts (`rate_limit`), shared by every worker. `key` is a keyed
# hash of the email or address, never the value itself.
rate_limit_hits = sa.Table(
    "rate_limit_hits",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("limiter", sa.String(32), nullable=False),
    sa.Column("key", sa.String(32), nullable=False),
    sa.Column("at", sa.Float, nullable=False),
    sa.Index("ix_rate_limit_hits_key", "limiter", "key", "at"),
    sa.Index("ix_rate_limit_hits_at", "limiter", "at"),
)

log = logging.getLogger(__name__)
T = TypeVar("T")

MIGRATIONS = Path(__file__).with_name("migrations")
BASELINE_REVISION = "0001"  # the schema `metadata.create_all` made before Alembic
STARTUP_LOCK_ID = 0x77655368  # any constant: see _startup_transaction
SERIALIZABLE_ATTEMPTS = 8
WRITE_LOCK = "weshape_sqlite_write_lock"  # an execution option: see _sqlite_begin
IMPORT_BATCH = 5000
FINGERPRINT_KEY = "catalog_fingerprint"


def make_engine(url: str) -> Engine:
    """An engine for `url`. An in-memory SQLite URL gets a private temporary database file,
    removed with the engine: SQLite's `:memory:` is a single connection, and threads sharing one
    connection share its transaction, so one request's rollback would undo another's writes."""
    if url in ("sqlite://", "sqlite:///:memory:"):
        folder = tempfile.mkdtemp(prefix="weshape-server-")
        engine = sa.create_engine(f"sqlite:///{Path(folder) / 'server.db'}")
        weakref.finalize(engine, shutil.rmtree, folder, ignore_errors=True)
    elif sa.engine.make_url(url).get_backend_name() == "postgresql":
        # A database host that stops answering fails a request (and /v1/health) in seconds.
        engine = sa.create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 5})
    else:
        engine = sa.create_engine(url, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_begin(conn: Connection) -> None:
    """SQLite's SERIALIZABLE: Python's sqlite3 begins a transaction only at its first INSERT,
    UPDATE or DELETE, so what a transaction read (or created) before could change under it;
    transactions with the WRITE_LOCK option (`run_serializable`, startup) take the write lock
    as they begin instead, and so run one at a time."""
    if conn.get_execution_options().get(WRITE_LOCK):
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision, in one transaction. A database made before
    Alembic (tables, no `alembic_version`) is first stamped with the baseline it matches."""
    with _startup_transaction(engine) as conn:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = conn
        tables = sa.inspect(conn).get_table_names()
        if "alembic_version" not in tables and "illustrations" in tables:
            command.stamp(config, BASELINE_REVISION)
        command.upgrade(config, "head")


@contextmanager
def _startup_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction that servers starting at once on one database run one after another (to
    migrate and import once): under an advisory lock on PostgreSQL, the write lock on SQLite."""
    with engine.connect() as conn:
        conn = conn.execution_options(**{WRITE_LOCK: True})
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:id)"), {"id": STARTUP_LOCK_ID})
            yield conn


def run_serializable(engine: Engine, work: Callable[[Connection], T]) -> T:
    """`work(conn)` in a SERIALIZABLE transaction, run again when the database aborts it for a
    conflict with a concurrent one (PostgreSQL: serialization failure or deadlock; SQLite: the
    write lock taken by another connection first). Its result once it commits."""
    for attempt in count(1):
        try:
            with engine.connect() as conn:
                conn = conn.execution_options(isolation_level="SERIALIZABLE", **{WRITE_LOCK: True})
                with conn.begin():
                    return work(conn)
        except DBAPIError as exc:
            if attempt == SERIALIZABLE_ATTEMPTS or not _is_conflict(exc):
                raise
            log.debug("serializable transaction retried after a conflict: %s", exc.orig)
            time.sleep(random.uniform(0, 0.002 * 2**attempt))  # apart, so they don't meet again


def _is_conflict(exc: DBAPIError) -> bool:
    sqlstate = getattr(exc.orig, "sqlstate", None)
    return sqlstate in ("40001", "40P01") or "database is locked" in str(exc.orig)


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
    with _startup_transaction(engine) as conn:
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
        ranks = _ranks(catalog.entries)
        rows = (
            _row(position, entry, ranks[position - 1])
            for position, entry in enumerate(catalog.entries, 1)
        )
        for batch in _batches(rows, IMPORT_BATCH):
            conn.execute(illustrations.insert(), batch)
        conn.execute(server_meta.delete().where(server_meta.c.key == FINGERPRINT_KEY))
        conn.execute(server_meta.insert(), [{"key": FINGERPRINT_KEY, "value": fingerprint}])
    return True


def _ranks(entries: list[CatalogEntry]) -> list[dict[str, int]]:
    """Each entry's rank in the newest-first and title orders (Python's sort is stable: ties
    keep catalog order)."""
    orders = {
        "rank_newest": sorted(
            range(len(entries)), key=lambda i: entries[i].updated_at, reverse=True
        ),
        "rank_title_en": sorted(range(len(entries)), key=lambda i: _title_key(entries[i], "en")),
        "rank_title_ar": sorted(range(len(entries)), key=lambda i: _title_key(entries[i], "ar")),
    }
    ranks: list[dict[str, int]] = [{} for _ in entries]
    for column, order in orders.items():
        for rank, index in enumerate(order, 1):
            ranks[index][column] = rank
    return ranks


def _title_key(entry: CatalogEntry, lang: str) -> str:
    return entry.title[lang].casefold()


def _row(position: int, entry: CatalogEntry, ranks: dict[str, int]) -> dict[str, object]:
    tags_en, tags_ar = list(entry.tags.get("en", [])), list(entry.tags.get("ar", []))
    return {
        **ranks,
        "family": entry.family or entry.id,
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
        "title_text": search_document([entry.title["en"], entry.title["ar"]], []),
    }


def _batches(rows: Iterator[dict[str, object]], size: int) -> Iterator[list[dict[str, object]]]:
    while batch := list(islice(rows, size)):
        yield batch
