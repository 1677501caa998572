"""What a grid tile shows, shared by the catalog's and the library's models (and their
delegate): the preview size, the roles (the item itself, and the whole tile at once), its tags
as one line, and the placeholders drawn while a preview loads or when it can't be rendered.

Apart from catalog_model.py, so the library's grid starts without the catalog's client code.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap

from weshape_desktop.core.models import Illustration, Variant

PREVIEW_SIZE = 160  # px, the grid's default tile preview size
MIN_TILE_SIZE, MAX_TILE_SIZE = 96, 320  # px, the grid-size slider's range
# The sizes tiles' previews are rendered (and cached) at: a tile shows the smallest that is at
# least its size, scaled down, so moving the slider re-renders only when it crosses 160 px.
RENDER_SIZES = (PREVIEW_SIZE, MAX_TILE_SIZE)
ItemRole = Qt.ItemDataRole.UserRole + 1  # the Illustration itself
# A short text (e.g. "★" for a favourite) drawn in the tile's top corner at the end of the line.
BadgeRole = Qt.ItemDataRole.UserRole + 10
# The formats a tile's illustration has in the library (e.g. "✓ SVG"), a pill in the top corner
# at the start of the line.
FormatsRole = Qt.ItemDataRole.UserRole + 11
# The variants of a card with more than one ((variants, chosen variant id)); None otherwise.
VariantsRole = Qt.ItemDataRole.UserRole + 12
TileRole = Qt.ItemDataRole.UserRole + 13  # a `Tile`: what the delegate paints


class Tile(NamedTuple):
    """A tile's roles from one model call: the delegate asked for each role through the grid's
    proxy, ~20 Python calls a tile, which cost more than painting it (profiled while scrolling)."""

    item: Illustration | None  # ItemRole; None while the row is on its way
    title: str | None  # DisplayRole
    preview: QPixmap  # DecorationRole
    badge: str | None  # BadgeRole
    formats: str | None  # FormatsRole
    variants: list[tuple[Variant, bool]] | None  # VariantsRole


def render_size(tile_size: int) -> int:
    """The preview size to render for tiles of `tile_size` px (see RENDER_SIZES)."""
    return next((size for size in RENDER_SIZES if size >= tile_size), RENDER_SIZES[-1])


def joined_tags(item: Illustration, lang: str) -> str:
    """Tags as one line; Arabic uses its own comma."""
    return ("، " if lang == "ar" else ", ").join(item.tags_in(lang))


def formats_badge(formats: tuple[str, ...]) -> str:
    """The formats of a tile's files as its pill shows them: "SVG · PNG"."""
    return " · ".join(fmt.upper() for fmt in formats)


_placeholders: dict[tuple[int, bool], QPixmap] = {}


def placeholder_pixmap(size: int, broken: bool) -> QPixmap:
    """A neutral tile while a preview loads, or a crossed-out frame when it can't be rendered.

    Drawn once per size and shared, so views can tell the two states apart by cacheKey().
    """
    key = (size, broken)
    if key not in _placeholders:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        inset = size * 0.08
        frame = QRectF(inset, inset, size - 2 * inset, size - 2 * inset)
        painter.setBrush(QColor(0, 0, 0, 18))
        painter.setPen(QPen(QColor(0, 0, 0, 40), max(1.0, size / 80)))
        painter.drawRoundedRect(frame, size * 0.06, size * 0.06)
        if broken:
            # A "broken image" mark: the user should see this is final, not still loading.
            painter.setPen(QPen(QColor(180, 60, 60, 160), max(2.0, size / 40)))
            mark = frame.adjusted(size * 0.3, size * 0.3, -size * 0.3, -size * 0.3)
            painter.drawLine(mark.topLeft(), mark.bottomRight())
            painter.drawLine(mark.topRight(), mark.bottomLeft())
        painter.end()
        _placeholders[key] = pixmap
    return _placeholders[key]
