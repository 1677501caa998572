"""Helpers for the download-queue tests: a real server with injectable file faults, an event
recorder to wait on (never `time.sleep`), and the fixtures both test files share.

Test modules load the fixtures with `pytest_plugins = ["tests.core.downloads.support"]` and define
`served` (the server, with the files they need) and `library` (the library folder) themselves.
They import helpers from here first, so pytest can't assert-rewrite this module when it loads it
as a plugin; its asserts carry their own messages instead (PYTEST_DONT_REWRITE).
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from tests.server.conftest import build_catalog
from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.downloads import DownloadEvent, DownloadQueue, StateName
from weshape_desktop.core.library import DownloadRow, LibraryStore
from weshape_desktop.core.models import Illustration
from weshape_desktop.server.app import create_app
from weshape_desktop.server.catalog_source import Catalog, CatalogEntry
from weshape_desktop.server.runner import ServerThread
from weshape_desktop.server.settings import ServerSettings

TIMEOUT_S = 30.0
ALL_STATES: tuple[StateName, ...] = ("queued", "running", "paused", "done", "failed", "cancelled")

MakeQueue = Callable[..., DownloadQueue]


def illustration(entry: CatalogEntry, **changes: Any) -> Illustration:
    """The app-side item for a catalog entry (titles may be replaced: they are local data)."""
    values: dict[str, Any] = {
        "id": entry.id,
        "title": dict(entry.title),
        "tags": {lang: tuple(tags) for lang, tags in entry.tags.items()},
        "category": entry.category,
        "style": entry.style,
        "accent": entry.accent,
        "sha256": entry.sha256,
        "bytes": entry.bytes,
        "width": entry.width,
        "height": entry.height,
        "license": entry.license,
        "updated_at": entry.updated_at,
    }
    values.update(changes)
    return Illustration(**values)


@dataclass
class Fault:
    """What to do with one /v1/files request: answer `status`, cut the body short
    (`truncate`), damage it (`corrupt`), or send half of it and then stall until the test
    releases the server."""

    status: int = 0
    retry_after: str = ""
    truncate: bool = False
    stall: bool = False
    corrupt: bool = False  # same length, one byte changed: the sha256 won't match
    ignore_range: bool = False  # answer with the whole file, as a server without Range does


@dataclass
class SeenRequest:
    path: str
    range: str | None
    if_range: str | None
    authorization: str | None = None


class FileFaults:
    """ASGI middleware: records every /v1/files request and applies planned faults in order."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.requests: list[SeenRequest] = []
        self.plan: list[Fault] = []
        self.default: Fault | None = None
        self.lock = threading.Lock()
        self.release = threading.Event()
        self.stalled = threading.Semaphore(0)  # one release per request that reached its stall

    def files_requests(self) -> list[SeenRequest]:
        with self.lock:
            return list(self.requests)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/v1/files/"):
            await self.app(scope, receive, send)
            return
        headers = {k.decode().lower(): v.decode() for k, v in scope["headers"]}
        with self.lock:
            self.requests.append(
                SeenRequest(
                    scope["path"],
                    headers.get("range"),
                    headers.get("if-range"),
                    headers.get("authorization"),
                )
            )
            fault = self.plan.pop(0) if self.plan else self.default
        if fault is None:
            await self.app(scope, receive, send)
        elif fault.status:
            extra = [(b"retry-after", fault.retry_after.encode())] if fault.retry_after else []
            body = b'{"error": "injected", "message": "injected fault"}'
            await send(
                {
                    "type": "http.response.start",
                    "status": fault.status,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode()),
                        *extra,
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})
        else:
            if fault.ignore_range:
                kept = [(k, v) for k, v in scope["headers"] if k.lower() != b"range"]
                scope = {**scope, "headers": kept}
            if fault.corrupt or fault.truncate or fault.stall:
                send = self._cutting_send(send, fault)
            await self.app(scope, receive, send)

    def _cutting_send(self, send: Any, fault: Fault) -> Callable[[Any], Any]:
        async def cut(message: Any) -> None:
            if message["type"] != "http.response.body" or not message.get("body"):
                await send(message)
                return
            body = message["body"]
            if fault.corrupt:
                await send({**message, "body": body[:-1] + bytes([body[-1] ^ 1])})
                return
            half = body[: len(body) // 2]
            if fault.truncate:
                await send({"type": "http.response.body", "body": half, "more_body": False})
                return
            await send({"type": "http.response.body", "body": half, "more_body": True})
            self.stalled.release()
            await asyncio.to_thread(self.release.wait)
            await send({"type": "http.response.body", "body": body[len(half) :]})

        return cut


@dataclass
class Served:
    url: str
    catalog: Catalog
    faults: FileFaults

    def items(self, **changes: Any) -> list[Illustration]:
        return [illustration(e, **changes) for e in self.catalog.entries]

    def blob(self, sha256: str) -> bytes:
        return self.catalog.files[sha256].read_bytes()


class Events:
    """Collects queue events (from worker threads) and lets a test wait for a condition."""

    def __init__(self) -> None:
        self.events: list[DownloadEvent] = []
        self.cond = threading.Condition()

    def __call__(self, event: DownloadEvent) -> None:
        with self.cond:
            self.events.append(event)
            self.cond.notify_all()

    def kinds(self, key: str | None = None) -> list[str]:
        with self.cond:
            return [e.kind for e in self.events if key is None or e.key == key]

    def count(self, kind: str) -> int:
        with self.cond:
            return sum(e.kind == kind for e in self.events)

    def last(self, key: str) -> DownloadEvent:
        with self.cond:
            return [e for e in self.events if e.key == key][-1]

    def wait(self, predicate: Callable[[], bool], timeout: float = TIMEOUT_S) -> None:
        with self.cond:
            assert self.cond.wait_for(predicate, timeout), "timed out waiting for downloads"

    def wait_state(self, key: str, *states: str) -> DownloadEvent:
        def reached() -> bool:
            mine = [e for e in self.events if e.key == key]
            return bool(mine) and mine[-1].state.state in states

        self.wait(reached)
        return self.last(key)

    def wait_settled(self, n: int) -> None:
        """Until `n` items are done or failed."""
        self.wait(lambda: sum(e.kind in ("done", "failed") for e in self.events) >= n)


class Sleeper:
    """Records backoff waits instead of sleeping."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, abort: threading.Event, seconds: float) -> None:
        self.waits.append(seconds)


def add_file(catalog: Catalog, folder: Path, item_id: str, data: bytes) -> None:
    """Add an entry serving `data` (hostile or huge files the generator doesn't make)."""
    sha = hashlib.sha256(data).hexdigest()
    path = folder / f"{item_id}.svg"
    path.write_bytes(data)
    catalog.files[sha] = path
    template = catalog.entries[0]
    catalog.entries.append(
        replace(
            template, id=item_id, title={"en": item_id, "ar": item_id}, sha256=sha, bytes=len(data)
        )
    )


def serve(
    folder: Path, n: int, extra: dict[str, bytes] | None = None, **settings: Any
) -> Iterator[Served]:
    """A server over `n` catalog items (plus `extra` files by item id); `settings` are more
    ServerSettings fields (e.g. tests.s3_emulator.file_store_settings)."""
    catalog = build_catalog(folder, n)
    for item_id, data in (extra or {}).items():
        add_file(catalog, folder, item_id, data)
    # These tests are about transfers; signed-in downloads are covered by the auth tests.
    options = ServerSettings(require_account_for_downloads=False, **settings)
    faults = FileFaults(create_app(options, catalog=catalog))
    server = ServerThread(faults).start()
    try:
        yield Served(server.url, catalog, faults)
    finally:
        faults.release.set()
        server.stop()


def persisted(store: LibraryStore) -> dict[tuple[str, str], DownloadRow]:
    """The queue entries `store` keeps for the next run, by (item id, format)."""
    return {(r.item_id, r.fmt): r for r in store.downloads(ALL_STATES)}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LibraryStore]:
    """The real library database the queue persists to, in a fresh file."""
    library_store = LibraryStore(tmp_path / "library.db")
    yield library_store
    library_store.close()


@pytest.fixture
def events() -> Events:
    return Events()


@pytest.fixture
def sleeper() -> Sleeper:
    return Sleeper()


@pytest.fixture
def make_queue(
    served: Served, library: Path, store: LibraryStore, events: Events, sleeper: Sleeper
) -> Iterator[MakeQueue]:
    """Queues on the module's `served` and `library`, with retries off in the HTTP layer and
    backoff waits recorded by `sleeper`; all shut down after the test.

    `url` goes to the ApiClient, `auth(api)` gives it its token provider (an AuthSession),
    `library` replaces the folder, `store` the database, the rest (and the defaults here) go to
    DownloadQueue.
    """
    made: list[tuple[DownloadQueue, ApiClient]] = []

    def make(
        *, url: str | None = None, auth: Callable[[ApiClient], object] | None = None, **kwargs: Any
    ) -> DownloadQueue:
        api = ApiClient(url or served.url, timeout=10.0, retries=0)
        if auth is not None:
            auth(api)
        options: dict[str, Any] = {"on_event": events, "sleeper": sleeper, "backoff_s": 0.5}
        options.update(kwargs)
        queue = DownloadQueue(
            api, options.pop("library", library), options.pop("store", store), **options
        )
        made.append((queue, api))
        return queue

    yield make
    for queue, api in made:
        queue.shutdown()
        api.close()
