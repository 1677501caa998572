"""Details of the selected illustration: a large preview and its metadata."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, QSize, Qt
from PySide6.QtGui import QFont, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from weshape_desktop.core.models import Facet, Facets, Illustration
from weshape_desktop.ui.catalog_model import (
    PREVIEW_SIZE,
    default_language,
    joined_tags,
    placeholder_pixmap,
)
from weshape_desktop.ui.catalog_view import DARK_BACKDROP
from weshape_desktop.ui.previews import PreviewService

LARGE_PREVIEW_SIZE = 512
MAX_DISPLAY_SIDE = 320  # logical px; the 512 px render keeps it sharp on 2× screens


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
        self._pixmap: QPixmap | None = None  # the best preview we have, before scaling

        self.empty_label = QLabel(self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)

        self.preview_label = QLabel(self)
        self.preview_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_label.setMinimumSize(QSize(PREVIEW_SIZE, PREVIEW_SIZE))
        self.preview_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.title_label = QLabel(self)
        self.title_label.setWordWrap(True)
        font = QFont(self.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

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
        content_layout.addLayout(form)
        content_layout.addStretch(1)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        previews.ready.connect(self._on_preview_ready)
        previews.failed.connect(self._on_preview_failed)
        self.retranslate_ui()

    # -- public API --------------------------------------------------------------------------

    def show_item(self, item: Illustration | None) -> None:
        self._item = item
        self._pixmap = None
        if item is not None:
            large = self._previews.pixmap(item.sha256, LARGE_PREVIEW_SIZE)
            if self._previews.failure_reason(item.sha256, LARGE_PREVIEW_SIZE) is not None:
                self._pixmap = placeholder_pixmap(LARGE_PREVIEW_SIZE, broken=True)
            elif large is None:
                # The grid's preview is usually cached already: show it until the large one lands.
                self._pixmap = self._previews.pixmap(item.sha256, PREVIEW_SIZE)
                self._previews.request(item.sha256, LARGE_PREVIEW_SIZE, -1)  # before grid tiles
            else:
                self._pixmap = large
        dark = item is not None and item.style.startswith("dark")
        self.preview_label.setStyleSheet(
            f"background: {DARK_BACKDROP.name()}; border-radius: 8px;" if dark else ""
        )
        self._update_preview()
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
        return self._field_values[key].text()

    def preview_cache_key(self) -> int:
        pixmap = self.preview_label.pixmap()
        return 0 if pixmap.isNull() else pixmap.cacheKey()

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
        locale = QLocale()
        self.title_label.setText(item.title_in(self._lang))
        values = {
            "tags": joined_tags(item, self._lang),
            "category": self._facet_name(
                self._facets.categories if self._facets else (), item.category
            ),
            "style": self._facet_name(self._facets.styles if self._facets else (), item.style),
            "dimensions": self.tr("%1 × %2 px")
            .replace("%1", locale.toString(item.width))
            .replace("%2", locale.toString(item.height)),
            "size": locale.formattedDataSize(item.bytes),
            "license": item.license,
        }
        for key, text in values.items():
            self._field_values[key].setText(text)
            # Hide rows with nothing to say (e.g. an item without tags).
            self._field_names[key].setVisible(bool(text))
            self._field_values[key].setVisible(bool(text))

    def _facet_name(self, facets: tuple[Facet, ...], facet_id: str) -> str:
        for facet in facets:
            if facet.id == facet_id:
                return facet.name_in(self._lang)
        return facet_id  # not known yet: the id is still better than nothing

    # -- preview -----------------------------------------------------------------------------

    def _on_preview_ready(self, sha256: str, size: int) -> None:
        item = self._item
        if item is None or item.sha256 != sha256:
            return
        if size == LARGE_PREVIEW_SIZE or (size == PREVIEW_SIZE and self._pixmap is None):
            pixmap = self._previews.pixmap(sha256, size)
            if pixmap is not None:
                self._pixmap = pixmap
                self._update_preview()

    def _on_preview_failed(self, sha256: str, size: int, reason: str) -> None:
        del reason
        item = self._item
        if item is not None and item.sha256 == sha256 and size == LARGE_PREVIEW_SIZE:
            self._pixmap = placeholder_pixmap(LARGE_PREVIEW_SIZE, broken=True)
            self._update_preview()

    def _update_preview(self) -> None:
        if self._item is None:
            self.preview_label.clear()
            return
        pixmap = self._pixmap or placeholder_pixmap(LARGE_PREVIEW_SIZE, broken=False)
        side = max(PREVIEW_SIZE, min(MAX_DISPLAY_SIDE, self.preview_label.width()))
        # Scale for the screen: keep the pixmap's real pixels, tell Qt its logical size.
        ratio = self.devicePixelRatioF()
        target = QSize(int(side * ratio), int(side * ratio))
        scaled = pixmap.scaled(
            target, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        scaled.setDevicePixelRatio(ratio)
        self.preview_label.setPixmap(scaled)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._item is not None:
            self._update_preview()
