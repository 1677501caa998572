"""Details of the selected illustration: a large preview and its metadata."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from weshape_desktop.core.models import Facets, Illustration, facet_name
from weshape_desktop.ui.catalog.variant_switcher import VariantSwitcher
from weshape_desktop.ui.grid import (
    LargePreview,
    joined_tags,
)
from weshape_desktop.ui.i18n import (
    data_size,
    default_language,
    in_reading_direction,
    locale_for,
    plain_text,
)
from weshape_desktop.ui.previews import PreviewService


def title_font(base: QFont) -> QFont:
    """The detail panels' title: larger and bold."""
    font = QFont(base)
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    return font


def scrolling(content: QWidget, parent: QWidget) -> QScrollArea:
    """`content` in a frameless area that scrolls down (never sideways) when the window is too
    short for it, so no control is pushed out of the window or laid over another."""
    scroll = QScrollArea(parent)
    scroll.setWidget(content)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    # Not a Tab stop of its own: Tab goes to the panel's controls, and the area scrolls to them.
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return scroll


class DetailPanel(QWidget):
    """Shows one `Illustration` (or an empty state) and follows the PreviewService."""

    def __init__(
        self,
        previews: PreviewService,
        lang: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._previews = previews
        self._lang = lang or default_language()
        self._item: Illustration | None = None
        self._facets: Facets | None = None

        self.empty_label = QLabel(self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)

        self.preview_label = LargePreview(previews, self)
        self.title_label = QLabel(self)
        self.title_label.setWordWrap(True)
        self.title_label.setFont(title_font(self.title_label.font()))
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.variant_switcher = VariantSwitcher(self)

        self._field_names: dict[str, QLabel] = {}
        self._field_values: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for key in ("tags", "category", "style", "dimensions", "size", "license"):
            name, value = QLabel(self), QLabel(self)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(name, value)
            self._field_names[key], self._field_values[key] = name, value

        content = QWidget(self)
        content_layout = QVBoxLayout(content)
        content_layout.addWidget(self.preview_label)
        content_layout.addWidget(self.title_label)
        content_layout.addWidget(self.variant_switcher)
        content_layout.addLayout(form)
        content_layout.addStretch(1)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(scrolling(content, self))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.retranslate_ui()

    # -- public API --------------------------------------------------------------------------

    def show_item(self, item: Illustration | None) -> None:
        self._item = item
        self.preview_label.set_source(
            item.sha256 if item else None, dark=item is not None and item.style.startswith("dark")
        )
        self.preview_label.request()
        self._update_texts()

    def item(self) -> Illustration | None:
        return self._item

    def set_facets(self, facets: Facets) -> None:
        """Category and style names (from the catalog view's facets_loaded)."""
        self._facets = facets
        self._update_texts()

    def set_language(self, lang: str) -> None:
        self._lang = lang
        self._update_texts()

    def field_text(self, key: str) -> str:
        """The shown value of a field: tags, category, style, dimensions, size, license."""
        return plain_text(self._field_values[key].text())

    def preview_cache_key(self) -> int:
        return self.preview_label.cache_key()

    # -- translating and filling -------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.empty_label.setText(self.tr("Select an illustration to see its details."))
        names = {
            "tags": self.tr("Tags:"),
            "category": self.tr("Category:"),
            "style": self.tr("Style:"),
            "dimensions": self.tr("Dimensions:"),
            "size": self.tr("File size:"),
            "license": self.tr("Licence:"),
        }
        for key, text in names.items():
            self._field_names[key].setText(text)
        self._update_texts()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _update_texts(self) -> None:
        item = self._item
        self.stack.setCurrentIndex(0 if item is None else 1)
        if item is None:
            return
        locale = locale_for(self._lang)
        self.title_label.setText(item.title_in(self._lang))
        styles = self._facets.styles if self._facets else ()
        self.variant_switcher.show_item(item, lambda style: facet_name(styles, style, self._lang))
        values = {
            "tags": joined_tags(item, self._lang),
            "category": facet_name(
                self._facets.categories if self._facets else (), item.category, self._lang
            ),
            "style": facet_name(styles, item.style, self._lang),
            "dimensions": self.tr("%1 × %2 px")
            .replace("%1", locale.toString(item.width))
            .replace("%2", locale.toString(item.height)),
            "size": data_size(item.bytes, locale),
            "license": item.license,
        }
        for key, text in values.items():
            self._field_values[key].setText(in_reading_direction(text, locale))
            # Hide rows with nothing to say (e.g. an item without tags).
            self._field_names[key].setVisible(bool(text))
            self._field_values[key].setVisible(bool(text))
