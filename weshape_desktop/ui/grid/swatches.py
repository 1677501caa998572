"""Style swatches: one small disc per style variant of an illustration, on its catalog card and in
the details panel. A disc shows the variant's background (light or dark), its accent colour in the
middle, and a contrasting ring for high-contrast styles; the chosen variant's disc is circled."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QApplication

from weshape_desktop.core.models import Variant

DARK_BACKDROP = QColor("#2b2d31")  # behind dark-style illustrations, which are drawn for it
SWATCH_SIZE = 14  # px, on a card
SWATCH_GAP = 4
SWATCH_INSET = 6  # from the preview backdrop's bottom corner
LIGHT_BACKDROP = QColor("#f7f7f8")


def swatch_rects(backdrop: QRect, count: int, rtl: bool) -> list[QRect]:
    """Where a card's `count` swatches go: a row in the preview's bottom corner where the line
    starts (left, or right in right-to-left layouts), first variant first."""
    origin = backdrop.topLeft()
    return [rect.translated(origin) for rect in _row(backdrop.size(), count, rtl)]


@lru_cache(maxsize=64)
def _row(backdrop: QSize, count: int, rtl: bool) -> tuple[QRect, ...]:
    """`swatch_rects` for a backdrop at (0, 0): every card of a grid has the same."""
    rects = []
    y = backdrop.height() - SWATCH_INSET - SWATCH_SIZE
    for n in range(count):
        offset = SWATCH_INSET + n * (SWATCH_SIZE + SWATCH_GAP)
        x = backdrop.width() - offset - SWATCH_SIZE if rtl else offset
        rects.append(QRect(QPoint(x, y), QSize(SWATCH_SIZE, SWATCH_SIZE)))
    return tuple(rects)


def paint_swatches(
    painter: QPainter, backdrop: QRect, variants: list[tuple[Variant, bool]], rtl: bool
) -> None:
    """A card's swatches (`variants`: each with whether it is the one shown) on a light pill in
    the corner of `backdrop`, so they stay visible over any illustration and on the dark one.

    The pill and the discs come from small pixmaps drawn once (antialiased shapes drawn at
    every paint cost ~0.2 ms a card); only the accent dot, whose colour is each variant's own,
    is drawn each time."""
    rects = _row(backdrop.size(), len(variants), rtl)
    if not rects:
        return
    ratio = painter.device().devicePixelRatioF()
    highlight = QApplication.palette().highlight().color()
    painter.save()
    painter.translate(backdrop.topLeft())
    pill = rects[0].united(rects[-1]).adjusted(-3, -3, 3, 3)
    painter.drawPixmap(pill.topLeft(), _pill(pill.size(), ratio))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    for (variant, chosen), rect in zip(variants, rects, strict=True):
        painter.drawPixmap(rect.topLeft(), _disc(variant.style, chosen, highlight.rgba(), ratio))
        _paint_accent(painter, rect, variant.accent, chosen)
    painter.restore()


def paint_swatch(painter: QPainter, rect: QRect, variant: Variant, chosen: bool) -> None:
    """One variant's disc in `rect` (its backdrop, accent and, if chosen, a highlight ring)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    highlight = QApplication.palette().highlight().color()
    _paint_disc(painter, rect, variant.style, chosen, highlight)
    painter.setPen(Qt.PenStyle.NoPen)
    _paint_accent(painter, rect, variant.accent, chosen)
    painter.restore()


def _paint_disc(
    painter: QPainter, rect: QRect, style: str, chosen: bool, highlight: QColor
) -> None:
    """The disc of a variant of `style` without its accent; the painter antialiases."""
    dark = style.startswith("dark")
    if chosen:
        painter.setPen(QPen(highlight, 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5))
    contrast = style.endswith("-hc")
    ring = QColor("white" if dark else "black") if contrast else QColor(0, 0, 0, 90)
    painter.setPen(QPen(ring, 1.5 if contrast else 1))
    painter.setBrush(DARK_BACKDROP if dark else LIGHT_BACKDROP)
    painter.drawEllipse(_inner(rect, chosen))


def _paint_accent(painter: QPainter, rect: QRect, accent: str, chosen: bool) -> None:
    """The accent dot of a disc in `rect`; the painter antialiases and has no pen."""
    colour = _colour(accent)
    if colour is not None:
        painter.setBrush(colour)
        painter.drawEllipse(_dot(rect, chosen))


@lru_cache(maxsize=4096)
def _colour(accent: str) -> QColor | None:
    """`accent` parsed (None if it isn't a colour); a card's paint asks again and again."""
    colour = QColor(accent)
    return colour if colour.isValid() else None


@lru_cache(maxsize=64)
def _dot(rect: QRect, chosen: bool) -> QRectF:
    """The accent dot in the middle of the disc in `rect`."""
    disc = _inner(rect, chosen)
    radius = disc.width() * 0.45 / 2
    return QRectF(disc.center().x() - radius, disc.center().y() - radius, 2 * radius, 2 * radius)


def _inner(rect: QRect, chosen: bool) -> QRectF:
    """The disc inside a swatch's `rect` (smaller inside the chosen one's ring)."""
    inset = 2.5 if chosen else 1.5
    return QRectF(rect).adjusted(inset, inset, -inset, -inset)


@lru_cache(maxsize=16)
def _pill(size: QSize, ratio: float) -> QPixmap:
    pixmap, painter = _canvas(size, ratio)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(255, 255, 255, 210))
    outline = QRectF(QPoint(0, 0), size)
    painter.drawRoundedRect(outline, outline.height() / 2, outline.height() / 2)
    painter.end()
    return pixmap


@lru_cache(maxsize=64)
def _disc(style: str, chosen: bool, highlight: int, ratio: float) -> QPixmap:
    pixmap, painter = _canvas(QSize(SWATCH_SIZE, SWATCH_SIZE), ratio)
    rect = QRect(0, 0, SWATCH_SIZE, SWATCH_SIZE)
    _paint_disc(painter, rect, style, chosen, QColor.fromRgba(highlight))
    painter.end()
    return pixmap


def _canvas(size: QSize, ratio: float) -> tuple[QPixmap, QPainter]:
    """A transparent pixmap of `size` (device-independent) and an antialiasing painter on it."""
    pixmap = QPixmap(size * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


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
