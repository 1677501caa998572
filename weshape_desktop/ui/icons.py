"""The app's one icon set (Tabler, resources/icons/tabler): drawn in the palette's text colour,
so they read in light and dark themes, and mirrored right-to-left where they point somewhere.

`themed_icon(name, palette, direction)` makes one icon; `IconBinding` keeps the icons of a
widget's actions and buttons in step with its palette and layout direction.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QObject, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QImageReader, QPalette, QPixmap
from PySide6.QtWidgets import QWidget

# Beside the package in the checkout, and where build.spec puts resources in the bundle.
ICON_DIR = Path(__file__).resolve().parents[2] / "resources" / "icons" / "tabler"
DIRECTIONAL = frozenset({"arrow-right"})  # point "forward": mirrored in right-to-left layouts
# Drawn for 24 px (the set's own grid) and twice that for high-density screens; Qt scales
# them for other sizes. Each rendering costs ~0.3 ms on the GUI thread at start-up.
PIXELS = (24, 48)

_Group = QPalette.ColorGroup
_Role = QPalette.ColorRole


def themed_icon(
    name: str,
    palette: QPalette,
    direction: Qt.LayoutDirection = Qt.LayoutDirection.LeftToRight,
    checked: str | None = None,
) -> QIcon:
    """The icon `name` (a file in ICON_DIR without ".svg") in `palette`'s text colours: normal,
    disabled and selected. `checked` names the icon shown in the on state (checkable actions)."""
    colours = (
        palette.color(_Group.Active, _Role.WindowText).rgba(),
        palette.color(_Group.Disabled, _Role.WindowText).rgba(),
        palette.color(_Group.Active, _Role.HighlightedText).rgba(),
    )
    rtl = direction == Qt.LayoutDirection.RightToLeft
    return _icon(name, checked, colours, rtl)


@lru_cache(maxsize=256)
def _icon(name: str, checked: str | None, colours: tuple[int, int, int], rtl: bool) -> QIcon:
    icon = QIcon()
    modes = (QIcon.Mode.Normal, QIcon.Mode.Disabled, QIcon.Mode.Selected)
    states = [(QIcon.State.Off, name)] + ([(QIcon.State.On, checked)] if checked else [])
    for state, file_name in states:
        svg = (ICON_DIR / f"{file_name}.svg").read_text(encoding="utf-8")
        mirrored = rtl and file_name in DIRECTIONAL
        for mode, rgba in zip(modes, colours, strict=True):
            tinted = _tinted(svg, QColor.fromRgba(rgba))
            for pixels in PIXELS:
                image = _render(tinted, pixels)
                if mirrored:
                    image = image.flipped(Qt.Orientation.Horizontal)
                icon.addPixmap(QPixmap.fromImage(image), mode, state)
    return icon


def _tinted(svg: str, colour: QColor) -> bytes:
    # A palette's disabled text is often a translucent colour: SVG takes it as an opacity.
    opacity = f'stroke-opacity="{colour.alphaF():.3f}" fill-opacity="{colour.alphaF():.3f}" '
    return svg.replace("currentColor", colour.name()).replace("<svg", f"<svg {opacity}", 1).encode()


def _render(svg: bytes, pixels: int) -> QImage:
    # Through Qt's SVG image plugin: no Python QtSvg module to load at start-up.
    data = QByteArray(svg)
    buffer = QBuffer(data)
    reader = QImageReader(buffer, QByteArray(b"svg"))
    reader.setScaledSize(QSize(pixels, pixels))
    return reader.read()


class IconBinding(QObject):
    """Icons set through `bind()` are drawn for `widget`'s palette and direction, and drawn
    again when either changes (a dark theme, switching to Arabic)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._widget = widget
        self._bound: dict[Callable[[QIcon], None], tuple[str, str | None]] = {}
        widget.installEventFilter(self)

    def bind(
        self, set_icon: Callable[[QIcon], None], name: str, checked: str | None = None
    ) -> None:
        """Call `set_icon` (e.g. an action's `setIcon`) with the icon `name` now and on changes
        (binding the same `set_icon` again replaces its icon)."""
        self._bound[set_icon] = (name, checked)
        set_icon(self.icon(name, checked))

    def icon(self, name: str, checked: str | None = None) -> QIcon:
        """The icon `name` for the widget as it is now (for items that are not bound)."""
        widget = self._widget
        return themed_icon(name, widget.palette(), widget.layoutDirection(), checked)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        changes = (QEvent.Type.PaletteChange, QEvent.Type.LayoutDirectionChange)
        if watched is self._widget and event.type() in changes:
            for set_icon, (name, checked) in self._bound.items():
                set_icon(self.icon(name, checked))
        return False
