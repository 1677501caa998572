"""`create_app(settings)`: the reference server as an ASGI app."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from weshape_desktop import __version__
from weshape_desktop.server.auth_api import Auth, auth_router, download_gate
from weshape_desktop.server.authorize_api import authorize_router
from weshape_desktop.server.body_limit import BodyLimitMiddleware
from weshape_desktop.server.catalog_api import catalog_router
from weshape_desktop.server.catalog_source import Catalog, load_catalog
from weshape_desktop.server.catalog_store import CatalogStore
from weshape_desktop.server.db import import_catalog, make_engine, migrate
from weshape_desktop.server.errors import install_error_handlers
from weshape_desktop.server.file_store import (
    CatalogFileStore,
    FileStore,
    LocalFolderStore,
    WritableFileStore,
    publish_catalog_files,
)
from weshape_desktop.server.files_api import files_router
from weshape_desktop.server.health import health_router
from weshape_desktop.server.policy import PolicyDocument, PolicyStore, load_policy, policy_router
from weshape_desktop.server.privacy_api import AccountData, privacy_router
from weshape_desktop.server.settings import ServerSettings
from weshape_desktop.server.sync_api import SYNC_MAX_BODY_BYTES, SYNC_PATH, sync_router
from weshape_desktop.server.sync_store import SyncStore
from weshape_desktop.server.synthetic import synthetic_catalog

log = logging.getLogger(__name__)
# How `weshape-server --workers N` hands its settings to the worker processes.
SETTINGS_ENV = "WESHAPE_SERVER_SETTINGS"


def load_settings_catalog(settings: ServerSettings) -> Catalog:
    """The catalog `settings` describe: a folder or the sample, scaled up if asked."""
    catalog = load_catalog(settings.catalog_dir)
    for name, reason in catalog.skipped:
        log.warning("catalog: skipped %s: %s", name, reason)
    if settings.synthetic:
        catalog = synthetic_catalog(
            catalog, settings.synthetic, seed=settings.seed, cache_dir=settings.data_dir
        )
    return catalog


def open_settings_files(settings: ServerSettings, catalog: Catalog) -> FileStore:
    """The file store `settings.files` names, holding every file of `catalog` (copied in before
    the catalog is imported, so no item points at a missing file); raises FileStoreUnavailable."""
    if settings.files is None:
        return CatalogFileStore(catalog)
    store: WritableFileStore
    if settings.files.startswith("s3://"):
        from weshape_desktop.server.s3_store import S3FileStore  # boto3 takes 0.15 s to import

        store = S3FileStore.from_url(settings.files, settings.s3_endpoint)
    else:
        store = LocalFolderStore(Path(settings.files).expanduser().resolve())
        store.root.mkdir(parents=True, exist_ok=True)
    try:
        store.check()
        count = publish_catalog_files(store, catalog)
    except BaseException:
        store.close()
        raise
    log.info("file store %s holds the catalog's %d files", settings.files, count)
    return store


def create_app(
    settings: ServerSettings,
    *,
    catalog: Catalog | None = None,
    files: FileStore | None = None,
    policy: PolicyDocument | None = None,
    clock: Callable[[], float] = time.time,
) -> FastAPI:
    """Build the app: open the database, import the catalog if it changed, mount the routes.

    `catalog`, `files` and `policy` (version 1 of the policy, stored when the database has none)
    replace what `settings` would load (tests, embedding);
    `clock` (epoch seconds) decides token expiry, rate-limit windows and the cap on synced
    changes' `modified`, so tests can move it.
    """
    if settings.data_dir is not None:
        settings.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    catalog = catalog if catalog is not None else load_settings_catalog(settings)
    store = files if files is not None else open_settings_files(settings, catalog)
    engine = make_engine(settings.database_url())
    migrate(engine)
    import_catalog(engine, catalog)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        engine.dispose()
        store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="weShape API",
        version=__version__,
        description="Reference implementation of the weShape API v1 (DESIGN §5).",
    )
    app.state.settings = settings
    app.state.engine = engine
    install_error_handlers(app)
    app.add_middleware(BodyLimitMiddleware, larger={SYNC_PATH: SYNC_MAX_BODY_BYTES})
    app.include_router(catalog_router(CatalogStore(engine)))
    app.state.files = store  # /v1/health asks it `check()`
    policies = PolicyStore(engine)
    policies.seed(policy if policy is not None else load_policy())
    auth = Auth.build(settings, engine, policies.current_version, clock)
    app.state.auth = auth
    gate = [download_gate(auth)] if settings.require_account_for_downloads else []
    app.include_router(files_router(store, "files", dependencies=gate))
    app.include_router(files_router(store, "previews"))  # public: the grid browses with these
    app.include_router(policy_router(policies, auth))
    app.include_router(auth_router(auth))
    app.include_router(authorize_router(auth))
    app.include_router(sync_router(auth, SyncStore(engine, clock)))
    app.include_router(privacy_router(auth, AccountData(engine, clock)))
    app.include_router(health_router(engine, store))

    return app


def create_app_from_environment() -> FastAPI:
    """The app of one worker process of `weshape-server --workers N` (uvicorn imports it by
    name): the settings the parent put in `SETTINGS_ENV`. Workers share nothing but the
    database and the file store; the parent has already migrated and imported."""
    return create_app(ServerSettings.from_json(os.environ[SETTINGS_ENV]))
