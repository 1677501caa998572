"""Edits that must land in the order they were made, off the GUI thread, and can be flushed.

The TaskRunner's pool runs jobs in parallel, so two saves of the same note could commit out of
order and the older text would win. `SerialEdits` keeps one queue per owner and runs it one edit
at a time: a pool job drains it, and `flush()` (at close) runs whatever is still queued on the
calling thread after the edit in progress, so nothing typed is lost when the window closes.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from weshape_desktop.ui.tasks import TaskRunner, describe_error


@dataclass(frozen=True)
class _Edit:
    fn: Callable[[], Any]
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None


_Outcome = tuple[_Edit, Any, BaseException | None]


class SerialEdits:
    """A FIFO of edits run one at a time; callbacks run on the GUI thread, in order."""

    def __init__(self, tasks: TaskRunner) -> None:
        self._tasks = tasks
        self._cond = threading.Condition()
        self._queue: deque[_Edit] = deque()
        self._running = False  # an edit is executing, on a pool thread or in flush()
        self._scheduled = False  # a pool job will drain the queue

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Queue `fn` after every edit submitted before it."""
        with self._cond:
            self._queue.append(_Edit(fn, on_done, on_error))
            if self._scheduled:
                return
            self._scheduled = True
        self._tasks.run(self._drain_in_pool, on_done=self._deliver)

    def pending(self) -> int:
        """Edits queued or running whose callbacks have not run yet (roughly: not saved yet)."""
        with self._cond:
            return len(self._queue) + int(self._running)

    def flush(self, timeout_s: float = 10.0) -> bool:
        """Run every queued edit now, on this thread, and their callbacks; False if the edit in
        progress elsewhere did not finish within `timeout_s` (the rest then stays queued)."""
        outcomes, finished = self._run_queued(in_pool=False, deadline=time.monotonic() + timeout_s)
        self._deliver(outcomes)
        return finished

    def _drain_in_pool(self) -> list[_Outcome]:
        return self._run_queued(in_pool=True, deadline=None)[0]

    def _run_queued(self, *, in_pool: bool, deadline: float | None) -> tuple[list[_Outcome], bool]:
        outcomes: list[_Outcome] = []
        while True:
            with self._cond:
                while self._running:
                    left = None if deadline is None else deadline - time.monotonic()
                    if left is not None and left <= 0:
                        return outcomes, False
                    self._cond.wait(left)
                if not self._queue:
                    if in_pool:
                        self._scheduled = False  # under the lock: a new submit schedules again
                    return outcomes, True
                edit = self._queue.popleft()
                self._running = True
            try:
                outcomes.append((edit, edit.fn(), None))
            except Exception as exc:  # reported to its on_error on the GUI thread
                outcomes.append((edit, None, exc))
            finally:
                with self._cond:
                    self._running = False
                    self._cond.notify_all()

    def _deliver(self, outcomes: list[_Outcome]) -> None:
        for edit, result, exc in outcomes:
            if exc is None:
                if edit.on_done is not None:
                    edit.on_done(result)
            elif edit.on_error is not None:
                edit.on_error(exc)
            else:
                self._tasks.error.emit(describe_error(exc))
