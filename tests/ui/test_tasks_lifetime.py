"""Finished tasks are freed at once, without the cyclic garbage collector."""

from __future__ import annotations

import gc
import weakref

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
