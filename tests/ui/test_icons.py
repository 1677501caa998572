"""The bundled icon set: tinted for the palette (again when it changes), mirrored right-to-left
where the icon points somewhere, and a distinct icon for the on state."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QIcon, QImage, QPalette
from PySide6.QtWidgets import QWidget

from weshape_desktop.ui.icons import DIRECTIONAL, ICON_DIR, IconBinding, themed_icon

RTL, LTR = Qt.LayoutDirection.RightToLeft, Qt.LayoutDirection.LeftToRight


def palette(text: str) -> QPalette:
    colours = QPalette()
    colours.setColor(QPalette.ColorRole.WindowText, QColor(text))
    return colours


def image(icon: QIcon, state: QIcon.State = QIcon.State.Off) -> QImage:
    return icon.pixmap(24, 24, QIcon.Mode.Normal, state).toImage()


def ink(picture: QImage) -> set[str]:
    """The colours of the opaque pixels."""
    return {
        picture.pixelColor(x, y).name()
        for x in range(picture.width())
        for y in range(picture.height())
        if picture.pixelColor(x, y).alpha() == 255
    }


def test_icons_are_drawn_in_the_palette_text_colour(qapp):
    assert ink(image(themed_icon("trash", palette("#102030")))) == {"#102030"}
    assert ink(image(themed_icon("trash", palette("#f0e0d0")))) == {"#f0e0d0"}
    colours = palette("#102030")
    colours.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, "#909090")
    disabled = themed_icon("trash", colours).pixmap(24, 24, QIcon.Mode.Disabled)
    assert ink(disabled.toImage()) == {"#909090"}


def test_directional_icons_are_mirrored_right_to_left(qapp):
    assert "arrow-right" in DIRECTIONAL
    ltr = image(themed_icon("arrow-right", palette("#000000"), LTR))
    rtl = image(themed_icon("arrow-right", palette("#000000"), RTL))
    assert rtl != ltr
    assert rtl == ltr.flipped(Qt.Orientation.Horizontal)
    # Not directional: the same either way.
    folder = (image(themed_icon("folder", palette("#000000"), d)) for d in (LTR, RTL))
    assert next(folder) == next(folder)


def test_a_checked_icon_for_the_on_state(qapp):
    star = themed_icon("star", palette("#000000"), checked="star-filled")
    assert image(star, QIcon.State.On) != image(star, QIcon.State.Off)


def test_bound_icons_follow_palette_and_direction_changes(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.setPalette(palette("#204060"))
    action = QAction(widget)
    IconBinding(widget).bind(action.setIcon, "arrow-right")
    before = image(action.icon())
    assert ink(before) == {"#204060"}

    widget.setPalette(palette("#e0c0a0"))  # e.g. the dark theme
    assert ink(image(action.icon())) == {"#e0c0a0"}
    widget.setLayoutDirection(RTL)  # Arabic
    assert image(action.icon()) == image(themed_icon("arrow-right", palette("#e0c0a0"), RTL))


def test_only_the_set_licence_and_readme_ship_beside_the_svgs():
    files = {path.suffix for path in ICON_DIR.iterdir()}
    assert files == {".svg", "", ".md"}  # the icons, LICENSE, README.md
    assert "MIT License" in (ICON_DIR / "LICENSE").read_text()
    assert "3.54.0" in (ICON_DIR / "README.md").read_text()
