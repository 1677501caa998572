"""The download queue (DESIGN §7): bounded parallel, resumable, verified downloads into the library.

`DownloadQueue` owns the jobs: worker threads, retries with backoff, pause, cancel, resume, restore
after a restart and snapshots for the UI. A job's live state is `core.download_job`; one try of
one job — fetch into a part file, verify, sanitise, rename into the library — is
`core.download_transfer`, with its HTTP client in `core.download_client` and its files in
`core.download_files`; the names the queue reports and persists are `core.download_types`
(re-exported here).

Workers are plain threads (network and disk I/O release the GIL). A worker fetches and verifies a
file, hands it to a storing thread and goes back to the network, so storing a file never delays
the next request (what a 50 ms network would otherwise add to every file). Events are delivered
on those threads: a Qt UI forwards them to the GUI thread through a queued signal.
"""

from __future__ import annotations

import logging
import queue
import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.downloads.files import disk_error
from weshape_desktop.core.downloads.job import Job, JobWatcher
from weshape_desktop.core.downloads.records import QueueRecords
from weshape_desktop.core.downloads.transfer import Aborted, Damaged, FileTransfer, Verified
from weshape_desktop.core.downloads.types import (
    ACTIVE_STATES,
    CHUNK_BYTES,
    MAX_RETRY_AFTER_S,
    PARTS_DIR,
    PROGRESS_INTERVAL_S,
    DownloadEvent,
    DownloadState,
    DownloadStore,
    EventKind,
    RenderPng,
    StateName,
    StoredDownload,
    download_key,
)
from weshape_desktop.core.errors import (
    DownloadDamagedError,
    DownloadIncompleteError,
    OfflineError,
    RateLimitedError,
    ServerError,
    WeshapeError,
)
from weshape_desktop.core.models import Illustration

__all__ = [
    "CHUNK_BYTES",
    "MAX_RETRY_AFTER_S",
    "PARTS_DIR",
    "PROGRESS_INTERVAL_S",
    "DownloadEvent",
    "DownloadQueue",
    "DownloadState",
    "DownloadStore",
    "EventKind",
    "RenderPng",
    "StateName",
    "StoredDownload",
    "disk_error",
    "download_key",
]

log = logging.getLogger(__name__)

Sleeper = Callable[[threading.Event, float], object]
"""Waits up to some seconds before a retry, returning early once the event (an abort) is set."""


class DownloadQueue:
    """Downloads illustrations into `library_dir` with `concurrency` worker threads.

    `on_event` is called from worker threads (and from the caller's thread for enqueue/pause/…);
    it must not block. Call `shutdown()` when done: part files stay, so `restore()` in a new queue
    continues where this one stopped.

    Server errors, timeouts and cut bodies are tried up to `max_attempts` times; a file whose
    bytes don't match the catalog is fetched again from scratch up to `damaged_retries` times
    before it fails. Between tries the worker waits `backoff_s`, doubling, with jitter, through
    `sleeper(abort, seconds)`, which returns early when the job is paused, cancelled or the
    queue shuts down.
    """

    def __init__(
        self,
        api: ApiClient,
        library_dir: Path,
        store: DownloadStore,
        *,
        concurrency: int = 4,
        render_png: RenderPng | None = None,
        on_event: Callable[[DownloadEvent], None] | None = None,
        lang: str = "en",
        max_attempts: int = 4,
        backoff_s: float = 0.5,
        damaged_retries: int = 2,
        clock: Callable[[], float] = time.monotonic,
        sleeper: Sleeper = threading.Event.wait,
        rng: random.Random | None = None,
    ) -> None:
        self._records = QueueRecords(store)
        self._render_png = render_png
        self._on_event = on_event
        self._max_attempts = max(1, max_attempts)
        self._damaged_retries = max(0, damaged_retries)
        self._backoff_s = backoff_s
        self._clock = clock
        self._sleeper = sleeper
        self._rng = rng or random.Random()
        self._lock = threading.RLock()
        self._transfer = FileTransfer(
            api,
            library_dir,
            self._records.record_entry,
            self._records.stored_file,
            render_png=render_png,
            lang=lang,
            clock=clock,
        )
        self._jobs: dict[str, Job] = {}
        self._pending: queue.SimpleQueue[tuple[Job, int] | None] = queue.SimpleQueue()
        self._stopping = False
        # Verified files are stored (sanitised, fsynced, renamed, recorded) by other threads, so
        # a worker is back on the network at once; at most `concurrency` wait in memory.
        self._storing = ThreadPoolExecutor(max(1, concurrency), "weshape-download-store")
        self._store_slots = threading.BoundedSemaphore(max(1, concurrency))
        self._threads = [
            threading.Thread(target=self._work, name=f"weshape-download-{n}", daemon=True)
            for n in range(max(1, concurrency))
        ]
        for thread in self._threads:
            thread.start()

    # -- control (any thread) --------------------------------------------------------------------

    def enqueue(self, item: Illustration, fmt: str = "svg", png_size: int | None = None) -> str:
        """Queue `item` in `fmt` ("svg", or "png" at `png_size` pixels); returns its key.

        An item already queued, running or paused in that format keeps its entry.
        """
        if fmt not in ("svg", "png"):
            raise ValueError(f"unknown format {fmt!r}")
        if fmt == "png" and (self._render_png is None or not png_size or png_size <= 0):
            raise ValueError("PNG downloads need a render_png function and a positive png_size")
        key = download_key(item.id, fmt)
        with self._lock:
            job = self._jobs.get(key)
            if job is not None and job.state in ACTIVE_STATES:
                return key
            job = Job(key, item, fmt, png_size if fmt == "png" else None)
            self._jobs[key] = job
        self._persist(job)
        self._schedule(job)
        return key

    def cancel(self, key: str) -> None:
        """Stop and forget `key`; its part file is deleted."""
        with self._lock:
            job = self._jobs.get(key)
            if job is None or job.state in ("done", "cancelled"):
                return
            if job.state == "running":
                job.request_abort("cancel")
                return
            job.generation += 1
            job.state = "cancelled"
        self._transfer.discard_part(job)
        self._records.forget(job.item.id, job.fmt)
        self._emit("state", job)

    def cancel_all(self) -> None:
        """Cancel every entry."""
        for key in self._keys():
            self.cancel(key)

    def pause(self, key: str) -> None:
        """Stop `key` but keep its part file, to resume later (also after a restart)."""
        with self._lock:
            job = self._jobs.get(key)
            if job is None:
                return
            if job.state == "running":
                job.request_abort("pause")
                return
            if job.state != "queued":
                return
            job.generation += 1
            job.state = "paused"
        self._persist(job)
        self._emit("state", job)

    def pause_all(self) -> None:
        """Pause every queued or running entry."""
        for key in self._keys():
            self.pause(key)

    def resume(self, key: str) -> None:
        """Continue a paused item (including one waiting for the network)."""
        self._requeue(key, ("paused",))

    def resume_all(self) -> None:
        """Resume every paused entry."""
        for key in self._keys():
            self.resume(key)

    def retry(self, key: str) -> None:
        """Start a failed or cancelled item again."""
        self._requeue(key, ("failed", "cancelled", "paused"))

    def restore(self) -> list[str]:
        """Bring back the queue persisted by a previous run; returns the restored keys.

        Queued and interrupted items start again (resuming their part files), items paused by the
        user stay paused, items that were waiting for the network are retried, failed ones are
        listed so the user can retry them. Temp files a killed process left are deleted.
        """
        with self._lock:
            idle = not any(job.state == "running" for job in self._jobs.values())
        if idle:
            self._transfer.remove_leftovers()
        keys = []
        for record, item in self._records.restorable():
            key = download_key(item.id, record.fmt)
            with self._lock:
                if key in self._jobs and self._jobs[key].state in ACTIVE_STATES:
                    continue
                job = Job(key, item, record.fmt, record.png_size, bytes_done=record.bytes_done)
                job.error_text = record.error
                if record.state == "failed":
                    job.state = "failed"
                elif record.state == "paused" and not record.error:
                    job.state = "paused"
                self._jobs[key] = job
            keys.append(key)
            if job.state == "queued":
                self._schedule(job)
            else:
                self._emit("state", job)
        return keys

    def snapshot(self) -> list[DownloadState]:
        """Every entry, in the order they were queued."""
        with self._lock:
            return [job.snapshot() for job in self._jobs.values()]

    def shutdown(self, wait: bool = True) -> None:
        """Stop the workers promptly; running transfers are cut and stay resumable."""
        with self._lock:
            if self._stopping:
                return
            self._stopping = True
            for job in self._jobs.values():
                if job.state == "running":
                    job.request_abort("shutdown")
        self._transfer.cut_connections()
        for _ in self._threads:
            self._pending.put(None)
        if wait:
            for thread in self._threads:
                thread.join()
            self._storing.shutdown()  # the files being stored are stored

    # -- bookkeeping -----------------------------------------------------------------------------

    def _keys(self) -> list[str]:
        with self._lock:
            return list(self._jobs)

    def _schedule(self, job: Job) -> None:
        with self._lock:
            job.state = "queued"
            job.generation += 1
            generation = job.generation
        self._emit("state", job)
        self._pending.put((job, generation))

    def _requeue(self, key: str, states: tuple[StateName, ...]) -> None:
        with self._lock:
            job = self._jobs.get(key)
            if job is None or self._stopping:
                return
            if job.state == "running" and job.abort_reason == "pause":
                job.abort_reason = "requeue"  # resumed before the worker saw the pause
                return
            if job.state not in states:
                return
            job.error, job.error_text, job.waiting_for_network = None, "", False
        self._persist(job)
        self._schedule(job)

    def _emit(self, kind: EventKind, job: Job) -> None:
        if self._on_event is None:
            return
        with self._lock:
            state = job.snapshot()
        try:
            self._on_event(DownloadEvent(kind, job.key, state))
        except Exception:  # a broken listener must not kill a download worker
            log.exception("download event handler failed")

    def _emit_progress(self, job: Job) -> None:
        self._emit("progress", job)

    def _persist(self, job: Job) -> None:
        with self._lock:
            state, stopping = job.snapshot(), self._stopping
        self._records.save(state, stopping=stopping)

    # -- workers ---------------------------------------------------------------------------------

    def _work(self) -> None:
        while True:
            entry = self._pending.get()
            if entry is None:
                return
            job, generation = entry
            with self._lock:
                if self._stopping or job.generation != generation or job.state != "queued":
                    continue
                job.state = "running"
                job.abort.clear()
                job.abort_reason = ""
            self._emit("state", job)
            try:
                self._run(job)
            except Exception as exc:  # a bug must still surface as a failed item, not vanish
                log.exception("download of %s crashed", job.key)
                self._finish_failed(job, WeshapeError(detail=repr(exc)))

    def _run(self, job: Job) -> None:
        attempt = damaged = 0
        while True:
            attempt += 1
            try:
                watcher = JobWatcher(job, self._lock, self._clock, self._emit_progress)
                fetched = self._transfer.fetch(job, watcher)
            except Aborted:
                self._finish_aborted(job)
                return
            except Damaged as exc:
                # Bytes that don't match the catalog were cut, mangled or not the file asked
                # for on the way: start from scratch before the user is asked to try again.
                self._transfer.discard_part(job)
                damaged += 1
                if damaged > self._damaged_retries:
                    self._finish_failed(job, DownloadDamagedError(self._transfer.title(job)))
                    return
                # An old part file may have been the bad one: no reason to wait for the server.
                delay = 0.0 if exc.resumed and damaged == 1 else self._backoff(damaged)
                log.info("download of %s damaged; again from scratch in %.1f s", job.key, delay)
            except WeshapeError as exc:
                delay_or_none = self._retry_delay(exc, attempt)
                if delay_or_none is None:
                    if type(exc) is OfflineError:  # not timeouts, not cut bodies: those fail
                        self._finish_waiting(job, exc)
                    else:
                        self._finish_failed(job, exc)
                    return
                delay = delay_or_none
                log.info("download of %s: %s; retrying in %.1f s", job.key, exc.detail, delay)
            else:
                if isinstance(fetched, Path):  # stored by an earlier download
                    self._records.forget(job.item.id, job.fmt)
                    self._finish_done(job, fetched)
                else:
                    self._store_slots.acquire()
                    self._storing.submit(self._store, job, fetched)
                return
            if delay > 0:
                self._sleeper(job.abort, delay)  # pause, cancel and shutdown set job.abort
            if job.abort.is_set():
                self._finish_aborted(job)
                return

    def _store(self, job: Job, verified: Verified) -> None:
        """Store a verified file (on a storing thread); what fails here is final."""
        try:
            path = self._transfer.store(job, verified)
        except WeshapeError as exc:
            self._finish_failed(job, exc)
        except Exception as exc:  # a bug must still surface as a failed item, not vanish
            log.exception("storing %s crashed", job.key)
            self._finish_failed(job, WeshapeError(detail=repr(exc)))
        else:
            self._finish_done(job, path)  # its record went with the entry
        finally:
            self._store_slots.release()

    def _retry_delay(self, exc: WeshapeError, attempt: int) -> float | None:
        """Seconds to wait before the next attempt, or None when `exc` is final."""
        if attempt >= self._max_attempts:
            return None
        if isinstance(exc, RateLimitedError):
            try:
                return min(max(float(exc.args_[0]), 0.0), MAX_RETRY_AFTER_S)
            except (IndexError, ValueError):
                return MAX_RETRY_AFTER_S
        if isinstance(exc, ServerError | OfflineError | DownloadIncompleteError):
            return self._backoff(attempt)
        return None

    def _backoff(self, tries: int) -> float:
        """Seconds to wait after `tries` failed tries: doubling, with jitter."""
        return float(self._backoff_s * 2.0 ** (tries - 1) * self._rng.uniform(0.75, 1.25))

    def _finish_done(self, job: Job, path: Path) -> None:
        with self._lock:
            job.state, job.path = "done", path
            job.bytes_done = job.item.bytes
            job.error, job.error_text, job.waiting_for_network = None, "", False
        self._emit("done", job)

    def _finish_failed(self, job: Job, error: WeshapeError) -> None:
        with self._lock:
            job.state, job.error, job.error_text = "failed", error, error.english()
            job.waiting_for_network = False
        log.warning("download of %s failed: %s (%s)", job.key, error.english(), error.detail)
        self._persist(job)
        self._emit("failed", job)

    def _finish_waiting(self, job: Job, error: WeshapeError) -> None:
        with self._lock:
            job.state, job.error, job.error_text = "paused", error, error.english()
            job.waiting_for_network = True
        self._persist(job)
        self._emit("state", job)

    def _finish_aborted(self, job: Job) -> None:
        with self._lock:
            reason = job.abort_reason
            job.speed_bps = 0.0
            aborted_to: dict[str, StateName] = {"cancel": "cancelled", "pause": "paused"}
            job.state = aborted_to.get(reason, "queued")
        if reason == "cancel":
            self._transfer.discard_part(job)
            self._records.forget(job.item.id, job.fmt)
        else:
            self._persist(job)
        if reason == "requeue" and not self._stopping:
            self._schedule(job)
        else:
            self._emit("state", job)
