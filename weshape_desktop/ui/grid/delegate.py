"""Paints one tile in a grid cell: the preview above a title of at most two lines."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QMouseEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from weshape_desktop.ui.grid.swatches import DARK_BACKDROP, paint_swatches, swatch_rects
from weshape_desktop.ui.grid.tile_content import Tile, TileRole, VariantsRole

TILE_PADDING = 16
BADGE_COLOUR = QColor("#d99a00")  # a gold star, readable on light and dark illustrations
BACKDROP_MARGIN = 4
HOVER_ALPHA = 18  # a faint wash of the text colour: neutral in both themes, unlike selection

PILL_BACKGROUND = QColor("#0b6e69")  # a deep teal: stands out on light and dark backdrops

AnyIndex = QModelIndex | QPersistentModelIndex


class TileDelegate(QStyledItemDelegate):
    """Every tile has the same size, centred in its cell, so no title is ever measured."""

    def __init__(self, preview_size: int, parent: QWidget) -> None:
        super().__init__(parent)
        # Room for the preview plus two lines of title; longer titles are elided.
        self._text_height = 2 * parent.fontMetrics().lineSpacing() + 6
        self._pill_font = QFont(parent.font())
        self._pill_font.setPointSizeF(self._pill_font.pointSizeF() * 0.8)
        self._pill_font.setBold(True)
        self._pills: dict[str, QPixmap] = {}  # a handful of texts ("✓ SVG", "PNG · SVG")
        self.set_preview_size(preview_size)

    def set_preview_size(self, size: int, rendered: int | None = None) -> None:
        """Show previews at `size` px; those `rendered` larger are scaled down."""
        self._scale_down = rendered is not None and rendered > size
        self.preview = QSize(size, size)
        self.backdrop = self.preview + QSize(BACKDROP_MARGIN * 2, BACKDROP_MARGIN * 2)
        self._backdrop_offsets: dict[tuple[object, ...], QPoint] = {}
        self.tile = QSize(size + TILE_PADDING, size + self._text_height + TILE_PADDING // 2)

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        return self.tile

    def initStyleOption(self, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        tile = index.data(TileRole)
        if tile is None:  # an empty cell after the last item
            super().initStyleOption(option, index)
        else:
            self._lay_out(option, tile)

    def _lay_out(self, option: QStyleOptionViewItem, tile: Tile) -> None:
        """Set `option` up for `tile` as QStyledItemDelegate.initStyleOption would from the
        roles it reads (our models give no font, colour, alignment or check state roles)."""
        option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration
        if tile.title is not None:
            option.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
            option.text = tile.title
        pixmap = tile.preview
        if self._scale_down and pixmap.width() > self.preview.width():
            # At the preview's size, not the backdrop's the icon would fill. QIcon keeps the
            # scaled copy in QPixmapCache: scaled once per pixmap, not at every paint.
            pixmap = QIcon(pixmap).pixmap(self.preview)
        option.icon = QIcon(pixmap)
        # A table cell lays out like a list row; a tile wants the preview on top, as icon views do.
        option.decorationPosition = QStyleOptionViewItem.Position.Top
        option.decorationAlignment = Qt.AlignmentFlag.AlignCenter
        option.displayAlignment = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
        # The preview (never scaled up) centred in room for the dark backdrop, title below that.
        option.decorationSize = self.backdrop
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        option.textElideMode = Qt.TextElideMode.ElideRight

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        tile = index.data(TileRole)  # one model call: see `Tile`
        if tile is None:
            return  # an empty cell after the last item
        laid_out, style, backdrop = self._placed(option, tile)
        if option.state & QStyle.StateFlag.State_Selected:
            # A soft rounded frame instead of a solid fill that would tint the illustration.
            highlight = QApplication.palette().highlight().color()
            self._paint_frame(painter, laid_out.rect, highlight, 40, QPen(highlight, 2))
            laid_out.state &= ~QStyle.StateFlag.State_Selected
        elif option.state & QStyle.StateFlag.State_MouseOver:
            text = QApplication.palette().text().color()
            self._paint_frame(painter, laid_out.rect, text, HOVER_ALPHA, Qt.PenStyle.NoPen)
        laid_out.state &= ~QStyle.StateFlag.State_MouseOver  # the style's own hover would tint it
        # Dark-style illustrations are drawn for dark backgrounds; on white they look broken.
        if tile.item is not None and tile.item.style.startswith("dark"):
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(DARK_BACKDROP)
            painter.drawRoundedRect(backdrop, 8, 8)
            painter.restore()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, laid_out, painter, option.widget)
        if tile.badge:
            self._paint_badge(painter, laid_out, tile.badge)
        if tile.formats:
            self._paint_formats(painter, laid_out, tile.formats)
        if tile.variants:
            rtl = laid_out.direction == Qt.LayoutDirection.RightToLeft
            paint_swatches(painter, backdrop, tile.variants, rtl)

    def editorEvent(
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: AnyIndex,
    ) -> bool:
        # A click on a style swatch shows the card in that style.
        variants = index.data(VariantsRole)
        if variants and event.type() == QEvent.Type.MouseButtonRelease:
            assert isinstance(event, QMouseEvent)
            for (variant, _), rect in zip(variants, self.swatch_rects(option, index), strict=True):
                if rect.adjusted(-2, -2, 2, 2).contains(event.position().toPoint()):
                    return model.setData(index, variant.id, VariantsRole)
        return super().editorEvent(event, model, option, index)

    def _tile_option(self, option: QStyleOptionViewItem) -> QStyleOptionViewItem:
        """`option` for the tile: same-sized tiles, centred in their cells."""
        rect = QRect(option.rect.topLeft(), self.tile.boundedTo(option.rect.size()))
        rect.moveCenter(option.rect.center())
        tile = QStyleOptionViewItem(option)
        tile.rect = rect
        return tile

    def _placed(
        self, option: QStyleOptionViewItem, tile: Tile
    ) -> tuple[QStyleOptionViewItem, QStyle, QRect]:
        """`tile` laid out in `option`'s cell, the style that draws it and its backdrop."""
        laid_out = self._tile_option(option)
        self._lay_out(laid_out, tile)
        widget = laid_out.widget
        style = widget.style() if widget is not None else QApplication.style()
        return laid_out, style, self._backdrop_rect(laid_out, style)

    def _backdrop_rect(self, laid_out: QStyleOptionViewItem, style: QStyle) -> QRect:
        """The room around the preview (where a dark illustration gets its dark backdrop) in
        a tile laid out by `_lay_out`."""
        # The same place in every tile: the style's layout (it measures the title) runs once.
        rect = laid_out.rect
        key = (rect.width(), rect.height(), laid_out.direction, bool(laid_out.text), id(style))
        offset = self._backdrop_offsets.get(key)
        if offset is None:
            element = QStyle.SubElement.SE_ItemViewItemDecoration
            centre = style.subElementRect(element, laid_out, laid_out.widget).center()
            offset = self._backdrop_offsets[key] = centre - rect.topLeft()
        backdrop = QRect(QPoint(0, 0), self.backdrop)
        backdrop.moveCenter(rect.topLeft() + offset)
        return backdrop

    def swatch_rects(self, option: QStyleOptionViewItem, index: AnyIndex) -> list[QRect]:
        """Where the style swatches of the card in `option`'s cell are (none: one style)."""
        tile = index.data(TileRole)
        if tile is None or not tile.variants:
            return []
        laid_out, _style, backdrop = self._placed(option, tile)
        rtl = laid_out.direction == Qt.LayoutDirection.RightToLeft
        return swatch_rects(backdrop, len(tile.variants), rtl)

    @staticmethod
    def _paint_frame(
        painter: QPainter, rect: QRect, colour: QColor, alpha: int, pen: QPen | Qt.PenStyle
    ) -> None:
        """A rounded wash of `colour` over the tile (selection, hover), never a solid fill."""
        wash = QColor(colour)
        wash.setAlpha(alpha)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(pen)
        painter.setBrush(wash)
        painter.drawRoundedRect(QRectF(rect).adjusted(1, 1, -1, -1), 10, 10)
        painter.restore()

    def _paint_formats(self, painter: QPainter, tile: QStyleOptionViewItem, text: str) -> None:
        pill = self._pills.get(text)
        if pill is None:
            pill = self._pills[text] = self._draw_pill(text, painter.device().devicePixelRatioF())
        size = pill.deviceIndependentSize().toSize()
        inset = tile.rect.adjusted(6, 6, -6, -6)
        rtl = tile.direction == Qt.LayoutDirection.RightToLeft
        painter.drawPixmap(
            inset.right() - size.width() + 1 if rtl else inset.left(), inset.top(), pill
        )

    def _draw_pill(self, text: str, ratio: float) -> QPixmap:
        """A pill drawn once per text: painting a cached pixmap costs a fraction of drawing
        antialiased text and a rounded rectangle for every tile."""
        metrics = QFontMetrics(self._pill_font)
        size = QSize(metrics.horizontalAdvance(text) + 10, metrics.height() + 4)
        pill = QPixmap(size * ratio)
        pill.setDevicePixelRatio(ratio)
        pill.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pill)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(PILL_BACKGROUND)
        painter.drawRoundedRect(QRectF(QPoint(0, 0), size), size.height() / 2, size.height() / 2)
        painter.setFont(self._pill_font)
        painter.setPen(Qt.GlobalColor.white)
        painter.drawText(QRect(QPoint(0, 0), size), Qt.AlignmentFlag.AlignCenter, text)
        painter.end()
        return pill

    def _paint_badge(self, painter: QPainter, tile: QStyleOptionViewItem, text: str) -> None:
        font = QFont(tile.font)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        size = QFontMetrics(font).height() + 4
        corner = QRect(0, 0, size, size)
        inset = tile.rect.adjusted(4, 4, -4, -4)
        if tile.direction == Qt.LayoutDirection.RightToLeft:
            corner.moveTopLeft(inset.topLeft())
        else:
            corner.moveTopRight(inset.topRight())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(0, 0, 0, 40), 1))
        painter.setBrush(QColor(255, 255, 255, 230))
        painter.drawEllipse(corner)
        painter.setFont(font)
        painter.setPen(BADGE_COLOUR)
        painter.drawText(corner, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()
