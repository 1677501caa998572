"""The Qt bridge to the core download queue (DESIGN §7).

`DownloadsController` owns one `DownloadQueue` at a time. Queue events arrive on worker threads; a
queued signal carries them to the GUI thread, where progress is coalesced so the views repaint at
most ~10 times a second however many transfers run. Control calls (enqueue, pause, …) write the
library database, so they run in order on a one-thread pool, never on the GUI thread. While items
wait for the network the server is probed with a growing delay, and they resume when it answers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.downloads import (
    DownloadEvent,
    DownloadQueue,
    DownloadState,
    DownloadStore,
    RenderPng,
    download_key,
)
from weshape_desktop.core.models import Illustration
from weshape_desktop.ui.i18n import default_language
from weshape_desktop.ui.tasks import Task, TaskRunner

log = logging.getLogger(__name__)

FLUSH_MS = 100  # progress reaches the views at most ~10 times a second
PROBE_FIRST_MS = 2_000
PROBE_MAX_MS = 60_000
IN_PROGRESS_STATES = ("queued", "running")  # the summary's count; core's ACTIVE_STATES adds paused
FINISHED_STATES = ("done", "cancelled")


class _SwitchableApi:
    """The client the queue talks through. The queue keeps its client for life; forwarding to
    the current one lets the server change without stopping (and losing) running transfers."""

    def __init__(self, api: ApiClient) -> None:
        self.current = api

    def __getattr__(self, name: str) -> Any:
        return getattr(self.current, name)


class DownloadsController(QObject):
    """Downloads for the UI: start/stop a queue, control it, and report its entries as signals.

    Signals (all on the GUI thread):
    - `changed(DownloadState)`: an entry appeared or changed (progress coalesced);
    - `finished(DownloadState)`: an entry is done (its file is in the library);
    - `failed(DownloadState)`: an entry failed (translate `error` with tasks.describe_error);
    - `removed(list[str])`: keys dropped from the list (`clear_finished`, `start`);
    - `summary_changed(in_progress, bytes_done, bytes_total)`: queued+running entries, and the bytes
      of every listed entry that is not cancelled or failed.
    """

    changed = Signal(object)
    finished = Signal(object)
    failed = Signal(object)
    removed = Signal(list)
    summary_changed = Signal(int, int, int)
    _event = Signal(int, object)  # queue generation, DownloadEvent — emitted on worker threads

    def __init__(
        self,
        tasks: TaskRunner,
        parent: QObject | None = None,
        *,
        probe_first_ms: int = PROBE_FIRST_MS,
        probe_max_ms: int = PROBE_MAX_MS,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks  # health probes
        self._ops = TaskRunner(self, max_threads=1)  # queue control, in call order
        self._ops.error.connect(self._tasks.error)
        self._queue: DownloadQueue | None = None
        self._api: _SwitchableApi | None = None
        self._generation = 0
        self._states: dict[str, DownloadState] = {}
        self._dirty: dict[str, None] = {}  # keys with unreported progress, in order
        self._waiting: dict[str, None] = {}  # keys paused until the network is back, in order
        self._summary: tuple[int, int, int] = (0, 0, 0)
        self._event.connect(self._on_event, Qt.ConnectionType.QueuedConnection)
        self._flush_timer = QTimer(self, singleShot=True, interval=FLUSH_MS)
        self._flush_timer.timeout.connect(self._flush)
        self._probe_first_ms = probe_first_ms
        self._probe_max_ms = probe_max_ms
        self._probe_delay_ms = probe_first_ms
        self._probe_timer = QTimer(self, singleShot=True)
        self._probe_timer.timeout.connect(self._probe)
        self._probe_task: Task | None = None

    # -- lifetime ----------------------------------------------------------------------------

    def start(
        self,
        api: ApiClient,
        library_dir: Path,
        store: DownloadStore,
        render_png: RenderPng | None = None,
        *,
        lang: str | None = None,
        concurrency: int = 4,
        **queue_options: Any,
    ) -> None:
        """Start a queue into `library_dir` and bring back the entries of the last run.

        `lang` names the files (default: the UI language). `queue_options` go to DownloadQueue
        (e.g. `max_attempts`, `backoff_s`). A running queue is stopped first.
        """
        if self._queue is not None:
            self.stop()
        self._drop(list(self._states))
        self._generation += 1
        generation = self._generation
        self._api = _SwitchableApi(api)
        self._queue = DownloadQueue(
            self._api,  # type: ignore[arg-type]  # forwards every attribute to an ApiClient
            library_dir,
            store,
            concurrency=concurrency,
            render_png=render_png,
            on_event=lambda event: self._event.emit(generation, event),
            lang=lang or default_language(),
            **queue_options,
        )
        self._control(lambda queue: queue.restore())

    def stop(self, timeout_ms: int = 3_000) -> bool:
        """Stop the queue; unfinished entries stay in the database and their part files on disk,
        so the next `start` continues them. Waits at most `timeout_ms` (transfers are cut, so this
        is usually a few milliseconds); returns False if a worker was still busy then."""
        queue, self._queue = self._queue, None
        self._generation += 1  # late events of the old queue are ignored
        self._probe_timer.stop()
        if self._probe_task is not None:
            self._probe_task.cancel()
            self._probe_task = None
        self._flush_timer.stop()
        self._dirty.clear()
        if queue is None:
            return True
        self._ops.run(queue.shutdown)  # after the control calls already asked for
        return self._ops.wait_idle(timeout_ms)

    def set_api(self, api: ApiClient) -> None:
        """Download from another server (or with another client) from now on."""
        if self._api is None:
            return
        self._api.current = api
        self._probe_delay_ms = self._probe_first_ms
        if self._waiting:
            self._probe_timer.start(0)

    def is_running(self) -> bool:
        return self._queue is not None

    # -- control -----------------------------------------------------------------------------

    def enqueue(self, item: Illustration, fmt: str = "svg", png_size: int | None = None) -> str:
        """Queue `item` ("svg", or "png" at `png_size` px); returns its key. The entry shows up
        through `changed` a moment later."""
        self._control(lambda queue: queue.enqueue(item, fmt, png_size))
        return download_key(item.id, fmt)

    def enqueue_all(self, items: list[Illustration], fmt: str = "svg") -> None:
        """Queue many items in one background step: a first sync can bring thousands, and one
        step per item would cost the GUI thread ~0.1 ms each."""
        self._control(lambda queue: [queue.enqueue(item, fmt) for item in items])

    def cancel(self, key: str) -> None:
        self._control(lambda queue: queue.cancel(key))

    def pause(self, key: str) -> None:
        self._control(lambda queue: queue.pause(key))

    def resume(self, key: str) -> None:
        self._control(lambda queue: queue.resume(key))

    def retry(self, key: str) -> None:
        self._control(lambda queue: queue.retry(key))

    def cancel_all(self) -> None:
        self._control(lambda queue: queue.cancel_all())

    def pause_all(self) -> None:
        self._control(lambda queue: queue.pause_all())

    def resume_all(self) -> None:
        self._control(lambda queue: queue.resume_all())

    def clear_finished(self) -> None:
        """Drop done and cancelled entries from the list (their files stay in the library)."""
        self._drop([key for key, s in self._states.items() if s.state in FINISHED_STATES])

    # -- state -------------------------------------------------------------------------------

    def states(self) -> list[DownloadState]:
        """The listed entries as last reported by the signals, oldest first."""
        return list(self._states.values())

    def state(self, key: str) -> DownloadState | None:
        return self._states.get(key)

    def speed_bps(self) -> float:
        """Bytes per second over all running transfers."""
        return sum(s.speed_bps for s in self._states.values() if s.state == "running")

    def summary(self) -> tuple[int, int, int]:
        """(in_progress, bytes_done, bytes_total) as last sent by `summary_changed`."""
        return self._summary

    # -- events from the queue ---------------------------------------------------------------

    def _control(self, call: Callable[[DownloadQueue], object]) -> None:
        queue = self._queue
        if queue is not None:
            self._ops.run(lambda: call(queue))

    def _on_event(self, generation: int, event: DownloadEvent) -> None:
        if generation != self._generation:
            return
        key, state = event.key, event.state
        if event.kind == "progress":
            known = self._states.get(key)
            if known is not None and known.state != "running":
                return  # computed before a pause or cancel that has already been reported
            self._states[key] = state
            self._dirty[key] = None
        else:
            self._states[key] = state
            self._dirty.pop(key, None)
            if state.state == "paused" and state.waiting_for_network:
                self._waiting[key] = None
            else:
                self._waiting.pop(key, None)
            self.changed.emit(state)
            if event.kind == "done":
                self.finished.emit(state)
            elif event.kind == "failed":
                self.failed.emit(state)
            self._update_probe()
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def _flush(self) -> None:
        dirty, self._dirty = self._dirty, {}
        for key in dirty:
            state = self._states.get(key)
            if state is not None:
                self.changed.emit(state)
        self._emit_summary()

    def _emit_summary(self) -> None:
        in_progress = done = total = 0
        for state in self._states.values():
            in_progress += state.state in IN_PROGRESS_STATES
            if state.state not in ("cancelled", "failed"):
                done += state.bytes_done
                total += state.bytes_total
        if (in_progress, done, total) != self._summary:
            self._summary = (in_progress, done, total)
            self.summary_changed.emit(in_progress, done, total)

    def _drop(self, keys: list[str]) -> None:
        if not keys:
            return
        for key in keys:
            self._states.pop(key, None)
            self._dirty.pop(key, None)
            self._waiting.pop(key, None)
        self.removed.emit(keys)
        self._emit_summary()

    # -- waiting for the network -------------------------------------------------------------

    def _update_probe(self) -> None:
        if not self._waiting:
            self._probe_timer.stop()
            self._probe_delay_ms = self._probe_first_ms
        elif not self._probe_timer.isActive() and self._probe_task is None:
            self._probe_timer.start(self._probe_delay_ms)

    def _probe(self) -> None:
        if self._api is None or self._probe_task is not None:
            return
        generation = self._generation

        def answered(ok: object) -> None:
            self._probe_task = None
            if generation != self._generation:
                return
            if ok:
                self._probe_delay_ms = self._probe_first_ms
                for key in list(self._waiting):
                    self.resume(key)
            else:
                self._probe_again()

        def unreachable(exc: BaseException) -> None:
            self._probe_task = None
            log.info("server still unreachable: %s", exc)
            if generation == self._generation:
                self._probe_again()

        self._probe_task = self._tasks.run(self._api.current.health, answered, unreachable)

    def _probe_again(self) -> None:
        self._probe_delay_ms = min(self._probe_delay_ms * 2, self._probe_max_ms)
        if self._waiting:
            self._probe_timer.start(self._probe_delay_ms)
