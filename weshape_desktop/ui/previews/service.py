"""Preview images for the grids: memory LRU → disk cache → a render in the worker-process pool.

Views ask `pixmap(sha256, size)`; on None they `request(...)` it and repaint on `ready`, or show a
placeholder on `failed`. After a scroll they call `prioritize(visible keys)` so what the user sees
renders first. The pool (`preview_pool.RenderPool`) starts its processes on the first request, once
the event loop is back (after the paint that asked).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import threading
from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap

from weshape_desktop.ui.previews.cache_file import SUFFIX, decode_preview, read_preview
from weshape_desktop.ui.previews.pool import Key, RenderJob, RenderPool

log = logging.getLogger(__name__)

_SHA256 = re.compile(r"[0-9a-f]{64}")
MAX_PREVIEW_SIZE = 4096
# Renders queued at most; a long fling queues one per tile flying past (~1 KB each, ~100 MB for
# a 100k grid), so the least urgent half is dropped: tiles ask again if painted again.
QUEUE_LIMIT = 2048
# Previews kept in memory: ~160 grid tiles, five screens. Past that a tile comes back from the
# disk cache, which costs 0.03 ms of CPU at 160 px since it holds LZ4 pixels, not PNG; 32 MB
# was a seventh of the app's whole memory target (DESIGN §12).
MEMORY_CACHE_MB = 16
ABSENT_LIMIT = 20_000  # keys remembered as not cached on disk (~2 MB), then forgotten at once


class PreviewService(QObject):
    """Cached, prioritised, process-parallel SVG previews; lives on and is used from the GUI thread.

    Call `shutdown()` before the application quits: it stops the dispatcher thread and every
    worker process.
    """

    ready = Signal(str, int)  # sha256, size: `pixmap(sha256, size)` now returns it
    failed = Signal(str, int, str)  # sha256, size, reason (English): show a placeholder
    # Results are waiting in `_results`; always queued. One per batch, not per preview: a
    # queued signal cost the dispatcher and the GUI thread ~0.1 ms each, per preview.
    _results_waiting = Signal()

    def __init__(
        self,
        cache_dir: Path,
        url_template: str,
        *,
        workers: int = 2,
        time_budget_s: float = 10.0,
        memory_cache_mb: int = MEMORY_CACHE_MB,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.cache_dir = Path(cache_dir)
        self._previews_dir = str(self.cache_dir / "previews")
        self.url_template = url_template
        self._memory: OrderedDict[Key, QPixmap] = OrderedDict()
        self._memory_bytes = 0
        self._memory_budget = memory_cache_mb * 1024 * 1024
        self._outstanding: set[Key] = set()
        self._failures: dict[Key, str] = {}
        # Looked for on disk and not there. Only our workers write the cache, and what they
        # draw comes back through `_on_finished`: so a tile painted again and again while it
        # waits costs no `stat` (each released the GIL to the dispatcher thread mid-paint).
        self._absent: set[Key] = set()
        self._pool = RenderPool(workers, time_budget_s, self._on_pool_result)
        # The first requests come from painting the first tiles; spawning the worker processes
        # during that paint delayed the library's first painted grid by ~25 ms: start them
        # right after it instead, posted behind what that paint has already queued (a zero
        # QTimer would run before those posted events).
        self._pool_started = False
        self._pool_start_posted = False
        # (key, reason ("" = ok), the image), appended on the dispatcher thread, which decodes
        # it, so the GUI thread neither reads nor decodes a file for a fresh preview
        self._results: list[tuple[Key, str, QImage | None]] = []
        self._results_lock = threading.Lock()
        self._results_waiting.connect(self._take_results, Qt.ConnectionType.QueuedConnection)
        self._closed = False

    # -- queries ------------------------------------------------------------------------------

    def cache_path(self, sha256: str, size: int) -> Path:
        """Where the preview for (sha256, size) lives on disk (`cache_file` format)."""
        return Path(self._cache_file(sha256, size))

    def _cache_file(self, sha256: str, size: int) -> str:
        # A string, not a Path: joining Paths cost more than the stat, once per painted tile.
        return f"{self._previews_dir}/{size}/{sha256[:2]}/{sha256}{SUFFIX}"

    def pixmap(self, sha256: str, size: int) -> QPixmap | None:
        """The preview if it is in memory or on disk, else None (then `request` it)."""
        key = (sha256, size)
        cached = self._memory.get(key)
        if cached is not None:
            self._memory.move_to_end(key)
            return cached
        if key in self._outstanding or key in self._absent or not _valid_key(sha256, size):
            return None
        path = self._cache_file(sha256, size)
        if not os.path.isfile(path):
            if len(self._absent) >= ABSENT_LIMIT:
                self._absent.clear()
            self._absent.add(key)
            return None
        image = read_preview(path)
        if image is None:  # a damaged cache file: render it again
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
            return None
        return self._remember(key, image)

    def failure_reason(self, sha256: str, size: int) -> str | None:
        """Why the preview failed, if it did; failed keys are not rendered again until forgotten."""
        return self._failures.get((sha256, size))

    def forget_failures(self) -> None:
        """Let failed previews be requested again (e.g. when the network comes back)."""
        self._failures.clear()

    def pending_count(self) -> int:
        """Previews requested whose `ready`/`failed` has not been delivered yet."""
        return len(self._outstanding)

    # -- commands -----------------------------------------------------------------------------

    def request(self, sha256: str, size: int, priority: int = 0, *, url: str | None = None) -> bool:
        """Queue a render unless cached, failed before, or already on its way; lower = sooner.

        `url` overrides the template (e.g. a `file://` URL of a library file). Returns whether
        a new render was queued.
        """
        key = (sha256, size)
        if self._closed or key in self._failures:
            return False
        if key in self._outstanding:  # already on its way; a sooner priority still counts
            self._submit(self._job(sha256, size, url), priority)
            return False
        if not _valid_key(sha256, size):
            self._outstanding.add(key)  # reported later, like every other failure
            self._post_result(
                key, "The preview was not drawn because the file reference is invalid.", None
            )
            return False
        if key in self._memory or (
            key not in self._absent and os.path.isfile(self._cache_file(sha256, size))
        ):
            return False
        self._outstanding.add(key)
        self._submit(self._job(sha256, size, url), priority)
        if len(self._outstanding) > QUEUE_LIMIT:
            self._outstanding.difference_update(self._pool.trim(QUEUE_LIMIT // 2))
        return key in self._outstanding

    def prioritize(self, keys: list[tuple[str, int]]) -> None:
        """The visible items: render these first, in this order; the rest keep their order."""
        self._pool.prioritize(keys)

    def cancel_pending(self, keep: list[Key] | None = None, size: int | None = None) -> None:
        """Drop queued renders (of `size` only, if given) except `keep`, which go first in that
        order (e.g. the grid's tiles on screen once scrolling stops; the detail panel's large
        preview is another size and stays). Renders already running still report."""
        for key in self._pool.cancel_pending(frozenset(keep or ()), size):
            self._outstanding.discard(key)
        if keep:
            self._pool.prioritize(keep)

    def warm_up(self) -> None:
        """Start the worker processes now (e.g. right after the first paint), not on first use."""
        if not self._closed:
            self._pool.warm_up()

    def ready_worker_count(self) -> int:
        """How many worker processes have started and can take a job."""
        return self._pool.ready_worker_count()

    def shutdown(self) -> None:
        """Stop the dispatcher thread and all worker processes. Idempotent; blocks briefly."""
        self._closed = True
        self._pool.shutdown()
        self._outstanding.clear()

    # -- internals ----------------------------------------------------------------------------

    def _submit(self, job: RenderJob, priority: int) -> None:
        self._pool.submit(job, priority, start=self._pool_started)
        if not self._pool_started and not self._pool_start_posted:
            self._pool_start_posted = True
            QTimer.singleShot(0, self, self._start_pool)

    def _start_pool(self) -> None:
        self._pool_started = True
        self._pool.start()

    def _job(self, sha256: str, size: int, url: str | None) -> RenderJob:
        source = url or self.url_template.format(sha256=sha256)
        return RenderJob(sha256, size, source, self._cache_file(sha256, size))

    def _on_pool_result(self, key: Key, ok: bool, reason: str, encoded: bytes) -> None:
        # Called on the dispatcher thread.
        image = decode_preview(encoded) if ok else None
        self._post_result(key, "" if ok else reason or "The preview could not be drawn.", image)

    def _post_result(self, key: Key, reason: str, image: QImage | None) -> None:
        """Queue a result for the GUI thread (from any thread); an empty reason means success."""
        with self._results_lock:
            self._results.append((key, reason, image))
            first = len(self._results) == 1
        if first:
            self._results_waiting.emit()

    def _take_results(self) -> None:
        """On the GUI thread: deliver every result waiting."""
        with self._results_lock:
            results, self._results = self._results, []
        for key, reason, image in results:
            self._deliver(key, reason, image)

    def _deliver(self, key: Key, reason: str, image: QImage | None) -> None:
        if self._closed or key not in self._outstanding:
            return
        self._outstanding.discard(key)
        self._absent.discard(key)
        sha256, size = key
        if not reason:
            if image is not None:
                self._remember(key, image)
            self.ready.emit(sha256, size)
        else:
            log.info("preview %s at %d px failed: %s", sha256, size, reason)
            self._failures[key] = reason
            self.failed.emit(sha256, size, reason)

    def _remember(self, key: Key, image: QImage) -> QPixmap:
        # On raster platforms (the app's), a pixmap of a premultiplied image is a plain copy.
        pixmap = QPixmap.fromImage(image)
        self._memory[key] = pixmap
        self._memory_bytes += _cost(pixmap)
        while self._memory_bytes > self._memory_budget and len(self._memory) > 1:
            _, evicted = self._memory.popitem(last=False)
            self._memory_bytes -= _cost(evicted)
        return pixmap


def _valid_key(sha256: str, size: int) -> bool:
    # the sha256 comes from the server and becomes a path: only plain hex may pass
    return _SHA256.fullmatch(sha256) is not None and 0 < size <= MAX_PREVIEW_SIZE


def _cost(pixmap: QPixmap) -> int:
    return pixmap.width() * pixmap.height() * 4
