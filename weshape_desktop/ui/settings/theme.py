"""The theme setting: follow the system, or force light or dark."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

_SCHEMES = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}
_SYSTEM_STYLE = "weshape_system_style"  # the style the platform chose, to go back to


def apply_theme(app: QApplication, theme: str) -> None:
    """ "system", "light" or "dark". The platform is told the scheme where it can follow; the
    palette is set as well because not every platform style can (Fusion is used for a forced
    scheme so both look the same everywhere)."""
    hints = app.styleHints()
    if app.property(_SYSTEM_STYLE) is None:
        app.setProperty(_SYSTEM_STYLE, app.style().name())
    if theme not in _SCHEMES:
        hints.unsetColorScheme()
        app.setStyle(str(app.property(_SYSTEM_STYLE)))
        app.setPalette(QPalette())  # no resolved roles: back to the platform's palette
        return
    hints.setColorScheme(_SCHEMES[theme])
    app.setStyle("Fusion")
    app.setPalette(dark_palette() if theme == "dark" else app.style().standardPalette())


def dark_palette() -> QPalette:
    """A dark palette a shade darker than the grid's dark backdrop, so backdrops stay visible."""
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#1e1f22",
        QPalette.ColorRole.WindowText: "#e8e8ea",
        QPalette.ColorRole.Base: "#17181a",
        QPalette.ColorRole.AlternateBase: "#24262a",
        QPalette.ColorRole.ToolTipBase: "#2b2d31",
        QPalette.ColorRole.ToolTipText: "#e8e8ea",
        QPalette.ColorRole.PlaceholderText: "#8a8d93",
        QPalette.ColorRole.Text: "#e8e8ea",
        QPalette.ColorRole.Button: "#2b2d31",
        QPalette.ColorRole.ButtonText: "#e8e8ea",
        QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.Light: "#3a3d42",
        QPalette.ColorRole.Midlight: "#33363b",
        QPalette.ColorRole.Mid: "#4a4d53",
        QPalette.ColorRole.Dark: "#111214",
        QPalette.ColorRole.Shadow: "#000000",
        QPalette.ColorRole.Highlight: "#3d7bd9",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#7ab0ff",
        QPalette.ColorRole.LinkVisited: "#b99cff",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6b6e74"))
    return palette
