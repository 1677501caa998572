"""The download queue's records in the library store, so the queue survives a restart (DESIGN §7).

`QueueRecords` wraps a `DownloadStore` (the app's `LibraryStore`): it hands the store one call at a
time, whichever thread makes it, and decides how a job's state is saved for the next run. Writes
go in group commits: the writes other threads asked for while the store was busy go in together,
in one transaction, since a commit costs more than the writes in it (with the real store, a
single stored file's commit is ~0.45 ms of the CPU, most of it writing the WAL).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

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
        self._waiting: list[_Write] = []  # writes not yet handed to the store

    def save(self, state: DownloadState, *, stopping: bool) -> None:
        """Persist a job as the next run should see it, with its item's metadata (so
        `restorable()` finds it after a restart): an interrupted transfer (running, or cut by
        the queue shutting down) as queued, a job waiting for the network as paused with its
        error (so the next run retries it)."""
        saved = "paused" if state.waiting_for_network else state.state
        if saved == "running" or stopping:
            saved = "queued"

        def write() -> None:
            self._store.upsert_items([state.item])
            self._store.save_download(
                state.item.id, state.fmt, state.png_size, saved, state.bytes_done, state.error_text
            )

        self._write(write)

    def forget(self, item_id: str, fmt: str) -> None:
        """Drop a finished or cancelled job's record."""
        self._write(lambda: self._store.forget_download(item_id, fmt))

    def record_entry(
        self,
        item: Illustration,
        rel_path: str,
        sha256: str,
        fmt: str,
        size: int,
        png_size: int | None,
    ) -> None:
        """Add a stored file to the library and drop its job's record; returns once both are
        in (or raises what the store raised), so the entry exists before the job is reported
        done."""
        new = NewFile(item, rel_path, sha256, fmt, size, png_size, item.sha256)

        def write() -> None:
            self._store.add_entries([new])
            self._store.forget_download(item.id, fmt)

        self._write(write)

    def stored_file(
        self, item: Illustration, fmt: str, png_size: int | None
    ) -> tuple[str, str] | None:
        """The file name and sha256 of what an earlier download of this item's current file in
        `fmt` (and `png_size`) became, if the library records one."""
        # Straight to the store (thread-safe itself): not queued behind the group commits.
        return self._store.stored_file(item.id, fmt, png_size, item.sha256)

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

    def _write(self, call: Callable[[], Any]) -> None:
        """Run `call`'s writes in a transaction with the writes that other threads asked for
        meanwhile; returns once they are committed, or raises what the store raised (to every
        thread whose write was in that transaction)."""
        write = _Write(call)
        with self._waiting_lock:
            self._waiting.append(write)
        with self._lock:
            if not write.done:  # else a thread that got the lock first took it along
                with self._waiting_lock:
                    batch, self._waiting = self._waiting, []
                error: BaseException | None = None
                try:
                    with self._store.transaction():
                        for waiting in batch:
                            waiting.call()
                except BaseException as exc:  # each thread of the batch reports it
                    error = exc
                for waiting in batch:
                    waiting.done, waiting.error = True, error
        if write.error is not None:
            raise write.error


@dataclass(eq=False)
class _Write:
    """Writes waiting for a transaction; `done` and `error` are set under the store lock."""

    call: Callable[[], Any]
    done: bool = False
    error: BaseException | None = None
