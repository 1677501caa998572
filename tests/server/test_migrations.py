"""The schema comes from the Alembic revisions: they agree with the tables the code queries, and a
database made before Alembic upgrades in place, keeping its accounts and synced objects."""

from __future__ import annotations

import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path

import requests
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext

from tests.server.conftest import PASSWORD, database_url, sqlite_only, start_test_server
from tests.server.sync_support import Device
from weshape_desktop.server.catalog_source import Catalog
from weshape_desktop.server.db import (
    FINGERPRINT_KEY,
    MIGRATIONS,
    catalog_fingerprint,
    illustrations,
    import_catalog,
    make_engine,
    metadata,
    migrate,
    server_meta,
)

PRE_ALEMBIC = Path(__file__).with_name("data") / "pre_alembic.sql"
HEAD = "0004"
PG_SEARCH_INDEX = "ix_illustrations_search"


def test_the_migrated_schema_is_the_one_the_code_queries(tmp_path: Path) -> None:
    engine = make_engine(database_url(tmp_path))
    try:
        migrate(engine)
        migrate(engine)  # at head already: nothing to do
        with engine.connect() as conn:
            differences = compare_metadata(MigrationContext.configure(conn), metadata)
            version = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    finally:
        engine.dispose()
    # PostgreSQL's search index is on an expression, which the tables don't describe.
    pg_search_index = ("remove_index", PG_SEARCH_INDEX)
    assert [d for d in differences if (d[0], getattr(d[1], "name", None)) != pg_search_index] == []
    assert version == HEAD


@sqlite_only
def test_a_database_from_before_alembic_upgrades_in_place(catalog: Catalog, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    with closing(sqlite3.connect(data_dir / "server.db")) as db:
        db.executescript(PRE_ALEMBIC.read_text(encoding="utf-8"))
    server = start_test_server(catalog, data_dir)
    try:
        form = {"grant_type": "password", "username": "lina@example.org", "password": PASSWORD}
        signed_in = requests.post(f"{server.url}/v1/auth/token", data=form, timeout=10)
        assert signed_in.status_code == 200, signed_in.text  # the account and its hash are kept
        device = Device(server.url, signed_in.json()["access_token"], "d2")
        pulled = device.post([]).json()
        assert [c["object_id"] for c in pulled["server_changes"]] == ["item-0"]
        assert pulled["new_usn"] == 1  # the account's usn carries on from the old database
        # Its catalog table, of an older layout, is made again and imported again (0003).
        page = requests.get(f"{server.url}/v1/catalog", params={"sort": "title"}, timeout=10)
        assert page.status_code == 200, page.text
        assert page.json()["total"] == len(catalog.entries)
    finally:
        server.stop()
    with closing(sqlite3.connect(data_dir / "server.db")) as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD,)]
        assert db.execute("SELECT count(*) FROM rate_limit_hits").fetchone() == (0,)


def test_the_catalog_table_is_imported_again_after_0003(catalog: Catalog, tmp_path: Path) -> None:
    # A database at 0002 whose catalog copy was up to date: 0003 makes that table again, empty,
    # so the same catalog must be imported again.
    engine = make_engine(database_url(tmp_path))
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0002")
            conn.execute(
                server_meta.insert(),
                [{"key": FINGERPRINT_KEY, "value": catalog_fingerprint(catalog)}],
            )
        migrate(engine)
        assert import_catalog(engine, catalog)
        with engine.connect() as conn:
            count = conn.execute(sa.select(sa.func.count()).select_from(illustrations)).scalar()
    finally:
        engine.dispose()
    assert count == len(catalog.entries)


def test_servers_starting_at_once_migrate_and_import_once(catalog: Catalog, tmp_path: Path) -> None:
    url = database_url(tmp_path)
    engines = [make_engine(url) for _ in range(4)]
    start = threading.Barrier(len(engines))

    def start_up(engine: sa.Engine) -> bool:
        start.wait()
        migrate(engine)
        return import_catalog(engine, catalog)

    try:
        with ThreadPoolExecutor(len(engines)) as pool:
            imported = list(pool.map(start_up, engines))
        with engines[0].connect() as conn:
            count = conn.execute(sa.select(sa.func.count()).select_from(illustrations)).scalar()
    finally:
        for engine in engines:
            engine.dispose()
    assert sorted(imported) == [False, False, False, True]
    assert count == len(catalog.entries)
