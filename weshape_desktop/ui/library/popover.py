"""A small popup anchored to a button that asks for a name: it completes from the names that
exist and offers "Create “…”" as the last row (adding a tag, adding to a collection)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QFrame, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from weshape_desktop.core.text import isolate

VISIBLE_ROWS = 8
_NEW = Qt.ItemDataRole.UserRole  # True on the "Create" row


class NamePopover(QFrame):
    """Type to narrow `names`; Up/Down move through the rows, Enter or a click chooses one
    (`chosen(name)`, then the popover closes), Escape or a click elsewhere closes it."""

    chosen = Signal(str)

    def __init__(self, anchor: QWidget, names: Sequence[str], placeholder: str) -> None:
        super().__init__(anchor, Qt.WindowType.Popup)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._anchor = anchor
        self._names = list(dict.fromkeys(names))
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setAccessibleName(placeholder)
        self.edit.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing stays in the line edit
        self.list.itemClicked.connect(self._choose)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.edit)
        layout.addWidget(self.list)
        self.edit.textChanged.connect(self._fill)
        self.edit.installEventFilter(self)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 36)
        self._fill()

    def popup(self) -> None:
        """Show it under the anchor, starting at its leading edge, kept on the screen."""
        self.adjustSize()
        anchor = self._anchor
        rtl = anchor.isRightToLeft()
        corner = anchor.rect().bottomRight() if rtl else anchor.rect().bottomLeft()
        pos = anchor.mapToGlobal(corner) - QPoint(self.width() if rtl else 0, 0)
        screen = anchor.screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        pos.setX(max(area.left(), min(pos.x(), area.right() - self.width())))
        if pos.y() + self.height() > area.bottom():  # no room below: above the anchor
            pos.setY(anchor.mapToGlobal(anchor.rect().topLeft()).y() - self.height())
        self.move(pos)
        self.show()
        self.edit.setFocus()

    def rows(self) -> list[str]:
        """The rows as shown (for tests)."""
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _fill(self) -> None:
        typed = " ".join(self.edit.text().split())
        folded = typed.casefold()
        matches = [n for n in self._names if folded in n.casefold()]
        # The exact name first, then those that start with what was typed.
        matches.sort(key=lambda n: (n.casefold() != folded, not n.casefold().startswith(folded)))
        self.list.clear()
        for name in matches:
            self.list.addItem(name)
        if typed and all(n.casefold() != folded for n in self._names):
            create = QListWidgetItem(self.tr("Create “%1”").replace("%1", isolate(typed)))
            create.setData(_NEW, typed)
            self.list.addItem(create)
        self.list.setCurrentRow(0 if typed and self.list.count() else -1)
        rows = min(max(self.list.count(), 1), VISIBLE_ROWS)
        self.list.setFixedHeight(rows * self.list.sizeHintForRow(0) + 2 * self.list.frameWidth())
        self.list.setVisible(self.list.count() > 0)
        self.adjustSize()

    def _choose(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        name = item.data(_NEW) or item.text()
        self.close()
        self.chosen.emit(name)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and isinstance(event, QKeyEvent):
            if event.type() != QEvent.Type.KeyPress:
                return False
            key, row = event.key(), self.list.currentRow()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                step = 1 if key == Qt.Key.Key_Down else -1
                self.list.setCurrentRow(max(0, min(row + step, self.list.count() - 1)))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._choose(self.list.currentItem())
                return True
            if key == Qt.Key.Key_Escape:
                self.close()
                return True
        return False
