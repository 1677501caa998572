"""ASGI middleware in front of the real reference server that holds chosen requests until the test
releases them: a slow or silent server on demand, with no sleeps and no stand-in server.

Use it as `held = HeldRequests(); start_test_server(catalog, middleware=held.wrap)`.
`hold(part)` returns the Event that releases requests whose path contains `part`; once released
they reach the app, or with `drop=True` lose their connection instead (as a server that went away
mid-request), until `lift(part)` lets them through again. `paths` lists every path asked for;
`release_all()` frees everything at teardown.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class _Hold:
    part: str
    release: threading.Event
    drop: bool


class HeldRequests:
    def __init__(self) -> None:
        self.app: Any = None
        self.paths: list[str] = []
        self._holds: list[_Hold] = []
        self._lock = threading.Lock()

    def wrap(self, app: Any) -> HeldRequests:
        self.app = app
        return self

    def hold(self, part: str, *, drop: bool = False) -> threading.Event:
        release = threading.Event()
        with self._lock:
            self._holds.append(_Hold(part, release, drop))
        return release

    def lift(self, part: str) -> None:
        """Requests for `part` that arrive from now on reach the app unheld."""
        with self._lock:
            lifted = [h for h in self._holds if h.part == part]
            self._holds = [h for h in self._holds if h.part != part]
        for held in lifted:
            held.release.set()

    def release_all(self) -> None:
        with self._lock:
            for held in self._holds:
                held.release.set()

    def seen(self, part: str) -> bool:
        with self._lock:
            return any(part in path for path in self.paths)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        with self._lock:
            self.paths.append(scope["path"])
            held = next((h for h in self._holds if h.part in scope["path"]), None)
        if held is not None:
            await asyncio.to_thread(held.release.wait)
            if held.drop:
                await drop_connection(send)
                return
        await self.app(scope, receive, send)


async def drop_connection(send: Any) -> None:
    """Promise a body, then end the response without it: the server closes the connection and
    the client sees it cut (uvicorn logs the protocol error)."""
    await send(
        {"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"1")]}
    )
    await send({"type": "http.response.body", "body": b"", "more_body": False})
