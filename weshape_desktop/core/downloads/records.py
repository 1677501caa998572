"""The download queue's records in the library store, so the queue survives a restart (DESIGN §7).

`QueueRecords` wraps a `DownloadStore` (the app's `LibraryStore`): it hands the store one call at a
time, whichever worker makes it, and decides how a job's state is saved for the next run. Stored
files are recorded in group commits: the entries of workers that finished while the store was busy
go in together, in one transaction (with the real store, 0.29 instead of 0.82 ms a file for four).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from weshape_desktop.core.downloads.types import DownloadState, DownloadStore, StoredDownload
from weshape_desktop.core.library import NewFile
from weshape_desktop.core.models import Illustration

T = TypeVar("T")

RESTORABLE = ("queued", "running", "paused", "failed")


class QueueRecords:
    """What the queue persists through `store`; any thread may call it."""

    def __init__(self, store: DownloadStore) -> None:
        self._store = store
        self._lock = threading.Lock()  # one store call at a time
        self._waiting_lock = threading.Lock()
        self._waiting: list[_Entry] = []  # entries not yet handed to the store

    def remember_item(self, item: Illustration) -> None:
        """Cache the item's metadata, so `restorable()` can find it after a restart."""
        self._call(lambda: self._store.upsert_items([item]))

    def save(self, state: DownloadState, *, stopping: bool) -> None:
        """Persist a job as the next run should see it: an interrupted transfer (running, or cut
        by the queue shutting down) as queued, a job waiting for the network as paused with its
        error (so the next run retries it)."""
        saved = "paused" if state.waiting_for_network else state.state
        if saved == "running" or stopping:
            saved = "queued"
        self._call(
            lambda: self._store.save_download(
                state.item.id, state.fmt, state.png_size, saved, state.bytes_done, state.error_text
            )
        )

    def forget(self, item_id: str, fmt: str) -> None:
        """Drop a finished or cancelled job's record."""
        self._call(lambda: self._store.forget_download(item_id, fmt))

    def record_entry(
        self,
        item: Illustration,
        rel_path: str,
        sha256: str,
        fmt: str,
        size: int,
        png_size: int | None,
    ) -> None:
        """Add a stored file to the library; returns once it is in (or raises what the store
        raised), so the entry exists before the job is reported done."""
        entry = _Entry(NewFile(item, rel_path, sha256, fmt, size, png_size))
        with self._waiting_lock:
            self._waiting.append(entry)
        with self._lock:
            if not entry.recorded:  # else a worker that got the lock first took it along
                with self._waiting_lock:
                    batch, self._waiting = self._waiting, []
                error: BaseException | None = None
                try:
                    self._store.add_entries([waiting.file for waiting in batch])
                except BaseException as exc:  # each worker of the batch reports it
                    error = exc
                for waiting in batch:
                    waiting.recorded, waiting.error = True, error
        if entry.error is not None:
            raise entry.error

    def restorable(self) -> list[tuple[StoredDownload, Illustration]]:
        """The records a new queue restores, with their items; records whose item is unknown (or
        whose format this version doesn't know) are forgotten."""
        found = []
        for record in self._call(lambda: list(self._store.downloads(RESTORABLE))):
            item = self._call(lambda r=record: self._store.item(r.item_id))  # type: ignore[misc]
            if item is None or record.fmt not in ("svg", "png"):
                self.forget(record.item_id, record.fmt)
            else:
                found.append((record, item))
        return found

    def _call(self, call: Callable[[], T]) -> T:
        with self._lock:
            return call()


@dataclass(eq=False)
class _Entry:
    """A file waiting to be recorded; `recorded` and `error` are set under the store lock."""

    file: NewFile
    recorded: bool = False
    error: BaseException | None = None
