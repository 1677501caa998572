"""Finished tasks are freed at once, without the cyclic garbage collector."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QCoreApplication

from weshape_desktop.ui.tasks import TaskRunner


def test_a_finished_task_is_freed_without_gc(qtbot, tasks: TaskRunner) -> None:
    results: list[int] = []
    task = tasks.run(lambda: 42, on_done=results.append)
    ref = weakref.ref(task)
    del task
    qtbot.waitUntil(lambda: results == [42])
    gc.disable()
    try:
        qtbot.waitUntil(lambda: ref() is None, timeout=2_000)
    finally:
        gc.enable()


def test_shutdown_drops_callbacks_of_tasks_still_in_flight(qtbot, tasks: TaskRunner) -> None:
    release = threading.Event()
    called: list[object] = []
    tasks.run(release.wait, on_done=called.append, on_error=called.append)
    release.set()
    assert tasks.shutdown()
    QCoreApplication.processEvents()  # the job's result is already posted: it must not run
    assert called == []
