"""One small mechanism for background work (CONVENTIONS habit 2).

`TaskRunner.run(fn, on_done=..., on_error=...)` runs `fn` on a worker thread and calls the
callbacks on the GUI thread. Errors without their own handler go to the `error` signal, which the
main window shows the same way everywhere; unexpected ones (bugs) get a crash report.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

from weshape_desktop.core.errors import WeshapeError, fill_placeholders
from weshape_desktop.ui.crash import record_crash, report_crash


def describe_error(exc: BaseException) -> str:
    """A translated sentence for the user; unexpected errors get a generic one (and a report)."""
    if isinstance(exc, WeshapeError):
        template = QCoreApplication.translate("Errors", exc.message)
        return fill_placeholders(template, exc.args_)
    record_crash(exc, "background task")
    return QCoreApplication.translate(
        "Errors", "Something went wrong. The details were written to the log file."
    )


class Task(QObject):
    """A handle: `cancel()` drops the callbacks of a task whose result is no longer wanted."""

    _finished = Signal(object, object)  # result, exception — queued to the GUI thread

    def __init__(
        self,
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
    ) -> None:
        super().__init__()
        self.on_done = on_done
        self.on_error = on_error
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], task: Task) -> None:
        super().__init__()
        self.fn = fn
        self.task = task

    def run(self) -> None:
        try:
            result, error = self.fn(), None
        except Exception as exc:  # every error reaches the GUI thread, none is swallowed
            result, error = None, exc
        self.task._finished.emit(result, error)


class TaskRunner(QObject):
    """Runs callables on its own thread pool and reports back on the GUI thread."""

    error = Signal(str)  # a translated message for errors nobody else handled

    def __init__(self, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._live: set[Task] = set()

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        owner: QObject | None = None,
    ) -> Task:
        """Run `fn()` in the background; callbacks run on the GUI thread unless cancelled, or
        once `owner` (whose parts they would touch) has been deleted."""
        task = Task(on_done, on_error)
        if owner is not None:
            owner.destroyed.connect(task.cancel)
        self._live.add(task)
        task._finished.connect(lambda result, exc: self._finish(task, result, exc))
        self.pool.start(_Job(fn, task))
        return task

    def pending(self) -> int:
        return len(self._live)

    def shutdown(self, msecs: int = 30_000) -> bool:
        """Drop every pending callback (the widgets they would touch are going away), then wait
        for the jobs still running."""
        for task in self._live:
            task.cancel()
        return self.wait_idle(msecs)

    def wait_idle(self, msecs: int = 30_000) -> bool:
        """Block until every job has run (shutdown and tests); callbacks still arrive via events."""
        return self.pool.waitForDone(msecs)

    def _finish(self, task: Task, result: Any, exc: BaseException | None) -> None:
        self._live.discard(task)
        # The connection's lambda holds the task: a cycle that gc.freeze() (used by the grids)
        # would keep for ever. Disconnecting frees each task when it is done.
        task._finished.disconnect()
        if task.cancelled:
            return
        if exc is None:
            if task.on_done is not None:
                task.on_done(result)
        elif task.on_error is not None:
            task.on_error(exc)
        elif isinstance(exc, WeshapeError):
            self.error.emit(describe_error(exc))
        else:
            report_crash(exc, "background task")
