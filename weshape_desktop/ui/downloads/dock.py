"""The Downloads panel: every queue entry with its progress, and the actions to control them."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QProgressBar,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from weshape_desktop.core.downloads import ACTIVE_STATES, DownloadState
from weshape_desktop.ui.downloads.controller import DownloadsController
from weshape_desktop.ui.downloads.model import Column, DownloadsModel, speed_text, widest_texts
from weshape_desktop.ui.downloads.progress_delegate import ProgressDelegate
from weshape_desktop.ui.i18n import default_language
from weshape_desktop.ui.icons import IconBinding

PAUSABLE = ("queued", "running")
RETRYABLE = ("failed", "cancelled")
CANCELLABLE = ("queued", "running", "paused", "failed")
FINISHED = ("done", "cancelled")
LIST_REFRESH_MS = 100


class DownloadsDock(QDockWidget):
    """A dock for the bottom of the main window, showing `controller`'s entries.

    `show_in_library(item_id)` asks the window to show a downloaded item in the library view.
    """

    show_in_library = Signal(str)

    def __init__(
        self,
        controller: DownloadsController,
        lang: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("downloads-dock")  # QMainWindow.saveState needs a name
        self.setAllowedAreas(
            Qt.DockWidgetArea.BottomDockWidgetArea | Qt.DockWidgetArea.TopDockWidgetArea
        )
        self.controller = controller
        self.model = DownloadsModel(lang, self)
        self.model.set_states(controller.states())
        self._build_actions()
        self._build_ui()
        self._connect()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        """The list, with the row actions and totals above it and a sentence when it is empty."""
        self.view = QTreeView(self)
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAllColumnsShowFocus(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setItemDelegateForColumn(Column.PROGRESS, ProgressDelegate(self.view))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        for action in self.row_actions():
            # Shortcuts act on the list's selection, only while the list has the focus.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.view.addAction(action)
        self._size_columns()

        header = self._build_header()

        self.empty_label = QLabel(self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setEnabled(False)  # greyed, like a placeholder
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty_label)

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 2, 4, 4)
        layout.addLayout(header)
        layout.addWidget(self.stack, 1)
        self.setWidget(body)

    def _build_header(self) -> QHBoxLayout:
        """The row actions as icons, the summary and total progress, the actions on all rows."""
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.toolbar.addActions(self.row_actions())
        self.summary_label = QLabel(self)
        self.summary_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.total_bar = QProgressBar(self)
        self.total_bar.setRange(0, 1000)
        self.total_bar.setTextVisible(False)
        self.total_bar.setMaximumWidth(200)
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.toolbar)
        header.addWidget(self.summary_label, 1)
        header.addWidget(self.total_bar)
        for action in self.all_actions():
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            header.addWidget(button)
        return header

    def _connect(self) -> None:
        self.controller.changed.connect(self.model.update)
        self.controller.removed.connect(self.model.remove)
        self.view.customContextMenuRequested.connect(self._show_context_menu)
        self.view.doubleClicked.connect(self._open_folder_of)
        # The row actions follow the selection at once; the totals walk every row, so they are
        # recounted at most ~10 times a second however many rows change.
        self._selection_timer = QTimer(self, singleShot=True, interval=0)
        self._selection_timer.timeout.connect(self._refresh_row_actions)
        self.view.selectionModel().selectionChanged.connect(self._selection_timer.start)
        self.view.selectionModel().currentChanged.connect(self._selection_timer.start)
        self.model.dataChanged.connect(self._selection_timer.start)
        self._list_timer = QTimer(self, singleShot=True, interval=LIST_REFRESH_MS)
        self._list_timer.timeout.connect(self._refresh_list)
        for signal in (
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.modelReset,
            self.model.dataChanged,
        ):
            signal.connect(self._list_timer.start)

    # -- actions -----------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.icons = IconBinding(self)
        self.pause_resume_action = QAction(self)
        self.pause_resume_action.setShortcut(QKeySequence(Qt.Key.Key_Space))
        self.pause_resume_action.triggered.connect(self.pause_or_resume_selected)
        self.cancel_action = QAction(self)
        self.cancel_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.cancel_action.triggered.connect(self.cancel_selected)
        self.retry_action = QAction(self)
        self.retry_action.triggered.connect(self.retry_selected)
        self.show_folder_action = QAction(self)
        self.show_folder_action.triggered.connect(lambda: self._open_folder_of(self._current()))
        self.show_library_action = QAction(self)
        self.show_library_action.triggered.connect(self._show_current_in_library)
        for action, name in (
            (self.cancel_action, "x"),
            (self.retry_action, "refresh"),
            (self.show_folder_action, "folder-open"),
            (self.show_library_action, "arrow-right"),  # "go to": it points the reading way
        ):
            self.icons.bind(action.setIcon, name)

        self.pause_all_action = QAction(self)
        self.pause_all_action.triggered.connect(self.controller.pause_all)
        self.resume_all_action = QAction(self)
        self.resume_all_action.triggered.connect(self.controller.resume_all)
        self.cancel_all_action = QAction(self)
        self.cancel_all_action.triggered.connect(self.confirm_cancel_all)
        self.clear_finished_action = QAction(self)
        self.clear_finished_action.triggered.connect(self.controller.clear_finished)

    def control_actions(self) -> list[QAction]:
        """What can be done to the selected transfers: pause or resume, cancel, retry."""
        return [self.pause_resume_action, self.cancel_action, self.retry_action]

    def show_actions(self) -> list[QAction]:
        """Where the current finished download can be shown: its folder, the library."""
        return [self.show_folder_action, self.show_library_action]

    def row_actions(self) -> list[QAction]:
        return self.control_actions() + self.show_actions()

    def all_actions(self) -> list[QAction]:
        return [
            self.pause_all_action,
            self.resume_all_action,
            self.cancel_all_action,
            self.clear_finished_action,
        ]

    def selected_states(self) -> list[DownloadState]:
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        return [self.model.state_at(row) for row in rows]

    def pause_or_resume_selected(self) -> None:
        """Pause the selected entries that run or wait; if none does, resume the paused ones."""
        selected = self.selected_states()
        if any(s.state in PAUSABLE for s in selected):
            for state in selected:
                if state.state in PAUSABLE:
                    self.controller.pause(state.key)
        else:
            for state in selected:
                if state.state == "paused":
                    self.controller.resume(state.key)

    def cancel_selected(self) -> None:
        for state in self.selected_states():
            if state.state in CANCELLABLE:
                self.controller.cancel(state.key)

    def retry_selected(self) -> None:
        for state in self.selected_states():
            if state.state in RETRYABLE:
                self.controller.retry(state.key)

    def confirm_cancel_all(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question, self.tr("Cancel all downloads?"), "", parent=self
        )
        box.setText(self.tr("Cancel all downloads?"))
        box.setInformativeText(
            self.tr(
                "Unfinished files are deleted. Illustrations already downloaded stay in your "
                "library."
            )
        )
        cancel = box.addButton(self.tr("Cancel downloads"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Keep downloading"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        if box.clickedButton() is cancel:
            self.controller.cancel_all()

    def _current(self) -> QModelIndex:
        return self.view.currentIndex()

    def _done_state(self, index: QModelIndex) -> DownloadState | None:
        if not index.isValid():
            return None
        state = self.model.state_at(index.row())
        return state if state.state == "done" else None

    def _open_folder_of(self, index: QModelIndex) -> None:
        state = self._done_state(index)
        if state is not None and state.path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(state.path).parent)))

    def _show_current_in_library(self) -> None:
        state = self._done_state(self._current())
        if state is not None:
            self.show_in_library.emit(state.item.id)

    def _show_context_menu(self, pos: QPoint) -> None:
        if not self.view.indexAt(pos).isValid():
            return
        menu = QMenu(self)
        menu.addActions(self.control_actions())
        menu.addSeparator()
        menu.addActions(self.show_actions())
        menu.exec(self.view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # -- state of the panel ------------------------------------------------------------------

    def _refresh(self) -> None:
        self._refresh_row_actions()
        self._refresh_list()

    def _refresh_row_actions(self) -> None:
        selected: Counter[str] = Counter(s.state for s in self.selected_states())
        pausing = any(selected[s] for s in PAUSABLE)
        self.icons.bind(
            self.pause_resume_action.setIcon, "player-pause" if pausing else "player-play"
        )
        self.pause_resume_action.setText(self.tr("Pause") if pausing else self.tr("Resume"))
        self.pause_resume_action.setEnabled(pausing or selected["paused"] > 0)
        self.cancel_action.setEnabled(any(selected[s] for s in CANCELLABLE))
        self.retry_action.setEnabled(any(selected[s] for s in RETRYABLE))
        done = self._done_state(self._current()) is not None
        self.show_folder_action.setEnabled(done)
        self.show_library_action.setEnabled(done)
        for action in self.row_actions():
            action.setToolTip(_with_shortcut(action))

    def _refresh_list(self) -> None:
        """The "all" actions, the total progress line and the empty page."""
        states = self.model.states()
        self.stack.setCurrentIndex(0 if states else 1)
        counts: Counter[str] = Counter(s.state for s in states)
        self.pause_all_action.setEnabled(any(counts[s] for s in PAUSABLE))
        self.resume_all_action.setEnabled(counts["paused"] > 0)
        self.cancel_all_action.setEnabled(any(counts[s] for s in CANCELLABLE))
        self.clear_finished_action.setEnabled(any(counts[s] for s in FINISHED))
        self.summary_label.setText(self._summary_text(states, counts))
        counted = [s for s in states if s.state not in ("failed", "cancelled")]
        bytes_done = sum(s.bytes_done for s in counted)
        bytes_total = sum(s.bytes_total for s in counted)
        unfinished = sum(counts[s] for s in ACTIVE_STATES)
        self.total_bar.setVisible(unfinished > 0 and bytes_total > 0)
        if bytes_total > 0:
            self.total_bar.setValue(min(1000, bytes_done * 1000 // bytes_total))

    def _summary_text(self, states: list[DownloadState], counts: Counter[str]) -> str:
        unfinished = sum(counts[s] for s in ACTIVE_STATES)
        waiting = sum(s.state == "paused" and s.waiting_for_network for s in states)
        if counts["running"]:
            speed = sum(s.speed_bps for s in states if s.state == "running")
            return (
                self.tr("%1 of %Ln downloading — %2", "", unfinished)
                .replace("%1", self.locale().toString(counts["running"]))
                .replace("%2", speed_text(speed))
            )
        if waiting:
            return self.tr("Waiting for the network to continue %Ln download(s)…", "", waiting)
        if counts["queued"]:
            return self.tr("%Ln download(s) queued", "", counts["queued"])
        if counts["paused"]:
            return self.tr("%Ln download(s) paused", "", counts["paused"])
        if counts["failed"]:
            return self.tr("%Ln download(s) failed", "", counts["failed"])
        if counts["done"]:
            return self.tr("All downloads finished")
        return ""

    # -- building and translating ------------------------------------------------------------

    def _size_columns(self) -> None:
        header = self.view.header()
        header.setStretchLastSection(True)  # the status, which may hold a whole sentence
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = self.view.fontMetrics()
        for column, sample in widest_texts().items():
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)

    def set_language(self, lang: str) -> None:
        self.model.set_language(lang)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Downloads"))
        self.view.setAccessibleName(self.tr("Downloads"))
        self.cancel_action.setText(self.tr("Cancel"))
        self.retry_action.setText(self.tr("Retry"))
        self.show_folder_action.setText(self.tr("Show in folder"))
        self.show_library_action.setText(self.tr("Show in library"))
        self.pause_all_action.setText(self.tr("Pause all"))
        self.resume_all_action.setText(self.tr("Resume all"))
        self.cancel_all_action.setText(self.tr("Cancel all…"))
        self.clear_finished_action.setText(self.tr("Clear finished"))
        self.clear_finished_action.setToolTip(
            self.tr("Remove finished and cancelled downloads from this list")
        )
        self.empty_label.setText(
            self.tr("Nothing is downloading. Illustrations you download appear here.")
        )
        self._refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.model.set_language(default_language())
            self._size_columns()
            self.retranslate_ui()
        super().changeEvent(event)


def _with_shortcut(action: QAction) -> str:
    shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    return f"{action.text()} ({shortcut})" if shortcut else action.text()
