"""SerialEdits: edits run one at a time in submission order, and flush() runs what is queued."""

from __future__ import annotations

import threading

from weshape_desktop.core.errors import DiskFullError
from weshape_desktop.ui.library.serial_edits import SerialEdits


def test_edits_run_in_order_with_callbacks_on_the_gui_thread(qtbot, tasks):
    edits = SerialEdits(tasks)
    ran: list[int] = []
    done: list[tuple[int, bool]] = []
    gui = threading.get_ident()
    for i in range(40):
        edits.submit(
            lambda i=i: ran.append(i) or i,
            lambda result: done.append((result, threading.get_ident() == gui)),
        )
    qtbot.waitUntil(lambda: len(done) == 40)
    assert ran == list(range(40))
    assert done == [(i, True) for i in range(40)]


def test_flush_waits_for_the_running_edit_then_runs_the_rest_here(qtbot, tasks):
    edits = SerialEdits(tasks)
    started, go = threading.Event(), threading.Event()
    ran: list[str] = []

    def slow() -> None:
        started.set()
        go.wait(10)
        ran.append("slow")

    def quick() -> str:
        ran.append("quick")
        return "quick"

    edits.submit(slow)
    qtbot.waitUntil(started.is_set)
    results: list[str] = []
    edits.submit(quick, results.append)
    assert not edits.flush(timeout_s=0.05)  # the slow edit still holds the queue
    assert ran == [] and edits.pending() == 2
    go.set()
    assert edits.flush()
    assert ran == ["slow", "quick"]  # quick ran here or, if the pool was first, in order there
    qtbot.waitUntil(lambda: tasks.pending() == 0)
    assert results == ["quick"]


def test_errors_go_to_on_error_or_to_the_runner(qtbot, tasks):
    edits = SerialEdits(tasks)
    caught: list[BaseException] = []

    def fail() -> None:
        raise DiskFullError()

    edits.submit(fail, on_error=caught.append)
    with qtbot.waitSignal(tasks.error) as blocker:
        edits.submit(fail)
    qtbot.waitUntil(lambda: len(caught) == 1)
    assert isinstance(caught[0], DiskFullError)
    assert blocker.args == ["The disk is full. Free some space, then try again."]
