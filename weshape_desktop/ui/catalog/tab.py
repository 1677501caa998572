"""The Catalog tab: the grid beside the selected illustration's details and download buttons."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from weshape_desktop.core.catalog import CatalogDiskCache
from weshape_desktop.core.models import Illustration
from weshape_desktop.ui.catalog.detail_panel import DetailPanel
from weshape_desktop.ui.catalog.download_buttons import DownloadButtons
from weshape_desktop.ui.catalog.drag_out import DragOut
from weshape_desktop.ui.catalog.selection_panel import SelectionPanel
from weshape_desktop.ui.catalog.view import CatalogView
from weshape_desktop.ui.previews import PreviewService
from weshape_desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from weshape_desktop.core.library import LibraryReader

SIDE_MARGIN = 9  # px between the side panel and the window's edge


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
        self.selection = SelectionPanel(side)  # instead of the two above for several items
        self.selection.hide()
        self.drag_out = DragOut(self.view.grid)
        layout = QVBoxLayout(side)
        # Room at the window's edge for the PNG button's menu arrow; on both sides, as layouts
        # don't mirror their margins and in Arabic the edge is on the left.
        layout.setContentsMargins(SIDE_MARGIN, 0, SIDE_MARGIN, SIDE_MARGIN)
        layout.addWidget(self.detail, 1)
        layout.addWidget(self.download_buttons)
        layout.addWidget(self.selection, 1)
        self.addWidget(self.view)
        self.addWidget(side)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 1)
        self.setCollapsible(1, False)  # the download buttons stay whole and in sight
        self.view.current_changed.connect(self.detail.show_item)
        self.view.current_changed.connect(self._show_downloads)
        self.view.model.owned_changed.connect(lambda: self._show_downloads(None))
        self.view.selection_changed.connect(self._show_selection)
        self.view.model.owned_changed.connect(self._show_selection)
        self.view.facets_loaded.connect(self.detail.set_facets)
        self.view.grid.opened.connect(lambda _row: self.open_details())
        self.detail.variant_switcher.variant_chosen.connect(self.view.choose_variant)

    def open_details(self) -> None:
        """Enter or a double-click on a tile: the keyboard moves to its download button."""
        self.download_buttons.svg_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_library(self, library: LibraryReader | None) -> None:
        """Mark what `library` holds on the tiles and the download buttons."""
        self.view.model.set_library(library)
        self.drag_out.set_library(library)

    def refresh_owned(self) -> None:
        """The library changed (a download finished, an edit): update the marks."""
        self.view.model.refresh_owned()

    def _show_downloads(self, item: Illustration | None) -> None:
        current = self.view.current_item()  # None while the grid changes (`item` is current)
        item = item or (current if isinstance(current, Illustration) else None)
        owned = self.view.model.owned_formats(item.id) if item is not None else ()
        self.download_buttons.show_item(item, owned)

    def _show_selection(self) -> None:
        items = self.view.selected_items()
        several = len(items) > 1
        if several and self.selection.isHidden():
            self.selection.buttons.set_png_size(self.download_buttons.png_size)
        self.detail.setVisible(not several)
        self.download_buttons.setVisible(not several)
        self.selection.setVisible(several)
        if several:
            owned = self.view.model.owned_formats
            self.selection.show_items(items, [item for item in items if not owned(item.id)])

    def set_language(self, lang: str) -> None:
        self.view.set_language(lang)
        self.detail.set_language(lang)
