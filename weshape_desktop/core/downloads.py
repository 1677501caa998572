"""The download queue (DESIGN §7): bounded parallel, resumable, verified downloads into the library.

Each item is fetched into `<library>/.weshape-parts/<sha256>.<fmt>.part`, resumed with `Range` +
`If-Range` after a pause, a network failure or an app restart, checked against the catalog's size
and sha256, sanitised (SVG) or rendered (PNG), and only then written under a locally built name with
an atomic rename, so the library folder never holds half a file.

Workers are plain threads (network and disk I/O release the GIL). Events are delivered on those
worker threads: a Qt UI forwards them to the GUI thread through a queued signal.
"""

from __future__ import annotations

import errno
import hashlib
import http.client
import json
import logging
import os
import queue
import random
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Literal, Protocol, TypeVar

import requests
import urllib3.exceptions

from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.errors import (
    DiskError,
    DiskFullError,
    DownloadDamagedError,
    DownloadIncompleteError,
    LibraryFolderMissingError,
    LibraryNotWritableError,
    OfflineError,
    PngExportError,
    RateLimitedError,
    RequestRejectedError,
    ServerError,
    ServerTimeoutError,
    UnsafeDownloadError,
    WeshapeError,
)
from weshape_desktop.core.filenames import resolve_inside, safe_file_name
from weshape_desktop.core.models import Illustration
from weshape_desktop.core.svg_safety import UnsafeSvgError, sanitize_svg

log = logging.getLogger(__name__)

PARTS_DIR = ".weshape-parts"
CHUNK_BYTES = 64 * 1024
PROGRESS_INTERVAL_S = 0.1  # at most 10 progress events per second per item
MAX_RETRY_AFTER_S = 300.0

StateName = Literal["queued", "running", "paused", "done", "failed", "cancelled"]
EventKind = Literal["progress", "done", "failed", "state"]
RenderPng = Callable[[bytes, int, Path], None]
T = TypeVar("T")
_ACTIVE: tuple[StateName, ...] = ("queued", "running", "paused")


class DownloadRecord(Protocol):
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

    def add_entry(
        self,
        item: Illustration,
        rel_path: str,
        sha256: str,
        fmt: str,
        bytes: int,
        png_size: int | None = None,
    ) -> object: ...

    def save_download(
        self,
        item_id: str,
        fmt: str,
        png_size: int | None,
        state: str,
        bytes_done: int = 0,
        error: str = "",
    ) -> None: ...

    def downloads(self, states: tuple[str, ...]) -> Sequence[DownloadRecord]: ...

    def forget_download(self, item_id: str, fmt: str) -> None: ...

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


def write_chunk(fh: BinaryIO, data: bytes) -> None:
    """Every byte the queue writes goes through here (tests inject disk errors)."""
    fh.write(data)


class _Aborted(Exception):
    """The job was paused, cancelled or the queue is shutting down."""


class _Damaged(Exception):
    """The bytes didn't match the catalog; `resumed` says whether an old part file was involved."""

    def __init__(self, resumed: bool) -> None:
        super().__init__()
        self.resumed = resumed


@dataclass(eq=False)
class _Job:
    key: str
    item: Illustration
    fmt: str
    png_size: int | None
    state: StateName = "queued"
    bytes_done: int = 0
    speed_bps: float = 0.0
    error: WeshapeError | None = None
    error_text: str = ""
    waiting_for_network: bool = False
    path: Path | None = None
    generation: int = 0
    abort: threading.Event = field(default_factory=threading.Event)
    abort_reason: str = ""  # pause | cancel | requeue | shutdown
    response: requests.Response | None = None
    last_progress: float = float("-inf")


def download_key(item_id: str, fmt: str) -> str:
    """The queue key of `item_id` in `fmt` (one PNG size per item at a time)."""
    return f"{item_id}:{fmt}"


class DownloadQueue:
    """Downloads illustrations into `library_dir` with `concurrency` worker threads.

    `on_event` is called from worker threads (and from the caller's thread for enqueue/pause/…);
    it must not block. Call `shutdown()` when done: part files stay, so `restore()` in a new queue
    continues where this one stopped.
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
        clock: Callable[[], float] = time.monotonic,
        sleeper: Callable[[float], None] | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self._api = api
        self._library_dir = library_dir
        self._parts_dir = library_dir / PARTS_DIR
        self._store = store
        self._render_png = render_png
        self._on_event = on_event
        self._lang = lang
        self._max_attempts = max(1, max_attempts)
        self._backoff_s = backoff_s
        self._clock = clock
        self._sleeper = sleeper
        self._rng = rng or random.Random()
        self._lock = threading.RLock()
        self._store_lock = threading.Lock()  # the store sees one call at a time
        self._names_lock = threading.Lock()  # picking a free name + renaming into it
        self._jobs: dict[str, _Job] = {}
        self._pending: queue.SimpleQueue[tuple[_Job, int] | None] = queue.SimpleQueue()
        self._stopping = False
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
            if job is not None and job.state in _ACTIVE:
                return key
            job = _Job(key, item, fmt, png_size if fmt == "png" else None)
            self._jobs[key] = job
        self._call_store(lambda: self._store.upsert_items([item]))
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
                self._abort(job, "cancel")
                return
            job.generation += 1
            job.state = "cancelled"
        self._discard_part(job)
        self._call_store(lambda: self._store.forget_download(job.item.id, job.fmt))
        self._emit("state", job)

    def cancel_all(self) -> None:
        for key in self._keys():
            self.cancel(key)

    def pause(self, key: str) -> None:
        """Stop `key` but keep its part file, to resume later (also after a restart)."""
        with self._lock:
            job = self._jobs.get(key)
            if job is None:
                return
            if job.state == "running":
                self._abort(job, "pause")
                return
            if job.state != "queued":
                return
            job.generation += 1
            job.state = "paused"
        self._persist(job)
        self._emit("state", job)

    def pause_all(self) -> None:
        for key in self._keys():
            self.pause(key)

    def resume(self, key: str) -> None:
        """Continue a paused item (including one waiting for the network)."""
        self._requeue(key, ("paused",))

    def resume_all(self) -> None:
        for key in self._keys():
            self.resume(key)

    def retry(self, key: str) -> None:
        """Start a failed or cancelled item again."""
        self._requeue(key, ("failed", "cancelled", "paused"))

    def restore(self) -> list[str]:
        """Bring back the queue persisted by a previous run; returns the restored keys.

        Queued and interrupted items start again (resuming their part files), items paused by the
        user stay paused, items that were waiting for the network are retried, failed ones are
        listed so the user can retry them.
        """
        records = self._call_store(
            lambda: list(self._store.downloads(("queued", "running", "paused", "failed")))
        )
        keys = []
        for record in records:
            item = self._call_store(lambda r=record: self._store.item(r.item_id))  # type: ignore[misc]
            if item is None or record.fmt not in ("svg", "png"):
                self._call_store(
                    lambda r=record: self._store.forget_download(r.item_id, r.fmt)  # type: ignore[misc]
                )
                continue
            key = download_key(item.id, record.fmt)
            with self._lock:
                if key in self._jobs and self._jobs[key].state in _ACTIVE:
                    continue
                job = _Job(key, item, record.fmt, record.png_size, bytes_done=record.bytes_done)
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
            return [self._state_of(job) for job in self._jobs.values()]

    def shutdown(self, wait: bool = True) -> None:
        """Stop the workers promptly; running transfers are cut and stay resumable."""
        with self._lock:
            if self._stopping:
                return
            self._stopping = True
            for job in self._jobs.values():
                if job.state == "running":
                    self._abort(job, "shutdown")
        for _ in self._threads:
            self._pending.put(None)
        if wait:
            for thread in self._threads:
                thread.join()

    # -- bookkeeping -----------------------------------------------------------------------------

    def _keys(self) -> list[str]:
        with self._lock:
            return list(self._jobs)

    def _schedule(self, job: _Job) -> None:
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

    def _abort(self, job: _Job, reason: str) -> None:
        """Ask the worker running `job` to stop; cut its connection so a blocked read returns."""
        if job.abort_reason != "cancel":
            job.abort_reason = reason
        job.abort.set()
        response = job.response
        connection = getattr(getattr(response, "raw", None), "connection", None)
        sock = getattr(connection, "sock", None)
        if isinstance(sock, socket.socket):
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def _state_of(self, job: _Job) -> DownloadState:
        return DownloadState(
            key=job.key,
            item=job.item,
            fmt=job.fmt,
            png_size=job.png_size,
            state=job.state,
            bytes_done=job.bytes_done,
            bytes_total=job.item.bytes,
            speed_bps=job.speed_bps,
            error=job.error,
            error_text=job.error_text,
            waiting_for_network=job.waiting_for_network,
            path=job.path,
        )

    def _emit(self, kind: EventKind, job: _Job) -> None:
        if self._on_event is None:
            return
        with self._lock:
            state = self._state_of(job)
        try:
            self._on_event(DownloadEvent(kind, job.key, state))
        except Exception:  # a broken listener must not kill a download worker
            log.exception("download event handler failed")

    def _call_store(self, call: Callable[[], T]) -> T:
        with self._store_lock:
            return call()

    def _persist(self, job: _Job) -> None:
        with self._lock:
            state = "paused" if job.waiting_for_network else job.state
            if state == "running" or self._stopping:
                state = "queued"  # an interrupted transfer restarts on the next run
            args = (job.item.id, job.fmt, job.png_size, state, job.bytes_done, job.error_text)
        self._call_store(lambda: self._store.save_download(*args))

    def _part_path(self, job: _Job) -> Path:
        return self._parts_dir / f"{job.item.sha256}.{job.fmt}.part"

    def _marker_path(self, job: _Job) -> Path:
        size = f".{job.png_size}" if job.fmt == "png" else ""
        return self._parts_dir / f"{job.item.sha256}.{job.fmt}{size}.done"

    def _discard_part(self, job: _Job) -> None:
        try:
            self._part_path(job).unlink(missing_ok=True)
        except OSError:
            log.warning("could not delete the part file of %s", job.key)

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

    def _run(self, job: _Job) -> None:
        attempt = 0
        fresh_retry_used = False
        while True:
            attempt += 1
            try:
                path = self._attempt(job)
            except _Aborted:
                self._finish_aborted(job)
                return
            except _Damaged as damaged:
                self._discard_part(job)
                if damaged.resumed and not fresh_retry_used:
                    fresh_retry_used = True  # the old part file may have been the bad one
                    continue
                self._finish_failed(job, DownloadDamagedError(self._title(job)))
                return
            except WeshapeError as exc:
                delay = self._retry_delay(exc, attempt)
                if delay is None:
                    if type(exc) is OfflineError:  # not timeouts, not cut bodies: those fail
                        self._finish_waiting(job, exc)
                    else:
                        self._finish_failed(job, exc)
                    return
                log.info("download of %s: %s; retrying in %.1f s", job.key, exc.detail, delay)
                if self._sleeper is not None:
                    self._sleeper(delay)
                else:
                    job.abort.wait(delay)
                if job.abort.is_set():
                    self._finish_aborted(job)
                    return
                continue
            self._finish_done(job, path)
            return

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
            return float(self._backoff_s * 2.0 ** (attempt - 1) * self._rng.uniform(0.75, 1.25))
        return None

    def _finish_done(self, job: _Job, path: Path) -> None:
        with self._lock:
            job.state, job.path = "done", path
            job.bytes_done = job.item.bytes
            job.error, job.error_text, job.waiting_for_network = None, "", False
        self._call_store(lambda: self._store.forget_download(job.item.id, job.fmt))
        self._emit("done", job)

    def _finish_failed(self, job: _Job, error: WeshapeError) -> None:
        with self._lock:
            job.state, job.error, job.error_text = "failed", error, error.english()
            job.waiting_for_network = False
        log.warning("download of %s failed: %s (%s)", job.key, error.english(), error.detail)
        self._persist(job)
        self._emit("failed", job)

    def _finish_waiting(self, job: _Job, error: WeshapeError) -> None:
        with self._lock:
            job.state, job.error, job.error_text = "paused", error, error.english()
            job.waiting_for_network = True
        self._persist(job)
        self._emit("state", job)

    def _finish_aborted(self, job: _Job) -> None:
        with self._lock:
            reason = job.abort_reason
            job.speed_bps = 0.0
            aborted_to: dict[str, StateName] = {"cancel": "cancelled", "pause": "paused"}
            job.state = aborted_to.get(reason, "queued")
        if reason == "cancel":
            self._discard_part(job)
            self._call_store(lambda: self._store.forget_download(job.item.id, job.fmt))
        else:
            self._persist(job)
        if reason == "requeue" and not self._stopping:
            self._schedule(job)
        else:
            self._emit("state", job)

    # -- one attempt -----------------------------------------------------------------------------

    def _title(self, job: _Job) -> str:
        return job.item.title_in(self._lang)

    def _attempt(self, job: _Job) -> Path:
        """Fetch, verify, convert and store `job`'s file; returns its library path."""
        if not self._library_dir.is_dir():
            raise LibraryFolderMissingError(str(self._library_dir))
        with _disk_errors(self._library_dir):
            done = self._already_stored(job)
            if done is not None:
                return done
            self._parts_dir.mkdir(mode=0o700, exist_ok=True)
            part = self._part_path(job)
            have = part.stat().st_size if part.exists() else 0
        resumed = have > 0
        if have > job.item.bytes:
            have = 0  # longer than the real file: certainly not a prefix of it
        if have < job.item.bytes:
            self._fetch(job, part, have)
        with _disk_errors(self._library_dir):
            data = part.read_bytes()
            if len(data) != job.item.bytes or hashlib.sha256(data).hexdigest() != job.item.sha256:
                part.unlink(missing_ok=True)
                raise _Damaged(resumed)
        try:
            final = self._convert(job, data)
        except WeshapeError:
            part.unlink(missing_ok=True)  # correct bytes that can't be stored: no use resuming
            raise
        with _disk_errors(self._library_dir):
            path = self._write_final(job, final)
            self._call_store(
                lambda: self._store.add_entry(
                    job.item,
                    path.name,
                    hashlib.sha256(final).hexdigest(),
                    job.fmt,
                    len(final),
                    job.png_size,
                )
            )
            marker = {"path": path.name, "sha256": hashlib.sha256(final).hexdigest()}
            self._marker_path(job).write_text(json.dumps(marker), encoding="utf-8")
            part.unlink(missing_ok=True)
        return path

    def _already_stored(self, job: _Job) -> Path | None:
        """The library file of an earlier identical download, if it is still there unchanged."""
        try:
            marker = json.loads(self._marker_path(job).read_text(encoding="utf-8"))
            path = resolve_inside(self._library_dir, str(marker["path"]))
            if hashlib.sha256(path.read_bytes()).hexdigest() == marker["sha256"]:
                return path
        except (OSError, ValueError, KeyError, TypeError):
            pass
        return None

    def _fetch(self, job: _Job, part: Path, have: int) -> None:
        """Append the rest of the file to `part` (or rewrite it when the server sends it all)."""
        item = job.item
        headers = {"Range": f"bytes={have}-", "If-Range": f'"{item.sha256}"'} if have else {}
        try:
            response = self._api.request(
                "GET",
                f"/v1/files/{item.sha256}",
                authorized=self._api.auth is not None,
                stream=True,
                headers=headers,
            )
        except RequestRejectedError as exc:
            if have and exc.detail.startswith("HTTP 416"):
                raise _Damaged(resumed=True) from exc  # our part doesn't fit the server's file
            raise
        with response:
            with self._lock:
                job.response = response
                aborted = job.abort.is_set()
            try:
                if aborted:
                    raise _Aborted
                if response.status_code == 206:
                    spans = response.headers.get("Content-Range", "").partition(" ")[2]
                    if not spans.startswith(f"{have}-") or not spans.endswith(f"/{item.bytes}"):
                        raise _Damaged(resumed=True)
                else:
                    have = 0  # the server ignored the range: start over
                    length = response.headers.get("Content-Length")
                    if length is not None and length != str(item.bytes):
                        raise _Damaged(resumed=False)  # not the file the catalog describes
                self._stream(job, response, part, have)
            finally:
                with self._lock:
                    job.response = None

    def _stream(self, job: _Job, response: requests.Response, part: Path, have: int) -> None:
        expected = job.item.bytes
        started_at, done = self._clock(), have
        with self._lock:
            job.bytes_done = have
        with _disk_errors(self._library_dir):
            fh = part.open("ab" if have else "wb")
        with fh:
            try:
                for chunk in _chunks(response):
                    if job.abort.is_set():
                        raise _Aborted
                    if done + len(chunk) > expected:
                        raise _Damaged(resumed=have > 0)
                    with _disk_errors(self._library_dir):
                        write_chunk(fh, chunk)
                    done += len(chunk)
                    self._progress(job, done, started_at, have)
            except (
                requests.RequestException,
                urllib3.exceptions.HTTPError,
                http.client.HTTPException,
                OSError,
            ) as exc:
                if job.abort.is_set():
                    raise _Aborted from exc
                if isinstance(exc, requests.Timeout | urllib3.exceptions.ReadTimeoutError):
                    raise ServerTimeoutError(detail=str(exc)) from exc
                raise DownloadIncompleteError(self._title(job), detail=repr(exc)) from exc
            finally:
                with _disk_errors(self._library_dir):
                    fh.flush()
        if job.abort.is_set():
            raise _Aborted
        if done < expected:
            raise DownloadIncompleteError(self._title(job), detail=f"{done} of {expected} bytes")

    def _progress(self, job: _Job, done: int, started_at: float, have: int) -> None:
        now = self._clock()
        with self._lock:
            job.bytes_done = done
            elapsed = now - started_at
            job.speed_bps = (done - have) / elapsed if elapsed > 0 else 0.0
            due = now - job.last_progress >= PROGRESS_INTERVAL_S or done == job.item.bytes
            if due:
                job.last_progress = now
        if due:
            self._emit("progress", job)

    def _convert(self, job: _Job, data: bytes) -> bytes:
        """The bytes to store: the sanitised SVG, or a PNG rendered from it."""
        try:
            clean = sanitize_svg(data)
        except UnsafeSvgError as exc:
            raise UnsafeDownloadError(self._title(job), exc.reason) from exc
        if job.fmt == "svg":
            return clean
        assert self._render_png is not None and job.png_size is not None
        with _disk_errors(self._library_dir):
            self._parts_dir.mkdir(mode=0o700, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(dir=self._parts_dir, suffix=".png")
            os.close(fd)
        tmp = Path(tmp_name)
        try:
            try:
                self._render_png(clean, job.png_size, tmp)
            except ValueError as exc:
                raise PngExportError(self._title(job), str(exc)) from exc
            with _disk_errors(self._library_dir):
                return tmp.read_bytes()
        finally:
            tmp.unlink(missing_ok=True)

    def _write_final(self, job: _Job, data: bytes) -> Path:
        """Write `data` to a temp file beside the target, fsync, then rename it into place."""
        ext = job.fmt
        title = self._title(job)
        if job.fmt == "png":
            title = f"{title} {job.png_size}px"
        fd, tmp_name = tempfile.mkstemp(dir=self._library_dir, prefix=".weshape-", suffix=".tmp")
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as fh:
                write_chunk(fh, data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o644)
            with self._names_lock:
                for copy in range(1, 1000):
                    name = safe_file_name(title, job.item.id, ext, copy=copy)
                    path = resolve_inside(self._library_dir, name)
                    if path.exists() and path.read_bytes() != data:
                        continue  # another item (or another version) already has this name
                    os.replace(tmp, path)
                    return path
            raise DiskError(str(self._library_dir), "too many files with the same name")
        finally:
            tmp.unlink(missing_ok=True)


def _chunks(response: requests.Response) -> Iterator[bytes]:
    """The body as it arrives: `read1` returns what one socket read gives instead of waiting for a
    full chunk, so progress stays live and a stalled server can't hold back received bytes."""
    while chunk := response.raw.read1(CHUNK_BYTES, decode_content=True):
        yield chunk


@contextmanager
def _disk_errors(folder: Path) -> Iterator[None]:
    """Turn file-system errors into messages that say what to do."""
    try:
        yield
    except requests.RequestException:
        raise
    except OSError as exc:
        raise disk_error(exc, folder) from exc


def disk_error(exc: OSError, folder: Path) -> WeshapeError:
    """The user-facing error for a failed file operation in the library `folder`."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(detail=str(exc))
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return LibraryNotWritableError(str(folder), detail=str(exc))
    if exc.errno == errno.ENOENT and not folder.is_dir():
        return LibraryFolderMissingError(str(folder), detail=str(exc))
    return DiskError(str(folder), exc.strerror or str(exc), detail=str(exc))
