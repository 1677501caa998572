"""Quick look: one tile's large preview and title over its grid, as a file manager's.

Not a dialog: the grid keeps the keyboard focus, so its arrow keys move through the tiles (and the
quick look follows the current tile); the grid closes it on Space or Escape, a click on the dimmed
grid around the card closes it too.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from weshape_desktop.ui.grid.large_preview import LARGE_PREVIEW_SIZE, LargePreview
from weshape_desktop.ui.grid.tile_content import PREVIEW_SIZE
from weshape_desktop.ui.previews import PreviewService

DIM = QColor(0, 0, 0, 110)
MARGIN = 24  # px between the card and the grid's edges


class QuickLook(QWidget):
    """Covers its parent's `area` (set by the grid); `dismissed()` when clicked outside the card."""

    dismissed = Signal()

    def __init__(self, previews: PreviewService, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.card = QFrame(self)
        self.card.setObjectName("quickLookCard")
        self.card.setStyleSheet(
            "#quickLookCard { background: palette(window); border-radius: 12px; }"
        )
        self.preview = LargePreview(previews, self.card, max_side=LARGE_PREVIEW_SIZE)
        self.title_label = QLabel(self.card)
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title_label.setWordWrap(True)
        font = QFont(self.title_label.font())
        font.setBold(True)
        self.title_label.setFont(font)
        layout = QVBoxLayout(self.card)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.title_label)
        self.retranslate_ui()
        self.hide()

    def show_tile(self, sha256: str | None, url: str | None, title: str, *, dark: bool) -> None:
        """Show this tile's preview (rendering the large one unless cached) and title."""
        self.preview.set_source(sha256, dark=dark)
        self.preview.request(url)
        self.title_label.setText(title)
        self.show()
        self.raise_()

    def sha256(self) -> str | None:
        return self.preview.sha256()

    def title(self) -> str:
        return self.title_label.text()

    def retranslate_ui(self) -> None:
        self.setAccessibleName(self.tr("Quick look"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- layout and events -------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        title_height = 2 * self.title_label.fontMetrics().lineSpacing() + 28
        room = min(self.width() - 2 * MARGIN - 32, self.height() - 2 * MARGIN - title_height)
        side = max(PREVIEW_SIZE, min(LARGE_PREVIEW_SIZE, room))
        self.preview.setFixedSize(QSize(side, side))
        card = QSize(side + 32, side + title_height)
        self.card.setGeometry(
            (self.width() - card.width()) // 2,
            (self.height() - card.height()) // 2,
            card.width(),
            card.height(),
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        QPainter(self).fillRect(event.rect(), DIM)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()  # the grid underneath must not select what the dimmed area covers
        if not self.card.geometry().contains(event.position().toPoint()):
            self.dismissed.emit()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        event.accept()
