"""Finished tasks are freed at once, without the cyclic garbage collector; callbacks of tasks
whose owner is gone are dropped."""

from __future__ import annotations

import gc
import threading
import weakref

import pytest
from PySide6.QtCore import QCoreApplication, QObject
from shiboken6 import isValid as shiboken_valid

from weshape_desktop.ui.tasks import TaskRunner


@pytest.mark.parametrize("owned", [False, True])
def test_a_finished_task_is_freed_without_gc(qtbot, tasks: TaskRunner, owned: bool) -> None:
    owner = QObject() if owned else None
    results: list[int] = []
    task = tasks.run(lambda: 42, on_done=results.append, owner=owner)
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


def test_callbacks_are_dropped_once_the_owner_is_deleted(qtbot, tasks: TaskRunner) -> None:
    release = threading.Event()
    called: list[object] = []
    owner = QObject()
    tasks.run(release.wait, on_done=called.append, on_error=called.append, owner=owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not shiboken_valid(owner))
    release.set()
    assert tasks.wait_idle()
    qtbot.waitUntil(lambda: tasks.pending() == 0)
    assert called == []
