"""The export dialog's editor page: a preview, the accent colour, the PNG size with presets, the
copy and save buttons and a status line. It lays the controls out and names them; `ExportDialog`
does the recolouring, copying and saving.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from weshape_desktop.core.text import isolate
from weshape_desktop.ui.export.accent_picker import AccentPicker
from weshape_desktop.ui.grid import DARK_BACKDROP
from weshape_desktop.ui.previews import MAX_PNG_SIZE, MIN_PNG_SIZE

PREVIEW_SIDE = 320  # logical pixels
PNG_PRESETS = (256, 512, 1024, 2048)


class ExportForm(QWidget):
    """The controls of one export: `keys` pairs each action button with its shortcut, which the
    dialog binds (the form only shows it in the button's tooltip)."""

    def __init__(self, title: str, accent: str, dark: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build_ui(title, accent, dark)
        self._lay_out()
        self._connect()

    def _build_ui(self, title: str, accent: str, dark: bool) -> None:
        """The controls, in tab order."""
        self.preview_label = QLabel(self, objectName="preview")
        self.preview_label.setFixedSize(PREVIEW_SIDE + 16, PREVIEW_SIDE + 16)
        self.preview_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        backdrop = DARK_BACKDROP.name() if dark else "#ffffff"
        self.preview_label.setStyleSheet(
            f"QLabel#preview {{ background: {backdrop}; border: 1px solid palette(mid);"
            " border-radius: 8px; }"
        )
        self.title_label = QLabel(title, self, wordWrap=True)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title_label.setFont(font)

        self.colour_label = QLabel(self)
        self.accent_picker = AccentPicker(accent, self)
        self.colour_label.setBuddy(self.accent_picker.colour_button)
        self.accent_note = QLabel(self, wordWrap=True)
        self.accent_note.setEnabled(False)  # greyed: a remark, not a problem

        self.size_label = QLabel(self)
        self.size_spin = QSpinBox(self, minimum=MIN_PNG_SIZE, maximum=MAX_PNG_SIZE)
        self.size_spin.setAccelerated(True)
        self.size_label.setBuddy(self.size_spin)
        self.preset_buttons = {preset: QToolButton(self, autoRaise=False) for preset in PNG_PRESETS}

        self.copy_svg_button = QPushButton(self, autoDefault=False)
        self.copy_png_button = QPushButton(self, autoDefault=False)
        self.save_svg_button = QPushButton(self, autoDefault=False)
        self.save_png_button = QPushButton(self, autoDefault=False)
        self.keys = (
            (self.copy_svg_button, QKeySequence(QKeySequence.StandardKey.Copy)),
            (self.copy_png_button, QKeySequence("Ctrl+Shift+C")),
            (self.save_svg_button, QKeySequence("Ctrl+Shift+S")),
            (self.save_png_button, QKeySequence(QKeySequence.StandardKey.Save)),
        )

        self.status_label = QLabel(self, wordWrap=True, objectName="statusLabel")
        self.error_label = QLabel(self, wordWrap=True, objectName="errorLabel")
        self.error_label.setStyleSheet("color: #c92a2a;")
        self.error_label.hide()

    def _lay_out(self) -> None:
        """The preview on one side; the title and the controls, top to bottom, on the other."""
        size_row = QHBoxLayout()
        size_row.addWidget(self.size_spin)
        for button in self.preset_buttons.values():
            size_row.addWidget(button)
        size_row.addStretch(1)
        actions = QGridLayout()
        actions.addWidget(self.copy_svg_button, 0, 0)
        actions.addWidget(self.copy_png_button, 0, 1)
        actions.addWidget(self.save_svg_button, 1, 0)
        actions.addWidget(self.save_png_button, 1, 1)

        controls = QVBoxLayout()
        controls.addWidget(self.title_label)
        controls.addSpacing(8)
        controls.addWidget(self.colour_label)
        controls.addWidget(self.accent_picker)
        controls.addWidget(self.accent_note)
        controls.addSpacing(8)
        controls.addWidget(self.size_label)
        controls.addLayout(size_row)
        controls.addSpacing(8)
        controls.addLayout(actions)
        controls.addWidget(self.status_label)
        controls.addWidget(self.error_label)
        controls.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview_label, 0, Qt.AlignmentFlag.AlignTop)
        layout.addSpacing(12)
        layout.addLayout(controls, 1)

    def _connect(self) -> None:
        self.size_spin.installEventFilter(self)  # Ctrl+C in the box copies the SVG
        for preset, button in self.preset_buttons.items():
            button.clicked.connect(lambda _=False, n=preset: self.size_spin.setValue(n))

    def retranslate_ui(self) -> None:
        self.colour_label.setText(self.tr("&Accent colour"))
        self.accent_note.setText(
            self.tr("This illustration has no accent colour that can be changed.")
        )
        self.size_label.setText(self.tr("PNG &size"))
        self.size_spin.setSuffix(self.tr(" px"))
        locale = QLocale()
        locale.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)  # "1024", as in the box
        for preset, button in self.preset_buttons.items():
            button.setText(locale.toString(preset))
            button.setToolTip(self.tr("%1 × %1 pixels").replace("%1", locale.toString(preset)))
        texts = (
            self.tr("Copy SVG"),
            self.tr("Copy PNG"),
            self.tr("Save SVG…"),
            self.tr("Save PNG…"),
        )
        for (action, keys), text in zip(self.keys, texts, strict=True):
            action.setText(text)
            native = keys.toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text} ({isolate(native)})")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A number isn't worth copying; the dialog's Ctrl+C (copy the SVG) must win in the size box.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Copy)
        ):
            return True  # not accepted: the dialog's shortcut runs instead of the line edit's
        return super().eventFilter(watched, event)
