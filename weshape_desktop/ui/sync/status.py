"""The sync status in the status bar: synced when, changes pending, progress, offline, or why it
failed with a Retry button. Hidden while signed out."""

from __future__ import annotations

import time

from PySide6.QtCore import QDateTime, QEvent, QLocale, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from weshape_desktop.ui.sync.controller import SyncController, SyncState

TICK_MS = 30_000  # "Synced 2 min ago" stays true


class SyncStatusWidget(QWidget):
    """A permanent status bar widget following `SyncController.changed`."""

    def __init__(self, sync: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sync = sync
        self.label = QLabel(self)
        self.retry_button = QToolButton(self)
        self.retry_button.clicked.connect(sync.sync_now)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.retry_button)
        self._tick = QTimer(self, interval=TICK_MS)
        self._tick.timeout.connect(self.refresh)
        sync.changed.connect(self.refresh)
        self.retranslate_ui()

    def refresh(self) -> None:
        state = self.sync.state
        self.setVisible(state is not SyncState.OFF)
        self.retry_button.setVisible(state in (SyncState.OFFLINE, SyncState.FAILED))
        self.label.setText(self.text())
        self.label.setToolTip(self.tooltip())
        if state is SyncState.IDLE:
            self._tick.start()
        else:
            self._tick.stop()

    def text(self) -> str:
        """What the label says now."""
        state, status = self.sync.state, self.sync.status
        pending = status.pending if status is not None else 0
        if state is SyncState.SYNCING:
            done, total = self.sync.progress
            if total > 0:
                percent = QLocale().toString(done * 100 // total)
                return self.tr("Syncing… %1 %").replace("%1", percent)
            return self.tr("Syncing…")
        if state is SyncState.OFFLINE:
            return self.tr("Offline — will retry")
        if state is SyncState.FAILED:
            return self.tr("Sync failed: %1").replace("%1", self.sync.error)
        if state is SyncState.APART:
            return self.tr("This library is not synced")
        if pending:
            return self.tr("%Ln change(s) pending", "", pending)
        if status is None or status.last_sync_ms is None:
            return self.tr("Not synced yet")
        return self._synced_ago(status.last_sync_ms)

    def tooltip(self) -> str:
        state, status = self.sync.state, self.sync.status
        if state is SyncState.APART:
            return self.tr("To merge it into your account, choose Account → Sync now.")
        if state is SyncState.OFFLINE and status is not None and status.pending:
            return self.tr(
                "%Ln change(s) will sync when the server can be reached.", "", status.pending
            )
        if status is not None and status.last_sync_ms is not None:
            when = QDateTime.fromMSecsSinceEpoch(status.last_sync_ms)
            shown = QLocale().toString(when, QLocale.FormatType.ShortFormat)
            return self.tr("Last synced %1").replace("%1", shown)
        return ""

    def _synced_ago(self, last_ms: int) -> str:
        minutes = max(0, int(time.time() * 1000) - last_ms) // 60_000
        if minutes < 1:
            return self.tr("Synced just now")
        if minutes < 60:
            return self.tr("Synced %Ln min ago", "", minutes)
        if minutes < 24 * 60:
            return self.tr("Synced %Ln hour(s) ago", "", minutes // 60)
        when = QDateTime.fromMSecsSinceEpoch(last_ms).date()
        shown = QLocale().toString(when, QLocale.FormatType.ShortFormat)
        return self.tr("Synced on %1").replace("%1", shown)

    def retranslate_ui(self) -> None:
        self.retry_button.setText(self.tr("Retry"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
