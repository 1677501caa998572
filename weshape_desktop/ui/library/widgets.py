"""Small widgets of the library's detail panel: a file path field, the favourite star, the
strip that says a file is missing."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QIcon,
    QPainter,
    QPainterPath,
    QPalette,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QWidget,
)


class PathField(QLineEdit):
    """A file path that fits: elided in the middle (the folder's start and the file name stay
    visible), the whole path while it has focus, so it can be selected and copied."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._path = ""
        self.setReadOnly(True)
        self.setFrame(False)
        # Paths are Latin identifiers: always left-to-right, even in the Arabic UI.
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Base, QColor(Qt.GlobalColor.transparent))
        self.setPalette(palette)

    def set_path(self, path: str) -> None:
        self._path = path
        self.setToolTip(path)
        self._show()

    def path(self) -> str:
        return self._path

    def _show(self) -> None:
        # A short path sits next to its label, on the right in the Arabic UI.
        parent = self.parentWidget()
        side = (
            Qt.AlignmentFlag.AlignRight
            if parent and parent.isRightToLeft()
            else Qt.AlignmentFlag.AlignLeft
        )
        self.setAlignment(Qt.AlignmentFlag.AlignAbsolute | side)
        if self.hasFocus():
            self.setText(self._path)
            return
        room = self.contentsRect().width() - 8  # the line edit's own text margins
        self.setText(
            self.fontMetrics().elidedText(self._path, Qt.TextElideMode.ElideMiddle, max(room, 0))
        )
        self.setCursorPosition(0)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._show()
        self.selectAll()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._show()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show()


def star_icon(size: int = 24) -> QIcon:
    """A five-pointed star: outlined when off, filled gold when on (checkable buttons)."""
    icon = QIcon()
    for state, fill, line in (
        (QIcon.State.Off, QColor(0, 0, 0, 0), QColor(120, 120, 120)),
        (QIcon.State.On, QColor("#f5b400"), QColor("#c98f00")),
    ):
        for scale in (1, 2):
            pixmap = QPixmap(size * scale, size * scale)
            pixmap.setDevicePixelRatio(scale)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            path = QPainterPath()
            centre, outer, inner = size / 2, size * 0.46, size * 0.19
            for i in range(10):
                radius = outer if i % 2 == 0 else inner
                angle = -math.pi / 2 + i * math.pi / 5
                point = QPointF(
                    centre + radius * math.cos(angle), centre + 1 + radius * math.sin(angle)
                )
                path.moveTo(point) if i == 0 else path.lineTo(point)
            path.closeSubpath()
            painter.setBrush(fill)
            painter.setPen(line)
            painter.drawPath(path)
            painter.end()
            icon.addPixmap(pixmap, QIcon.Mode.Normal, state)
    return icon


class MissingFileStrip(QFrame):
    """A warning that the entry's file isn't in the library folder, with a button to get it."""

    download_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("missingFile")
        # The catalog banner's warm colours: reads as a warning in light and dark themes alike.
        self.setStyleSheet(
            "QFrame#missingFile { background: #fff4e0; border: 1px solid #e0a030;"
            " border-radius: 4px; } QFrame#missingFile QLabel { color: #402800; }"
        )
        icon_label = QLabel(self)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        icon_label.setPixmap(icon.pixmap(20, 20))
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)
        self.message_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.download_button = QPushButton(self)
        self.download_button.clicked.connect(self.download_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(icon_label, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.message_label, 1)
        layout.addWidget(self.download_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self._downloaded_before = True
        self.retranslate_ui()

    def set_state(self, downloaded_before: bool) -> None:
        """True: the file was here and is gone; False: never downloaded on this computer."""
        self._downloaded_before = downloaded_before
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        if self._downloaded_before:
            self.message_label.setText(
                self.tr(
                    "The file is missing from the library folder. Download it again, or remove "
                    "the illustration from the library."
                )
            )
            self.download_button.setText(self.tr("Download again"))
        else:
            self.message_label.setText(
                self.tr("This illustration is in your library but not downloaded on this computer.")
            )
            self.download_button.setText(self.tr("Download"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
