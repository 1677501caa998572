"""The Catalog tab: the grid beside the selected illustration's details and download buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from weshape_desktop.core.catalog import CatalogDiskCache
from weshape_desktop.ui.catalog.detail_panel import DetailPanel
from weshape_desktop.ui.catalog.download_buttons import DownloadButtons
from weshape_desktop.ui.catalog.view import CatalogView
from weshape_desktop.ui.previews import PreviewService
from weshape_desktop.ui.tasks import TaskRunner


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
        self.view.current_changed.connect(self.download_buttons.show_item)
        self.view.facets_loaded.connect(self.detail.set_facets)

    def set_language(self, lang: str) -> None:
        self.view.set_language(lang)
        self.detail.set_language(lang)
