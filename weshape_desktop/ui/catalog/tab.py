"""The Catalog tab: the grid beside the selected illustration's details and download buttons."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from weshape_desktop.core.catalog import CatalogDiskCache
from weshape_desktop.core.models import Illustration
from weshape_desktop.ui.catalog.detail_panel import DetailPanel
from weshape_desktop.ui.catalog.download_buttons import DownloadButtons
from weshape_desktop.ui.catalog.view import CatalogView
from weshape_desktop.ui.previews import PreviewService
from weshape_desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from weshape_desktop.core.library import LibraryReader


class CatalogTab(QSplitter):
    def __init__(
        self,
        tasks: TaskRunner,
        previews: PreviewService,
        lang: str,
        parent: QWidget,
        *,
        cache: CatalogDiskCache | None = None,
    ) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.view = CatalogView(None, tasks, previews, lang, self, cache=cache)
        side = QWidget(self)
        self.detail = DetailPanel(previews, lang, side)
        self.download_buttons = DownloadButtons(side)
        layout = QVBoxLayout(side)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.detail, 1)
        layout.addWidget(self.download_buttons)
        self.addWidget(self.view)
        self.addWidget(side)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 1)
        self.view.current_changed.connect(self.detail.show_item)
        self.view.current_changed.connect(self._show_downloads)
        self.view.model.owned_changed.connect(lambda: self._show_downloads(None))
        self.view.facets_loaded.connect(self.detail.set_facets)
        self.detail.variant_switcher.variant_chosen.connect(self.view.choose_variant)

    def set_library(self, library: LibraryReader | None) -> None:
        """Mark what `library` holds on the tiles and the download buttons."""
        self.view.model.set_library(library)

    def refresh_owned(self) -> None:
        """The library changed (a download finished, an edit): update the marks."""
        self.view.model.refresh_owned()

    def _show_downloads(self, item: Illustration | None) -> None:
        current = self.view.current_item()  # None while the grid changes (`item` is current)
        item = item or (current if isinstance(current, Illustration) else None)
        owned = self.view.model.owned_formats(item.id) if item is not None else ()
        self.download_buttons.show_item(item, owned)

    def set_language(self, lang: str) -> None:
        self.view.set_language(lang)
        self.detail.set_language(lang)
