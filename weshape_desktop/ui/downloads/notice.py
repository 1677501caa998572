"""After a download the person asked for: a small notice at the foot of the window, "Added to
your library — Show", that goes away by itself (the Downloads panel stays closed)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from weshape_desktop.core.downloads import DownloadState
from weshape_desktop.ui.i18n import default_language

SHOWN_MS = 6000
MARGIN = 16


class DownloadNotice(QFrame):
    """A non-modal strip over the bottom of `parent` (the window's central widget).
    `expect(item_id)` marks a download the person asked for; `downloaded(state)` shows the
    notice when it is one of those.
    `show_requested(item_id)` asks the window to show the item in the library."""

    show_requested = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("downloadNotice")
        self.setStyleSheet(
            "QFrame#downloadNotice { background: palette(tool-tip-base);"
            " border: 1px solid palette(mid); border-radius: 6px; }"
            "QFrame#downloadNotice QLabel { color: palette(tool-tip-text); }"
        )
        self._expected: set[str] = set()
        self._item_id = ""
        self._title = ""
        self.label = QLabel(self)
        self.show_button = QPushButton(self)
        self.show_button.clicked.connect(self._show_item)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.show_button)
        self.timer = QTimer(self, singleShot=True, interval=SHOWN_MS)
        self.timer.timeout.connect(self.hide)
        parent.installEventFilter(self)  # follow the window's size
        self.retranslate_ui()
        self.hide()

    def expect(self, item_id: str) -> None:
        self._expected.add(item_id)

    def downloaded(self, state: DownloadState) -> None:
        if state.item.id not in self._expected:
            return  # a download of sync's, not one the person is waiting for
        self._expected.discard(state.item.id)
        self._item_id = state.item.id
        self._title = state.item.title_in(default_language())
        self.retranslate_ui()
        self._place()
        self.show()
        self.raise_()
        self.timer.start()

    def item_id(self) -> str:
        return self._item_id

    def _show_item(self) -> None:
        self.hide()
        self.show_requested.emit(self._item_id)

    def _place(self) -> None:
        parent = self.parentWidget()
        assert parent is not None
        self.adjustSize()
        width = min(self.sizeHint().width(), parent.width() - 2 * MARGIN)
        height = self.sizeHint().height()
        top = parent.height() - MARGIN - height
        self.setGeometry(QRect((parent.width() - width) // 2, top, width, height))

    def retranslate_ui(self) -> None:
        self.label.setText(self.tr("“%1” was added to your library.").replace("%1", self._title))
        self.show_button.setText(self.tr("Show"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
