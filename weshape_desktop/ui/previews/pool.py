"""A pool of worker processes that rasterise SVG previews (DESIGN §3, §11).

QtSvg holds Python's GIL while it renders, so threads don't scale; processes do, and they isolate
the app from pathological files: a worker past its time budget is killed and replaced.

Main-process side: `RenderPool` keeps a priority queue of `RenderJob`s and one dispatcher thread
that hands jobs to idle workers over pipes, enforces the time budget and replaces dead workers. It
knows nothing about Qt; results go to an `on_result(key, ok, reason, encoded)` callback, called
on the dispatcher thread (`encoded`: the preview as written to the cache, or b"").
The workers' side is `worker.worker_main`.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from weshape_desktop.ui.previews.worker import worker_main

if TYPE_CHECKING:  # imported when the dispatcher starts: the app's first paint doesn't wait
    from multiprocessing.connection import Connection

log = logging.getLogger(__name__)

Key = tuple[str, int]  # (sha256, size in pixels)
ResultCallback = Callable[[Key, bool, str, bytes], None]

_START_BUDGET_S = 60.0  # a cold spawn imports Qt; generous, but a stuck start is still replaced
_MAX_FAILED_STARTS = 3
# Jobs a worker holds right after it reports: the next one already waits in its pipe, so the
# worker doesn't idle while its result crosses to the dispatcher and the dispatcher (a thread
# sharing the app's GIL, on a busy machine) gets round to sending more. An idle worker gets one
# job at a time, so priorities given while every worker is busy still decide what runs next.
_JOBS_AFTER_REPORT = 2


@dataclass(frozen=True)
class RenderJob:
    sha256: str
    size: int
    url: str  # http(s):// or file://
    cache_path: str  # where the preview goes (`cache_file` format)

    @property
    def key(self) -> Key:
        return (self.sha256, self.size)


@dataclass
class _Worker:
    process: Any  # multiprocessing.context.SpawnProcess
    conn: Connection
    started: float
    ready: bool = False
    jobs: list[RenderJob] = field(default_factory=list)  # sent; the first one is drawing
    deadline: float = 0.0  # for the first job


@dataclass
class _Queued:
    job: RenderJob
    priority: int
    seq: int
    order: tuple[int, int, int] = field(default=(1, 0, 0))


class RenderPool:
    """Priority queue + dispatcher thread + lazily started worker processes. Thread-safe."""

    def __init__(self, workers: int, time_budget_s: float, on_result: ResultCallback) -> None:
        self.worker_count = max(1, workers)
        self.time_budget_s = time_budget_s
        self.on_result = on_result
        self._context: Any = None  # the "spawn" context, once the dispatcher starts
        self._lock = threading.Lock()
        self._queued: dict[Key, _Queued] = {}
        self._heap: list[tuple[int, int, int, Key]] = []
        self._boosted: list[Key] = []
        self._seq = itertools.count()
        self._in_flight: set[Key] = set()
        self._workers: list[_Worker] = []
        self._thread: threading.Thread | None = None
        self._closing = False
        self._warm = False
        self._failed_starts = 0
        self._wake_writer: Connection | None = None  # wakes the dispatcher, once it runs
        self._wake_sent = False

    # -- queue (any thread) -------------------------------------------------------------------

    def submit(self, job: RenderJob, priority: int, *, start: bool = True) -> bool:
        """Queue `job`; False if it is already queued (its priority may improve) or in flight.

        `start=False` leaves starting the dispatcher (and so the workers) to a later `start()`.
        """
        with self._lock:
            if self._closing:
                return False
            key = job.key
            if key in self._in_flight:
                return False
            entry = self._queued.get(key)
            if entry is not None:
                if priority < entry.priority:
                    entry.priority = priority
                    if entry.order[0] == 1:
                        self._push(entry, (1, priority, entry.seq))
                return False
            entry = _Queued(job, priority, next(self._seq))
            self._queued[key] = entry
            self._push(entry, (1, priority, entry.seq))
            if start:
                self._start_dispatcher()
        self._wake()
        return True

    def start(self) -> None:
        """Dispatch the queued jobs (starting the workers) if `submit` was told not to yet."""
        with self._lock:
            if self._closing:
                return
            self._start_dispatcher()
        self._wake()

    def prioritize(self, keys: list[Key]) -> None:
        """Queued `keys` go first, in this order; the rest keep their order after them."""
        with self._lock:
            wanted = set(keys)
            for key in self._boosted:
                entry = self._queued.get(key)
                if entry is not None and key not in wanted:
                    self._push(entry, (1, entry.priority, entry.seq))
            self._boosted = [key for key in keys if key in self._queued]
            for rank, key in enumerate(self._boosted):
                self._push(self._queued[key], (0, rank, 0))
            if len(self._heap) > 4 * len(self._queued) + 64:  # drop stale heap entries
                self._heap = [(*e.order, k) for k, e in self._queued.items()]
                heapq.heapify(self._heap)
        self._wake()

    def cancel_pending(
        self, keep: frozenset[Key] = frozenset(), size: int | None = None
    ) -> list[Key]:
        """Forget queued jobs (of `size` only, if given) except `keep`; jobs already rendering
        finish. Returns the forgotten keys."""
        with self._lock:
            keys = [
                key for key in self._queued if key not in keep and (size is None or key[1] == size)
            ]
            for key in keys:
                del self._queued[key]
            self._heap = [(*e.order, k) for k, e in self._queued.items()]
            heapq.heapify(self._heap)
            self._boosted = [key for key in self._boosted if key in self._queued]
        return keys

    def trim(self, keep: int) -> list[Key]:
        """Forget all but the `keep` most urgent queued jobs; returns the forgotten keys."""
        with self._lock:
            if len(self._queued) <= keep:
                return []
            kept = dict(heapq.nsmallest(keep, self._queued.items(), key=lambda kv: kv[1].order))
            dropped = [key for key in self._queued if key not in kept]
            self._queued = kept
            self._heap = [(*e.order, k) for k, e in self._queued.items()]
            heapq.heapify(self._heap)
            self._boosted = [key for key in self._boosted if key in self._queued]
        return dropped

    def warm_up(self) -> None:
        """Start the worker processes now rather than on the first job."""
        with self._lock:
            if self._closing:
                return
            self._warm = True
            self._start_dispatcher()
        self._wake()

    def ready_worker_count(self) -> int:
        """Workers that have finished starting (a cold spawn imports Qt: ~0.2–1 s)."""
        with self._lock:
            return sum(1 for worker in self._workers if worker.ready)

    def queued_count(self) -> int:
        with self._lock:
            return len(self._queued)

    def _push(self, entry: _Queued, order: tuple[int, int, int]) -> None:
        entry.order = order
        heapq.heappush(self._heap, (*order, entry.job.key))

    def _pop(self) -> RenderJob | None:
        while self._heap:
            *order, key = heapq.heappop(self._heap)
            entry = self._queued.get(key)
            if entry is not None and entry.order == tuple(order):
                del self._queued[key]
                return entry.job
        return None

    # -- lifecycle ----------------------------------------------------------------------------

    def _start_dispatcher(self) -> None:  # lazily, so app start-up pays nothing for the pool
        if self._thread is None:
            # Imported here (~10 ms with `socket`, `pickle`, `subprocess`): the app's first
            # paint doesn't wait for it.
            import multiprocessing

            self._context = multiprocessing.get_context("spawn")
            reader, self._wake_writer = self._context.Pipe(duplex=False)
            self._thread = threading.Thread(
                target=self._dispatch_loop, args=(reader,), name="preview-dispatcher", daemon=True
            )
            self._thread.start()

    def _wake(self) -> None:
        with self._lock:
            writer = self._wake_writer
            if self._wake_sent or writer is None:  # no dispatcher yet: it looks when it starts
                return
            if len(self._workers) >= self.worker_count and all(
                worker.jobs or not worker.ready for worker in self._workers
            ):
                # Every worker is busy or starting: the dispatcher looks at the queue when one
                # reports. Waking it anyway cost the GUI thread a pipe write per painted tile
                # during a fling, and the GIL handed to the dispatcher with each (the largest
                # share of the grid's stalls, sampled on a loaded machine).
                return
            self._wake_sent = True
        with contextlib.suppress(OSError):  # closed by shutdown
            writer.send_bytes(b"!")

    def shutdown(self) -> None:
        """Stop the dispatcher and every worker process; idempotent, blocks until all are gone."""
        with self._lock:
            already = self._closing
            self._closing = True
            self._queued.clear()
            self._heap.clear()
            thread, writer = self._thread, self._wake_writer
        if thread is None or writer is None:  # never started
            return
        if not already:
            with contextlib.suppress(OSError):  # the dispatcher already stopped (crashed)
                writer.send_bytes(b"!")
        thread.join()
        if not already:
            writer.close()  # the dispatcher closes its end as it stops

    # -- dispatcher thread --------------------------------------------------------------------

    def _dispatch_loop(self, wake: Connection) -> None:
        from multiprocessing.connection import wait

        try:
            while True:
                with self._lock:
                    if self._closing:
                        break
                    self._fill_workers()
                    self._assign_jobs()
                    timeout = self._next_timeout()
                waitables: list[Any] = [wake]
                for worker in self._workers:
                    waitables += [worker.conn, worker.process.sentinel]
                ready = wait(waitables, timeout)
                if wake in ready:
                    # Drain first, then re-arm: a wake sent in between is not lost, because the
                    # loop looks at the queue again before it waits.
                    while wake.poll():
                        wake.recv_bytes()
                    with self._lock:
                        self._wake_sent = False
                for worker in list(self._workers):
                    if worker.conn in ready:
                        self._receive(worker)
                    elif worker.process.sentinel in ready:
                        self._retire(worker, "The preview renderer stopped unexpectedly.")
                self._enforce_deadlines()
        except Exception:  # never die silently: fail what is left so the UI shows placeholders
            log.exception("preview dispatcher crashed")
        finally:
            self._stop_workers()
            wake.close()

    def _fill_workers(self) -> None:
        wanted = self._warm or self._queued or self._in_flight
        while wanted and len(self._workers) < self.worker_count:
            if self._failed_starts >= _MAX_FAILED_STARTS:
                self._failed_starts = 0
                self._fail_queued("The preview renderer could not start.")
                return
            parent_end, child_end = self._context.Pipe()
            process = self._context.Process(
                target=worker_main,
                args=(child_end, self.time_budget_s),
                name="weshape-preview-worker",
                daemon=True,
            )
            process.start()
            child_end.close()
            self._workers.append(_Worker(process, parent_end, time.monotonic()))

    def _fail_queued(self, reason: str) -> None:
        jobs = [entry.job for entry in self._queued.values()]
        self._queued.clear()
        self._heap.clear()
        for job in jobs:
            self.on_result(job.key, False, reason, b"")

    def _assign_jobs(self) -> None:
        for worker in self._workers:
            if worker.ready and not worker.jobs:
                self._send_jobs(worker, 1)

    def _send_jobs(self, worker: _Worker, up_to: int) -> None:  # with the lock held
        while len(worker.jobs) < up_to:
            job = self._pop()
            if job is None:
                return
            try:
                worker.conn.send((job.sha256, job.size, job.url, job.cache_path))
            except OSError:  # died between two looks; the sentinel will retire it
                self._requeue_first(job)
                return
            if not worker.jobs:
                worker.deadline = time.monotonic() + self.time_budget_s
            worker.jobs.append(job)
            self._in_flight.add(job.key)

    def _requeue_first(self, job: RenderJob) -> None:  # with the lock held
        self._queued[job.key] = entry = _Queued(job, -1, next(self._seq))
        self._push(entry, (0, -1, entry.seq))

    def _next_timeout(self) -> float | None:
        deadlines = [w.deadline for w in self._workers if w.jobs]
        deadlines += [w.started + _START_BUDGET_S for w in self._workers if not w.ready]
        if not deadlines:
            return None
        return max(0.0, min(deadlines) - time.monotonic())

    def _receive(self, worker: _Worker) -> None:
        try:
            message = worker.conn.recv()
        except (EOFError, OSError):
            self._retire(worker, "The preview renderer stopped unexpectedly.")
            return
        if message[0] == "ready":
            with self._lock:
                worker.ready = True
            self._failed_starts = 0
            return
        _, sha256, size, ok, reason, notes, encoded = message
        for note in notes:
            log.info("while drawing %s: %s", sha256[:12], note)
        with self._lock:
            worker.jobs.pop(0)
            worker.deadline = time.monotonic() + self.time_budget_s  # the next job's, if any
            self._in_flight.discard((sha256, size))
            if not self._closing:
                self._send_jobs(worker, _JOBS_AFTER_REPORT)
        self.on_result((sha256, size), ok, reason, encoded)

    def _retire(self, worker: _Worker, reason: str) -> None:
        """Kill `worker`, fail the job it was drawing with `reason` and queue the one waiting
        behind it first again; the loop starts a replacement if needed."""
        if not worker.ready:
            self._failed_starts += 1
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        worker.conn.close()
        with self._lock:
            self._workers.remove(worker)
            for waiting in worker.jobs[1:]:
                self._in_flight.discard(waiting.key)
                if not self._closing:
                    self._requeue_first(waiting)
        if worker.jobs:
            job = worker.jobs[0]
            with self._lock:
                self._in_flight.discard(job.key)
            log.warning("preview %s at %d px failed: %s", job.sha256, job.size, reason)
            self.on_result(job.key, False, reason, b"")

    def _enforce_deadlines(self) -> None:
        now = time.monotonic()
        for worker in list(self._workers):
            if worker.jobs and now >= worker.deadline:
                self._retire(
                    worker,
                    f"Drawing the preview took longer than {self.time_budget_s:g} seconds, "
                    "so it was stopped.",
                )
            elif not worker.ready and now >= worker.started + _START_BUDGET_S:
                self._retire(worker, "The preview renderer took too long to start.")

    def _stop_workers(self) -> None:
        for worker in self._workers:  # idle workers exit cleanly; busy ones are killed below
            if not worker.jobs:
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
        deadline = time.monotonic() + 2.0
        for worker in self._workers:
            if not worker.jobs:
                worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
            worker.process.join()
            worker.conn.close()
        with self._lock:
            self._workers.clear()
