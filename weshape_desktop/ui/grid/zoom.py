"""The grid-size slider beside a grid, with Ctrl+= / Ctrl+- / Ctrl+0, remembered per grid."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QSlider, QWidget

from weshape_desktop.ui.grid.tile_content import MAX_TILE_SIZE, MIN_TILE_SIZE, PREVIEW_SIZE
from weshape_desktop.ui.grid.tile_grid import TileGrid

STEP = 16  # px per shortcut press; the slider snaps to it too


class TileSizeSlider(QWidget):
    """Sets `grid`'s tile size; `remember()` keeps it in the settings under a key of the tab's."""

    def __init__(self, grid: TileGrid, parent: QWidget) -> None:
        super().__init__(parent)
        self._grid = grid
        self._settings: QSettings | None = None
        self._key = ""
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setRange(MIN_TILE_SIZE, MAX_TILE_SIZE)
        self.slider.setSingleStep(STEP)
        self.slider.setPageStep(2 * STEP)
        self.slider.setValue(grid.tile_size())
        self.slider.setFixedWidth(120)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slider)
        # Window-wide, but only while this tab (and so this widget) is shown.
        self.larger_action = self._action(("Ctrl+=", QKeySequence.StandardKey.ZoomIn), STEP)
        self.smaller_action = self._action((QKeySequence.StandardKey.ZoomOut,), -STEP)
        self.reset_action = self._action(("Ctrl+0",), 0)
        self.slider.valueChanged.connect(self._on_value_changed)
        self.retranslate_ui()

    def remember(self, settings: QSettings, key: str) -> None:
        """Show the size saved under `key` and save every change there."""
        try:
            saved = int(str(settings.value(key, PREVIEW_SIZE)))
        except ValueError:
            saved = PREVIEW_SIZE
        self._settings, self._key = settings, key
        self.slider.setValue(saved)
        self._on_value_changed(self.slider.value())

    def _action(self, keys: tuple[str | QKeySequence.StandardKey, ...], step: int) -> QAction:
        action = QAction(self)
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.triggered.connect(
            lambda: self.slider.setValue(self.slider.value() + step if step else PREVIEW_SIZE)
        )
        self.addAction(action)
        return action

    def _on_value_changed(self, value: int) -> None:
        snapped = MIN_TILE_SIZE + round((value - MIN_TILE_SIZE) / STEP) * STEP
        if snapped != value:
            self.slider.setValue(snapped)  # comes back here with the snapped value
            return
        self._grid.set_tile_size(value)
        if self._settings is not None:
            self._settings.setValue(self._key, value)

    def retranslate_ui(self) -> None:
        self.slider.setAccessibleName(self.tr("Tile size"))
        self.slider.setToolTip(self.tr("Tile size (Ctrl+= larger, Ctrl+- smaller, Ctrl+0 default)"))
        self.larger_action.setText(self.tr("Larger tiles"))
        self.smaller_action.setText(self.tr("Smaller tiles"))
        self.reset_action.setText(self.tr("Default tile size"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
