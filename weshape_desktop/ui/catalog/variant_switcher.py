"""The details panel's style switcher: one button per style variant of the illustration shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QAbstractButton, QButtonGroup, QHBoxLayout, QToolButton, QWidget

from weshape_desktop.core.models import Illustration
from weshape_desktop.ui.grid import swatch_icon

ICON_SIZE = 20


class VariantSwitcher(QWidget):
    """Emits `variant_chosen(variant id)`; hidden for an illustration with one style only."""

    variant_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addStretch(1)
        self._group = QButtonGroup(self)  # exclusive: one variant shown at a time
        self._group.idClicked.connect(self._on_clicked)
        self._ids: list[str] = []
        self.hide()

    def show_item(self, item: Illustration | None, style_name: Callable[[str], str]) -> None:
        """Offer `item`'s variants, named by `style_name(style id)`; its own one checked."""
        variants = item.variants if item is not None and len(item.variants) > 1 else ()
        if [v.id for v in variants] != self._ids:
            for button in self._group.buttons():
                self._group.removeButton(button)
                button.deleteLater()
            self._ids = [v.id for v in variants]
            for n, variant in enumerate(variants):
                button = QToolButton(self, checkable=True, autoRaise=True)
                button.setIcon(swatch_icon(variant, ICON_SIZE))
                button.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
                self._group.addButton(button, n)
                self._layout.insertWidget(n, button)
        for n, variant in enumerate(variants):
            button = self._group.button(n)
            button.setChecked(item is not None and variant.id == item.id)
            button.setToolTip(style_name(variant.style))
            button.setAccessibleName(style_name(variant.style))
        self.setVisible(bool(variants))

    def buttons(self) -> list[QAbstractButton]:
        """The variants' buttons, in the illustration's order."""
        return [self._group.button(n) for n in range(len(self._ids))]

    def _on_clicked(self, n: int) -> None:
        self.variant_chosen.emit(self._ids[n])
