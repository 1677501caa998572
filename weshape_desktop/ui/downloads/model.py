"""The rows of the Downloads panel: one per queue entry, fed by DownloadsController's signals."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from weshape_desktop.core.downloads import DownloadState
from weshape_desktop.core.errors import QT_TRANSLATE_NOOP
from weshape_desktop.ui.i18n import data_size, default_language
from weshape_desktop.ui.tasks import describe_error

StateRole = Qt.ItemDataRole.UserRole + 1  # the row's DownloadState
ProgressRole = Qt.ItemDataRole.UserRole + 2  # 0..1000, or -1 when the size is unknown

AnyIndex = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    TITLE = 0
    FORMAT = 1
    PROGRESS = 2
    SIZE = 3
    SPEED = 4
    STATUS = 5


COLUMN_NAMES = (
    QT_TRANSLATE_NOOP("DownloadsModel", "Illustration"),
    QT_TRANSLATE_NOOP("DownloadsModel", "Format"),
    QT_TRANSLATE_NOOP("DownloadsModel", "Progress"),
    QT_TRANSLATE_NOOP("DownloadsModel", "Size"),
    QT_TRANSLATE_NOOP("DownloadsModel", "Speed"),
    QT_TRANSLATE_NOOP("DownloadsModel", "Status"),
)
STATE_NAMES = {
    "queued": QT_TRANSLATE_NOOP("DownloadsModel", "Queued"),
    "running": QT_TRANSLATE_NOOP("DownloadsModel", "Downloading"),
    "paused": QT_TRANSLATE_NOOP("DownloadsModel", "Paused"),
    "done": QT_TRANSLATE_NOOP("DownloadsModel", "Done"),
    "cancelled": QT_TRANSLATE_NOOP("DownloadsModel", "Cancelled"),
}


def format_text(state: DownloadState) -> str:
    if state.fmt == "png" and state.png_size:
        locale = QLocale()
        locale.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)  # "1024 px", not "1,024"
        template = QCoreApplication.translate("DownloadsModel", "PNG %1 px")
        return template.replace("%1", locale.toString(state.png_size))
    return state.fmt.upper()


def speed_text(bytes_per_s: float) -> str:
    return QCoreApplication.translate("DownloadsModel", "%1/s").replace(
        "%1", data_size(bytes_per_s)
    )


def size_text(state: DownloadState) -> str:
    if state.state == "done" or state.bytes_done <= 0 or state.bytes_done >= state.bytes_total:
        return data_size(state.bytes_total)
    template = QCoreApplication.translate("DownloadsModel", "%1 of %2")
    return template.replace("%1", data_size(state.bytes_done)).replace(
        "%2", data_size(state.bytes_total)
    )


def widest_texts() -> dict[Column, str]:
    """About the longest text of each sized column in the current language, to size columns
    without measuring every row."""
    # 999.9 kB and 999.9 MB: the unit names differ in length from one language to another.
    size = max((data_size(n) for n in (999_900, 999_900_000)), key=len)
    template = QCoreApplication.translate("DownloadsModel", "%1 of %2")
    speed = QCoreApplication.translate("DownloadsModel", "%1/s").replace("%1", size)
    return {
        Column.TITLE: "M" * 18,
        Column.FORMAT: QCoreApplication.translate("DownloadsModel", "PNG %1 px").replace(
            "%1", QLocale().toString(10240)
        ),
        Column.PROGRESS: "M" * 10,
        Column.SIZE: template.replace("%1", size).replace("%2", size),
        Column.SPEED: speed,
    }


def failure_text(state: DownloadState) -> str:
    """The translated reason; errors restored from a previous run only have their English text,
    which still translates when it has no placeholders."""
    if state.error is not None:
        return describe_error(state.error)
    if state.error_text:
        return QCoreApplication.translate("Errors", state.error_text)
    return QCoreApplication.translate("Errors", "Something went wrong.")


def status_text(state: DownloadState) -> str:
    if state.state == "failed":
        template = QCoreApplication.translate("DownloadsModel", "Failed: %1")
        return template.replace("%1", failure_text(state))
    if state.state == "paused" and state.waiting_for_network:
        return QCoreApplication.translate("DownloadsModel", "Waiting for the network")
    return QCoreApplication.translate("DownloadsModel", STATE_NAMES.get(state.state, state.state))


def progress_value(state: DownloadState) -> int:
    if state.state == "done":
        return 1000
    if state.bytes_total <= 0:
        return -1
    return min(1000, state.bytes_done * 1000 // state.bytes_total)


class DownloadsModel(QAbstractTableModel):
    """Entries keyed by their queue key, in the order they first appeared."""

    def __init__(self, lang: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lang = lang or default_language()
        self._keys: list[str] = []
        self._rows: dict[str, int] = {}
        self._states: dict[str, DownloadState] = {}

    # -- feeding -----------------------------------------------------------------------------

    def set_states(self, states: list[DownloadState]) -> None:
        self.beginResetModel()
        self._keys = [s.key for s in states]
        self._states = {s.key: s for s in states}
        self._reindex()
        self.endResetModel()

    def update(self, state: DownloadState) -> None:
        """Insert a new entry at the end, or refresh the row of a known one."""
        row = self._rows.get(state.key)
        if row is None:
            row = len(self._keys)
            self.beginInsertRows(QModelIndex(), row, row)
            self._keys.append(state.key)
            self._rows[state.key] = row
            self._states[state.key] = state
            self.endInsertRows()
            return
        self._states[state.key] = state
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def remove(self, keys: list[str]) -> None:
        """Drop these entries, one contiguous block at a time (from the bottom up)."""
        rows = sorted((self._rows[k] for k in keys if k in self._rows), reverse=True)
        while rows:
            last = first = rows.pop(0)
            while rows and rows[0] == first - 1:
                first = rows.pop(0)
            self.beginRemoveRows(QModelIndex(), first, last)
            for key in self._keys[first : last + 1]:
                del self._states[key]
            del self._keys[first : last + 1]
            self._reindex()
            self.endRemoveRows()

    def set_language(self, lang: str) -> None:
        """Titles in `lang`, and every text again in the (possibly new) translation."""
        self._lang = lang
        if self._keys:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._keys) - 1, len(Column) - 1)
            )
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)

    def _reindex(self) -> None:
        self._rows = {key: row for row, key in enumerate(self._keys)}

    # -- reading -----------------------------------------------------------------------------

    def state_at(self, row: int) -> DownloadState:
        return self._states[self._keys[row]]

    def row_of(self, key: str) -> int:
        return self._rows.get(key, -1)

    def states(self) -> list[DownloadState]:
        return [self._states[k] for k in self._keys]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(Column):
            return None
        return QCoreApplication.translate("DownloadsModel", COLUMN_NAMES[section])

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._keys):
            return None
        state = self._states[self._keys[index.row()]]
        column = index.column()
        if role == StateRole:
            return state
        if role == ProgressRole:
            return progress_value(state)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(state, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (Column.TITLE, Column.STATUS):
            return self._display(state, column)  # both may be cut off in a narrow column
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.SIZE, Column.SPEED):
            return int(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, state: DownloadState, column: int) -> str | None:
        if column == Column.TITLE:
            return state.item.title_in(self._lang)
        if column == Column.FORMAT:
            return format_text(state)
        if column == Column.SIZE:
            return size_text(state)
        if column == Column.SPEED:
            running = state.state == "running" and state.speed_bps > 0
            return speed_text(state.speed_bps) if running else ""
        if column == Column.STATUS:
            return status_text(state)
        return None  # the progress column is painted by the delegate
