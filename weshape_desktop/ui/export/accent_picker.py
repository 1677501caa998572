"""A colour swatch button with "Reset colour" that picks an illustration's new accent colour.

While Qt's colour dialog is open, `previewing` follows the colour under the pointer so the caller
can redraw live; `changed` fires only when a colour is chosen (or reset); cancelling previews the
chosen colour again.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QColorDialog, QHBoxLayout, QPushButton, QWidget

from weshape_desktop.core.svg import hex_colour, parse_colour
from weshape_desktop.core.text import isolate

_SWATCH_SIDE = 20


class AccentPicker(QWidget):
    """Picks a `#rrggbb` colour starting from `original`; disabled when `original` is ""."""

    previewing = Signal(str)  # the colour to show now (live while the colour dialog is open)
    changed = Signal(str)  # the chosen colour

    def __init__(self, original: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.original = original
        self._colour = original
        self.colour_dialog: QColorDialog | None = None
        self.colour_button = QPushButton(self, autoDefault=False)
        self.colour_button.clicked.connect(self.pick)
        self.reset_button = QPushButton(self, autoDefault=False)
        self.reset_button.clicked.connect(lambda: self.set_colour(self.original))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.colour_button)
        layout.addWidget(self.reset_button)
        layout.addStretch(1)
        self.retranslate_ui()
        self._update()

    def colour(self) -> str:
        return self._colour

    def set_colour(self, colour: str) -> None:
        """Choose `colour` (`#rgb`, `#rrggbb`); ValueError for anything else."""
        if not self.original:
            return
        self._colour = hex_colour(parse_colour(colour))
        self._update()
        self.previewing.emit(self._colour)
        self.changed.emit(self._colour)

    def pick(self) -> None:
        """Open the colour dialog (window-modal, so the caller's window keeps painting)."""
        if self.colour_dialog is None:
            dialog = QColorDialog(self)
            # Qt's own dialog: native ones may not report currentColorChanged while picking.
            dialog.setOption(QColorDialog.ColorDialogOption.DontUseNativeDialog)
            dialog.currentColorChanged.connect(self._preview)
            dialog.colorSelected.connect(lambda colour: self.set_colour(colour.name()))
            dialog.rejected.connect(lambda: self.previewing.emit(self._colour))
            self.colour_dialog = dialog
        self.colour_dialog.setCurrentColor(QColor(self._colour))
        self.colour_dialog.open()

    def _preview(self, colour: QColor) -> None:
        if colour.isValid():
            self.previewing.emit(colour.name())

    def _update(self) -> None:
        usable = bool(self.original)
        self.colour_button.setEnabled(usable)
        self.reset_button.setEnabled(usable and self._colour != self.original)
        swatch = QPixmap(_SWATCH_SIDE, _SWATCH_SIDE)
        swatch.fill(QColor(self._colour) if usable else QColor(0, 0, 0, 0))
        self.colour_button.setIcon(QIcon(swatch))
        self.colour_button.setText(isolate(self._colour) if usable else "—")

    def retranslate_ui(self) -> None:
        self.colour_button.setToolTip(self.tr("Choose a new accent colour"))
        self.reset_button.setText(self.tr("Reset colour"))
        self.reset_button.setToolTip(self.tr("Go back to the illustration's own colour"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
