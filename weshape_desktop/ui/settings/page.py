"""What every section of the preferences shares: the settings being edited, and a form that
names its fields for screen readers and retranslates itself."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from weshape_desktop.core.config import Settings


class SettingsEditor(QObject):
    """The settings the preferences opened with; `changed(dict)` carries each change as
    `{field: value}` (the window applies it to its own, current settings, and saves them)."""

    changed = Signal(dict)

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings

    def update(self, **changes: Any) -> None:
        self.settings = replace(self.settings, **changes)
        self.changed.emit(changes)


class SettingsPage(QWidget):
    """A section: a form of labelled rows. Subclasses build their rows, then call
    `retranslate_ui()`; `title()` names the section in the list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

    def add_row(self, field: QWidget) -> QLabel:
        """A row whose label (set with `name_row`) also names `field` for screen readers."""
        label = QLabel(self)
        label.setBuddy(field)
        self.form.addRow(label, field)
        return label

    @staticmethod
    def name_row(label: QLabel, text: str) -> None:
        label.setText(text)
        buddy = label.buddy()
        if buddy is not None:
            buddy.setAccessibleName(text.replace("&", "").rstrip(":"))

    def title(self) -> str:
        raise NotImplementedError

    def retranslate_ui(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
