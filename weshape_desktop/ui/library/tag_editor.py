"""An entry's user tags: removable chips that wrap like words, and an input that adds tags."""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QRect, QSize, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetItem,
)

_SEPARATORS = re.compile("[,،]")  # Latin and Arabic commas


def split_tags(text: str) -> list[str]:
    """Tag names typed as one comma-separated line, trimmed, without empties or repeats."""
    names = (" ".join(part.split()) for part in _SEPARATORS.split(text))
    return list(dict.fromkeys(name for name in names if name))


class FlowLayout(QLayout):
    """Lays items out in rows like words in a paragraph, mirrored right-to-left (Qt's flow
    layout example, which leaves mirroring out)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, row_height = area.x(), area.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and row_height > 0:
                x, y, row_height = area.x(), y + row_height + self._spacing, 0
            if move:
                placed = QRect(QPoint(x, y), hint)
                if self.parentWidget() is not None and self.parentWidget().isRightToLeft():
                    placed.moveRight(area.right() - (x - area.x()))
                item.setGeometry(placed)
            x += hint.width() + self._spacing
            row_height = max(row_height, hint.height())
        return y + row_height - rect.y() + margins.bottom()


class TagChip(QFrame):
    """One tag with an × button that asks to remove it."""

    remove_clicked = Signal(str)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.setObjectName("tagChip")
        # A soft pill that reads as one object in light and dark themes.
        self.setStyleSheet(
            "QFrame#tagChip { background: palette(alternate-base);"
            " border: 1px solid palette(mid); border-radius: 10px; }"
            "QFrame#tagChip QToolButton { border: none; padding: 0px; }"
        )
        self.label = QLabel(name, self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.remove_button = QToolButton(self)
        self.remove_button.setText("×")
        self.remove_button.setAutoRaise(True)
        self.remove_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.remove_button.clicked.connect(lambda: self.remove_clicked.emit(self.name))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 1, 3, 1)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addWidget(self.remove_button)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.remove_button.setToolTip(self.tr("Remove the tag “%1”").replace("%1", self.name))
        self.remove_button.setAccessibleName(self.remove_button.toolTip())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class _TagCompleter(QCompleter):
    """Completes the tag being typed after the last comma, keeping the ones before it."""

    def splitPath(self, path: str) -> list[str]:
        return [_SEPARATORS.split(path)[-1].lstrip()]

    def pathFromIndex(self, index: QModelIndex) -> str:
        widget = self.widget()
        typed = widget.text() if isinstance(widget, QLineEdit) else ""
        done = typed[: max(typed.rfind(","), typed.rfind("،")) + 1]
        completion = str(index.data())
        return f"{done} {completion}".lstrip() if done else completion


class TagEditor(QWidget):
    """Chips for `set_tags()`, and a line edit: Enter asks to add what was typed (commas
    separate several tags), an × asks to remove one. The owner saves and calls `set_tags()`."""

    add_requested = Signal(list)  # list[str], cleaned names
    remove_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tags: tuple[str, ...] = ()
        self.chips_box = QWidget(self)
        self.chips_layout = FlowLayout(self.chips_box)
        self.chips_layout.setContentsMargins(0, 0, 0, 0)
        self.input = QLineEdit(self)
        self.input.setClearButtonEnabled(True)
        self.known_tags = QStringListModel(self)
        completer = _TagCompleter(self.known_tags, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.input.setCompleter(completer)
        self.input.returnPressed.connect(self._on_return)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.chips_box)
        layout.addWidget(self.input)
        self.retranslate_ui()

    def set_tags(self, tags: Sequence[str]) -> None:
        if tuple(tags) == self._tags:
            return
        self._tags = tuple(tags)
        while (item := self.chips_layout.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        for name in self._tags:
            chip = TagChip(name, self.chips_box)
            chip.remove_clicked.connect(self.remove_requested)
            self.chips_layout.addItem(QWidgetItem(chip))
            chip.show()
        self.chips_box.setVisible(bool(self._tags))
        self.chips_layout.invalidate()

    def tags(self) -> tuple[str, ...]:
        return self._tags

    def chip(self, name: str) -> TagChip | None:
        for index in range(self.chips_layout.count()):
            item = self.chips_layout.itemAt(index)
            widget = item.widget() if item is not None else None
            if isinstance(widget, TagChip) and widget.name == name:
                return widget
        return None

    def set_known_tags(self, names: Sequence[str]) -> None:
        """What the completer offers: the tags used anywhere in the library."""
        self.known_tags.setStringList(list(names))

    def retranslate_ui(self) -> None:
        self.input.setPlaceholderText(self.tr("Add tags, separated by commas"))
        self.input.setAccessibleName(self.tr("Add tag"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _on_return(self) -> None:
        # Enter on a completion lands here too, with the completion in the text: it is added.
        names = split_tags(self.input.text())
        if names:
            self.add_requested.emit(names)
