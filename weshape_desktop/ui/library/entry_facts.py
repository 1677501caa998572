"""The facts of a library entry as a form: what it is, how big, when added, where its files are."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDateTime, QDir, QEvent, QLocale, Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from weshape_desktop.core.library import LibraryEntry, LibraryFile
from weshape_desktop.core.models import Facets, facet_name
from weshape_desktop.ui.i18n import data_size, in_reading_direction, plain_text
from weshape_desktop.ui.library.widgets import PathField

FIELDS = ("category", "style", "dimensions", "size", "added", "location", "files", "license")


class EntryFacts(QWidget):
    """Rows with nothing to say (no file here, a single file) are hidden."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.names: dict[str, QLabel] = {}
        self._values: dict[str, QLabel] = {}
        self.location_field = PathField(self)
        for key in FIELDS:
            self.names[key] = name = QLabel(self)
            if key == "location":
                name.setBuddy(self.location_field)  # its name for screen readers
                self.form.addRow(name, self.location_field)
                continue
            value = QLabel(self)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.form.addRow(name, value)
            self._values[key] = value
        self.retranslate_ui()

    def show_entry(
        self,
        entry: LibraryEntry,
        lang: str,
        locale: QLocale,
        facets: Facets | None,
        library_dir: Path,
    ) -> None:
        item = entry.item
        added = QDateTime.fromMSecsSinceEpoch(int(entry.added_at.timestamp() * 1000))
        values = {
            "category": facet_name(facets.categories if facets else (), item.category, lang),
            "style": facet_name(facets.styles if facets else (), item.style, lang),
            "dimensions": self.tr("%1 × %2 px")
            .replace("%1", locale.toString(item.width))
            .replace("%2", locale.toString(item.height)),
            "size": (data_size(sum(f.bytes for f in entry.files), locale) if entry.files else ""),
            "added": locale.toString(added.toLocalTime().date(), QLocale.FormatType.LongFormat),
            "files": (
                "\n".join(self._describe(f, locale) for f in entry.files)
                if len(entry.files) > 1
                else ""
            ),
            "license": item.license,
        }
        for key, text in values.items():
            self._values[key].setText(in_reading_direction(text, locale))
            self.form.setRowVisible(self.names[key], bool(text))
        location = QDir.toNativeSeparators(str(library_dir / entry.path)) if entry.path else ""
        self.location_field.set_path(location)
        self.form.setRowVisible(self.names["location"], bool(location))

    def text(self, key: str) -> str:
        """A shown value (for `location`, the whole path, not the elided one)."""
        if key == "location":
            return self.location_field.path()
        return plain_text(self._values[key].text())

    def _describe(self, file: LibraryFile, locale: QLocale) -> str:
        kind = (
            self.tr("PNG, %1 px").replace("%1", locale.toString(file.png_size))
            if file.format == "png" and file.png_size
            else file.format.upper()
        )
        return f"{kind} — {data_size(file.bytes, locale)}"

    def retranslate_ui(self) -> None:
        names = {
            "category": self.tr("Category:"),
            "style": self.tr("Style:"),
            "dimensions": self.tr("Dimensions:"),
            "size": self.tr("Size on disk:"),
            "added": self.tr("Added:"),
            "location": self.tr("Location:"),
            "files": self.tr("Files:"),
            "license": self.tr("Licence:"),
        }
        for key, text in names.items():
            self.names[key].setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()  # the values are re-set by the panel, which knows the entry
        super().changeEvent(event)
