"""Style swatches: one small disc per style variant of an illustration, on its catalog card and in
the details panel. A disc shows the variant's background (light or dark), its accent colour in the
middle, and a contrasting ring for high-contrast styles; the chosen variant's disc is circled."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QApplication

from weshape_desktop.core.models import Variant

# The variants of a card with more than one ((variants, chosen variant id)); None otherwise.
VariantsRole = Qt.ItemDataRole.UserRole + 12
DARK_BACKDROP = QColor("#2b2d31")  # behind dark-style illustrations, which are drawn for it
SWATCH_SIZE = 14  # px, on a card
SWATCH_GAP = 4
SWATCH_INSET = 6  # from the preview backdrop's bottom corner
LIGHT_BACKDROP = QColor("#f7f7f8")


def swatch_rects(backdrop: QRect, count: int, rtl: bool) -> list[QRect]:
    """Where a card's `count` swatches go: a row in the preview's bottom corner where the line
    starts (left, or right in right-to-left layouts), first variant first."""
    rects = []
    y = backdrop.bottom() - SWATCH_INSET - SWATCH_SIZE + 1
    for n in range(count):
        offset = SWATCH_INSET + n * (SWATCH_SIZE + SWATCH_GAP)
        x = backdrop.right() - offset - SWATCH_SIZE + 1 if rtl else backdrop.left() + offset
        rects.append(QRect(QPoint(x, y), QSize(SWATCH_SIZE, SWATCH_SIZE)))
    return rects


def paint_swatches(
    painter: QPainter, rects: list[QRect], variants: list[tuple[Variant, bool]]
) -> None:
    """A card's swatches (`variants`: each with whether it is the one shown) on a light pill,
    so they stay visible over any illustration and on the dark backdrop."""
    if not rects:
        return
    pill = QRectF(rects[0].united(rects[-1])).adjusted(-3, -3, 3, 3)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(255, 255, 255, 210))
    painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
    painter.restore()
    for (variant, chosen), rect in zip(variants, rects, strict=True):
        paint_swatch(painter, rect, variant, chosen)


def paint_swatch(painter: QPainter, rect: QRect, variant: Variant, chosen: bool) -> None:
    """One variant's disc in `rect` (its backdrop, accent and, if chosen, a highlight ring)."""
    dark = variant.style.startswith("dark")
    disc = QRectF(rect).adjusted(1.5, 1.5, -1.5, -1.5)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if chosen:
        painter.setPen(QPen(QApplication.palette().highlight().color(), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5))
        disc = disc.adjusted(1, 1, -1, -1)
    contrast = variant.style.endswith("-hc")
    ring = QColor("white" if dark else "black") if contrast else QColor(0, 0, 0, 90)
    painter.setPen(QPen(ring, 1.5 if contrast else 1))
    painter.setBrush(DARK_BACKDROP if dark else LIGHT_BACKDROP)
    painter.drawEllipse(disc)
    accent = QColor(variant.accent)
    if accent.isValid():
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        middle = disc.width() * 0.45
        painter.drawEllipse(disc.center(), middle / 2, middle / 2)
    painter.restore()


def swatch_icon(variant: Variant, size: int) -> QIcon:
    """A variant's disc as an icon (the details panel's style buttons)."""
    screen = QApplication.primaryScreen()
    ratio = screen.devicePixelRatio() if screen is not None else 1.0
    pixmap = QPixmap(QSize(size, size) * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    paint_swatch(painter, QRect(0, 0, size, size), variant, chosen=False)
    painter.end()
    return QIcon(pixmap)
