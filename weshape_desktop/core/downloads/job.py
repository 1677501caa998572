"""One entry of the download queue: its live state, as the workers update it and the UI sees it.

Every field is read and written under the queue's lock; `JobWatcher` is how a transfer attempt
updates it from a worker thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from weshape_desktop.core.downloads.client import Cuttable
from weshape_desktop.core.downloads.types import PROGRESS_INTERVAL_S, DownloadState, StateName
from weshape_desktop.core.errors import WeshapeError
from weshape_desktop.core.models import Illustration


@dataclass(eq=False)
class Job:
    """A queue entry; `generation` tells a worker whether its ticket for the job is still valid."""

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
    connection: Cuttable | None = None  # what an abort cuts while a request runs
    last_progress: float = float("-inf")

    def snapshot(self) -> DownloadState:
        """The entry as the UI shows it."""
        return DownloadState(
            key=self.key,
            item=self.item,
            fmt=self.fmt,
            png_size=self.png_size,
            state=self.state,
            bytes_done=self.bytes_done,
            bytes_total=self.item.bytes,
            speed_bps=self.speed_bps,
            error=self.error,
            error_text=self.error_text,
            waiting_for_network=self.waiting_for_network,
            path=self.path,
        )

    def request_abort(self, reason: str) -> None:
        """Ask the worker running this job to stop; cut its connection so a blocked read returns.

        A cancel is never downgraded to a pause or a shutdown.
        """
        if self.abort_reason != "cancel":
            self.abort_reason = reason
        self.abort.set()
        if self.connection is not None:
            self.connection.cut()


class JobWatcher:
    """Records what a job's transfer reports (a `download_transfer.TransferWatcher`).

    Takes the queue's `lock` for each update; `emit_progress` is called, outside the lock, at most
    every `PROGRESS_INTERVAL_S` and when the last byte arrived.
    """

    def __init__(
        self,
        job: Job,
        lock: threading.RLock,
        clock: Callable[[], float],
        emit_progress: Callable[[Job], None],
    ) -> None:
        self._job = job
        self._lock = lock
        self._clock = clock
        self._emit_progress = emit_progress

    def attach(self, connection: Cuttable | None) -> None:
        """Under the lock, so `Job.request_abort` (also under it) sees the connection to cut."""
        with self._lock:
            self._job.connection = connection

    def starting(self, have: int) -> None:
        """The part file holds `have` bytes as the body starts."""
        with self._lock:
            self._job.bytes_done = have

    def progress(self, done: int, speed_bps: float) -> None:
        """`done` bytes are in the part file; emits a throttled progress event."""
        job, now = self._job, self._clock()
        with self._lock:
            job.bytes_done, job.speed_bps = done, speed_bps
            due = now - job.last_progress >= PROGRESS_INTERVAL_S or done == job.item.bytes
            if due:
                job.last_progress = now
        if due:
            self._emit_progress(job)
