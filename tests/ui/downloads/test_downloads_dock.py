"""The Downloads panel on a real controller, server, LibraryStore and library folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, QUrl
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMenu, QMessageBox

from tests.core.downloads.support import Fault, Served
from tests.ui.downloads.conftest import TIMEOUT, MakeController
from weshape_desktop.core.downloads.queue import PARTS_DIR
from weshape_desktop.ui.downloads import DownloadsController, DownloadsDock
from weshape_desktop.ui.downloads.model import Column
from weshape_desktop.ui.i18n import Translations


@pytest.fixture
def window(qtbot, qtlog):
    """`window(controller)`: the dock at the bottom of a shown main window, its model tested."""
    kept = []  # the windows and testers live until the test ends

    def make(controller: DownloadsController) -> DownloadsDock:
        win = QMainWindow()
        qtbot.addWidget(win)
        win.setCentralWidget(QLabel("catalog"))
        dock = DownloadsDock(controller, "en", win)
        win.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        tester = QAbstractItemModelTester(
            dock.model, QAbstractItemModelTester.FailureReportingMode.Warning
        )
        kept.append((win, tester))
        win.resize(1000, 400)
        win.show()
        qtbot.waitExposed(win)
        win.activateWindow()
        return dock

    yield make
    assert [r.message for r in qtlog.records if "FAIL" in r.message] == []


def row_text(dock: DownloadsDock, key: str, column: Column) -> str:
    model = dock.model
    return model.index(model.row_of(key), column).data()


def status(dock: DownloadsDock, key: str) -> str:
    return row_text(dock, key, Column.STATUS)


def select(dock: DownloadsDock, *keys: str) -> None:
    view, flags = dock.view, QItemSelectionModel.SelectionFlag
    view.clearSelection()
    for key in keys:
        index = dock.model.index(dock.model.row_of(key), 0)
        view.selectionModel().setCurrentIndex(index, flags.Select | flags.Rows)
    view.setFocus()
    dock._refresh()  # what the timers do within 100 ms


def enabled(dock: DownloadsDock) -> set[str]:
    actions = {
        "pause_resume": dock.pause_resume_action,
        "cancel": dock.cancel_action,
        "retry": dock.retry_action,
        "folder": dock.show_folder_action,
        "library": dock.show_library_action,
    }
    return {name for name, action in actions.items() if action.isEnabled()}


def answer_next_box(button_text: str) -> None:
    """Click `button_text` in the message box that is about to open."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        [button] = [b for b in box.buttons() if b.text() == button_text]
        button.click()

    QTimer.singleShot(0, click)


def test_rows_texts_and_actions_follow_the_states(
    qtbot,
    served: Served,
    make_controller: MakeController,
    window,
    opened_urls: list[QUrl],
    library_dir: Path,
    translations: Translations,
) -> None:
    controller, seen = make_controller(served.url, concurrency=1, damaged_retries=0)
    dock = window(controller)
    assert dock.stack.currentWidget() is dock.empty_label
    assert "appear here" in dock.empty_label.text()
    items = served.items()

    done = controller.enqueue(items[0])
    qtbot.waitUntil(lambda: len(seen.finished) == 1, timeout=TIMEOUT)
    served.faults.plan = [Fault(corrupt=True)]
    failed = controller.enqueue(items[1])
    qtbot.waitUntil(lambda: len(seen.failed) == 1, timeout=TIMEOUT)
    served.faults.plan = [Fault(stall=True)]
    running = controller.enqueue(items[2])
    assert served.faults.stalled.acquire(timeout=TIMEOUT / 1000)
    queued = controller.enqueue(items[3])
    paused = controller.enqueue(items[4])
    controller.pause(paused)
    qtbot.waitUntil(lambda: dock.model.rowCount() == 5, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: status(dock, paused) == "Paused", timeout=TIMEOUT)

    dock._refresh()  # what the timers do within 100 ms
    assert dock.stack.currentWidget() is dock.view
    assert row_text(dock, done, Column.TITLE) == items[0].title["en"]
    assert row_text(dock, done, Column.FORMAT) == "SVG"
    assert status(dock, done) == "Done"
    assert status(dock, failed) == (
        f"Failed: The downloaded file for “{items[1].title['en']}” was damaged (checksum "
        "mismatch). Try again."
    )
    assert status(dock, running) == "Downloading"
    assert status(dock, queued) == "Queued"
    assert dock.summary_label.text().startswith("1 of 3 downloading — ")
    assert dock.summary_label.text().endswith("/s")

    select(dock, done)
    assert enabled(dock) == {"folder", "library"}
    select(dock, failed)
    assert enabled(dock) == {"cancel", "retry"}
    select(dock, running)
    assert enabled(dock) == {"pause_resume", "cancel"}
    assert dock.pause_resume_action.text() == "Pause"
    select(dock, paused)
    assert enabled(dock) == {"pause_resume", "cancel"}
    assert dock.pause_resume_action.text() == "Resume"
    for action in (dock.pause_all_action, dock.resume_all_action, dock.cancel_all_action):
        assert action.isEnabled()
    assert dock.clear_finished_action.isEnabled()

    # Double-click on a done item opens its folder; "Show in library" names the item.
    select(dock, done)
    with qtbot.waitSignal(dock.show_in_library) as shown:
        dock.show_library_action.trigger()
    assert shown.args == [items[0].id]
    dock.view.doubleClicked.emit(dock.model.index(dock.model.row_of(done), 0))
    assert opened_urls == [QUrl.fromLocalFile(str(library_dir))]
    dock.view.doubleClicked.emit(dock.model.index(dock.model.row_of(failed), 0))
    assert len(opened_urls) == 1, "only done items have a folder to show"

    # Keyboard: Delete cancels the queued item, Space pauses the running one.
    select(dock, queued)
    qtbot.keyClick(dock.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: status(dock, queued) == "Cancelled", timeout=TIMEOUT)
    select(dock, running)
    qtbot.keyClick(dock.view, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: status(dock, running) == "Paused", timeout=TIMEOUT)

    # Retry the failed one (the fault is gone), resume the paused ones with Space.
    select(dock, failed)
    dock.retry_action.trigger()
    qtbot.waitUntil(lambda: status(dock, failed) == "Done", timeout=TIMEOUT)
    select(dock, running, paused)
    qtbot.keyClick(dock.view, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(seen.finished) == 4, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: dock.summary_label.text() == "All downloads finished")
    assert not dock.total_bar.isVisible()

    dock.clear_finished_action.trigger()
    assert dock.model.rowCount() == 0 and controller.states() == []
    qtbot.waitUntil(lambda: dock.stack.currentWidget() is dock.empty_label)


def test_cancel_all_asks_first(
    qtbot, served: Served, make_controller: MakeController, window, library_dir: Path
) -> None:
    controller, _ = make_controller(served.url, concurrency=1)
    dock = window(controller)
    served.faults.plan = [Fault(stall=True)]
    keys = [controller.enqueue(item) for item in served.items()[:3]]
    assert served.faults.stalled.acquire(timeout=TIMEOUT / 1000)
    qtbot.waitUntil(lambda: dock.cancel_all_action.isEnabled(), timeout=TIMEOUT)
    assert dock.model.rowCount() == 3

    answer_next_box("Keep downloading")
    dock.cancel_all_action.trigger()
    assert [status(dock, k) for k in keys] == ["Downloading", "Queued", "Queued"]

    answer_next_box("Cancel downloads")
    dock.cancel_all_action.trigger()
    qtbot.waitUntil(lambda: [status(dock, k) for k in keys] == ["Cancelled"] * 3, timeout=TIMEOUT)
    assert list((library_dir / PARTS_DIR).glob("*.part")) == []
    qtbot.waitUntil(lambda: not dock.cancel_all_action.isEnabled())


def test_context_menu_has_the_controls_then_the_places_to_show(
    qtbot, served: Served, make_controller: MakeController, window
) -> None:
    controller, seen = make_controller(served.url)
    dock = window(controller)
    key = controller.enqueue(served.items()[0])
    qtbot.waitUntil(lambda: len(seen.finished) == 1, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: dock.model.rowCount() == 1)
    shown: list[str] = []

    def read_and_close() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        shown.extend("|" if a.isSeparator() else a.text() for a in menu.actions())
        menu.close()

    QTimer.singleShot(0, read_and_close)
    row = dock.view.visualRect(dock.model.index(dock.model.row_of(key), 0))
    dock.view.customContextMenuRequested.emit(row.center())
    assert shown == ["Resume", "Cancel", "Retry", "|", "Show in folder", "Show in library"]


def test_arabic_texts_and_right_to_left_bars(
    qtbot, served: Served, make_controller: MakeController, window, translations: Translations
) -> None:
    translations.apply("ar")
    controller, seen = make_controller(served.url, lang="ar")
    dock = window(controller)
    dock.set_language("ar")
    served.faults.plan = [Fault(status=404)]
    item = served.items()[5]
    key = controller.enqueue(item)
    qtbot.waitUntil(lambda: len(seen.failed) == 1, timeout=TIMEOUT)
    assert dock.windowTitle() == "التحميلات"
    assert row_text(dock, key, Column.TITLE) == item.title["ar"]
    assert status(dock, key).startswith("فشل التحميل: ")
    assert "catalog" not in status(dock, key)  # the reason is translated too
    assert dock.model.headerData(Column.STATUS, Qt.Orientation.Horizontal) == "الحالة"
    assert dock.view.layoutDirection() == Qt.LayoutDirection.RightToLeft

    translations.apply("en")  # switching back retranslates without a restart
    qtbot.waitUntil(lambda: dock.windowTitle() == "Downloads")
    assert row_text(dock, key, Column.TITLE) == item.title["en"]
    assert status(dock, key).startswith("Failed: ")
