"""`GET /v1/health`: whether this process can reach the database and the file store, for a load
balancer to take a worker whose dependencies are down out of rotation (503)."""

from __future__ import annotations

import logging

import sqlalchemy as sa
from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from weshape_desktop import __version__
from weshape_desktop.server.file_store import FileStore, FileStoreUnavailable
from weshape_desktop.server.schemas import Health

log = logging.getLogger(__name__)


def database_reachable(engine: Engine) -> bool:
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except SQLAlchemyError as exc:
        log.warning("health: the database is unreachable: %s", exc)
        return False
    return True


def files_reachable(files: FileStore) -> bool:
    try:
        files.check()
    except FileStoreUnavailable as exc:
        log.warning("health: the file store is unreachable: %s", exc)
        return False
    return True


def health_router(engine: Engine, files: FileStore) -> APIRouter:
    router = APIRouter(prefix="/v1", tags=["health"])

    @router.get(
        "/health",
        response_model=Health,
        responses={503: {"model": Health, "description": "The database or files are down"}},
    )
    def health() -> JSONResponse:
        database, store = database_reachable(engine), files_reachable(files)
        body = Health(
            status="ok" if database and store else "unavailable",
            version=__version__,
            database="ok" if database else "unreachable",
            files="ok" if store else "unreachable",
        )
        return JSONResponse(body.model_dump(), status_code=200 if body.status == "ok" else 503)

    return router
