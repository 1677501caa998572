"""Paints a download's progress as the platform's progress bar inside a view cell."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
)

from weshape_desktop.ui.downloads.model import ProgressRole, StateRole

BAR_STATES = ("queued", "running", "paused", "done")  # failed/cancelled rows show no bar


def percent_text(permille: int) -> str:
    locale = QLocale()
    return f"{locale.toString(permille // 10)}{locale.percent()}"


class ProgressDelegate(QStyledItemDelegate):
    """For the column whose ProgressRole is 0..1000. The bar follows the cell's layout direction,
    so it fills from the right in a right-to-left UI."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        self.initStyleOption(option, index)
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)
        state = index.data(StateRole)
        value = index.data(ProgressRole)
        if state is None or state.state not in BAR_STATES or value is None or value < 0:
            return
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(3, 3, -3, -3)
        bar.direction = option.direction
        bar.palette = QPalette(option.palette)
        bar.fontMetrics = option.fontMetrics
        bar.state = QStyle.StateFlag.State_Horizontal
        if state.state in ("running", "done"):
            bar.state |= QStyle.StateFlag.State_Enabled
        else:  # queued and paused bars are drawn greyed
            bar.palette.setCurrentColorGroup(QPalette.ColorGroup.Disabled)
        bar.minimum, bar.maximum, bar.progress = 0, 1000, value
        bar.textVisible = True
        bar.text = percent_text(value)
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, widget)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(max(hint.width(), 120), hint.height() + 6)
