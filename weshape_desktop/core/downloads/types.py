"""The vocabulary of the download queue (DESIGN §7): what it reports, what it persists, and where.

`core.downloads` re-exports every name here, so callers import them from there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from weshape_desktop.core.errors import WeshapeError
from weshape_desktop.core.library import NewFile
from weshape_desktop.core.models import Illustration

PARTS_DIR = ".weshape-parts"  # inside the library folder: part files, and temp files for a moment
CHUNK_BYTES = 64 * 1024
PROGRESS_INTERVAL_S = 0.1  # at most 10 progress events per second per item
MAX_RETRY_AFTER_S = 300.0

StateName = Literal["queued", "running", "paused", "done", "failed", "cancelled"]
EventKind = Literal["progress", "done", "failed", "state"]
RenderPng = Callable[[bytes, int, Path], None]
"""Renders sanitised SVG bytes at a size in pixels into a PNG file; ValueError when it can't."""

ACTIVE_STATES: tuple[StateName, ...] = ("queued", "running", "paused")
"""The states of an entry the queue has yet to finish."""


class StoredDownload(Protocol):
    """A persisted queue entry, as the library store hands it back."""

    @property
    def item_id(self) -> str: ...
    @property
    def fmt(self) -> str: ...
    @property
    def png_size(self) -> int | None: ...
    @property
    def state(self) -> str: ...
    @property
    def error(self) -> str: ...
    @property
    def bytes_done(self) -> int: ...


class DownloadStore(Protocol):
    """What the queue needs from `core.library.LibraryStore`; called from worker threads."""

    def transaction(self) -> AbstractContextManager[None]: ...

    def add_entries(self, files: Iterable[NewFile]) -> object: ...

    def save_download(
        self,
        item_id: str,
        fmt: str,
        png_size: int | None,
        state: str,
        bytes_done: int = 0,
        error: str = "",
    ) -> None: ...

    def downloads(self, states: tuple[str, ...]) -> Sequence[StoredDownload]: ...

    def forget_download(self, item_id: str, fmt: str) -> None: ...

    def stored_file(
        self, item_id: str, fmt: str, png_size: int | None, source_sha256: str
    ) -> tuple[str, str] | None: ...

    def upsert_items(self, items: list[Illustration]) -> object: ...

    def item(self, id: str) -> Illustration | None: ...


@dataclass(frozen=True)
class DownloadState:
    """One queue entry as the UI shows it.

    `error` is set for failed items and for paused ones waiting for the network
    (`waiting_for_network`); translate it with its `message` template and `args_`. `error_text` is
    the English text (also for errors restored from a previous run, where `error` is None).
    """

    key: str
    item: Illustration
    fmt: str
    png_size: int | None
    state: StateName
    bytes_done: int
    bytes_total: int
    speed_bps: float
    error: WeshapeError | None = None
    error_text: str = ""
    waiting_for_network: bool = False
    path: Path | None = None  # the library file, once done


@dataclass(frozen=True)
class DownloadEvent:
    """`progress` (throttled), `state` (queued/running/paused/cancelled…), `done`, `failed`."""

    kind: EventKind
    key: str
    state: DownloadState


def download_key(item_id: str, fmt: str) -> str:
    """The queue key of `item_id` in `fmt` (one PNG size per item at a time)."""
    return f"{item_id}:{fmt}"
