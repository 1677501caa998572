"""What the catalog's and the library's list models share: tiles with previews.

A `TileModel` is a flat list (a TileGrid shows it as cells) whose rows each show a preview
from the PreviewService, keyed by a sha256. It answers the Qt model calls' guards, requests the
preview of a tile when it is painted (latest painted first), repaints the tiles waiting for a
preview when it comes or fails, and once scrolling stops puts the tiles on screen first. A
subclass keeps only its paging and its data: how many rows, what a loaded row shows, and which
rows show a preview.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QPixmap

from weshape_desktop.ui.grid.tile_content import PREVIEW_SIZE, Tile, TileRole, placeholder_pixmap
from weshape_desktop.ui.i18n import default_language

if TYPE_CHECKING:
    from weshape_desktop.ui.previews import PreviewService

PAGE_SIZE = 60  # rows loaded at a time, by both grids

AnyIndex = QModelIndex | QPersistentModelIndex


class TileModel(QAbstractListModel):
    """A flat list of tiles with previews; subclasses give the rows (see the module's doc)."""

    def __init__(
        self,
        previews: PreviewService,
        lang: str | None,
        parent: QObject | None,
        *,
        page_size: int,
        preview_size: int = PREVIEW_SIZE,
    ) -> None:
        super().__init__(parent)
        self._previews = previews
        self._lang = lang or default_language()
        self._page_size = page_size
        self.preview_size = preview_size  # the size of the DecorationRole pixmaps
        self._flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        self._paint_seq = 0  # preview priority: later paints render sooner
        self._scrolling = False
        previews.ready.connect(self._on_preview)
        previews.failed.connect(self._on_preview_failed)

    # -- what a subclass gives ---------------------------------------------------------------

    def _row_count(self) -> int:
        raise NotImplementedError

    def _row_data(self, row: int, role: int) -> Any:
        """What row `row` (< `_row_count()`) shows in `role`."""
        raise NotImplementedError

    def _tile(self, row: int) -> Tile:
        """Row `row`'s roles the delegate paints (as `_row_data` gives each)."""
        raise NotImplementedError

    def _preview_sha(self, row: int) -> str | None:
        """The cache key of the row's preview; None while the row isn't loaded, or has none."""
        raise NotImplementedError

    def _preview_missing(self, row: int, sha256: str) -> None:
        """A tile is painted before its preview exists (see `_tile_preview`)."""
        raise NotImplementedError

    def _rows_showing(self, sha256: str) -> Iterable[int]:
        """The rows to repaint now that the preview `sha256` is drawn or failed."""
        raise NotImplementedError

    def _failures_look_broken(self) -> bool:
        """A failed preview shows the broken tile (or, if not, the loading one)."""
        return True

    def loading_rows(self, first: int, last: int) -> bool:
        """Whether any of rows first..last still waits to be loaded."""
        del first, last
        return False

    def scrolled(self) -> None:
        """The view scrolls; `settled` follows once it stops.

        Till then tiles flying past show cached previews or placeholders and queue no renders:
        each request and each result cost the GUI thread time mid-fling (half its stalls,
        measured), and the render processes the CPU, for drawings nobody stops to see."""
        self._scrolling = True

    @property
    def previews(self) -> PreviewService:
        return self._previews

    # -- public API --------------------------------------------------------------------------

    def set_language(self, lang: str) -> None:
        self._lang = lang
        self._emit_all_changed([Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole])

    def set_preview_size(self, size: int) -> None:
        """Render tiles' previews at `size` px from now on (the grid's tiles grew or shrank);
        the renders queued at the old size are dropped."""
        old, self.preview_size = self.preview_size, size
        if size != old:
            self._previews.cancel_pending(size=old)
            self._emit_all_changed([Qt.ItemDataRole.DecorationRole])

    def preview_source(self, row: int) -> tuple[str | None, str | None]:
        """The sha256 and URL (None: the server's) of the row's large preview (quick look)."""
        return self._preview_sha(row), None

    def preview_settled(self, row: int) -> bool:
        """The row's preview is drawn or known to be broken, or the row has none (nothing more
        to wait for)."""
        if self.loading_rows(row, row):
            return False
        sha = self._preview_sha(row)
        return sha is None or (
            self._previews.pixmap(sha, self.preview_size) is not None
            or self._previews.failure_reason(sha, self.preview_size) is not None
        )

    def preview_keys(self, first: int, last: int) -> list[tuple[str, int]]:
        """(sha256, size) of the loaded rows first..last, for PreviewService.cancel_pending."""
        rows = range(max(first, 0), min(last, self._row_count() - 1) + 1)
        shas = (self._preview_sha(row) for row in rows)
        return [(sha, self.preview_size) for sha in shas if sha is not None]

    def settled(self, first: int, last: int) -> None:
        """Scrolling stopped on rows first..last: render their previews first, and drop the
        queued renders of rows that only flew past (painting them again asks again)."""
        self._scrolling = False
        for row in range(min(last, self._row_count() - 1), max(first, 0) - 1, -1):
            # bottom first: the last asked renders first, so the top row comes first
            sha = self._preview_sha(row)
            if sha is not None and not self.preview_settled(row):
                self._preview_missing(row, sha)
        keep = self.preview_keys(first, last)
        if keep:
            self._previews.cancel_pending(keep, size=self.preview_size)

    # -- QAbstractListModel ------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else self._row_count()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid() or index.row() >= self._row_count():
            return None
        if role == TileRole:
            return self._tile(index.row())
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return self._description(index.row())
        return self._row_data(index.row(), role)

    def _description(self, row: int) -> str:
        """What the tooltip adds to the title (tags, formats held): a screen reader says it
        after the tile's name, which is its title (DisplayRole)."""
        lines = str(self._row_data(row, Qt.ItemDataRole.ToolTipRole) or "").split("\n")
        title = self._row_data(row, Qt.ItemDataRole.DisplayRole)
        return "\n".join(lines[1:] if lines[0] == title else lines)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return self._flags if index.isValid() else Qt.ItemFlag.NoItemFlags

    # -- previews ----------------------------------------------------------------------------

    def _tile_preview(self, row: int, sha256: str) -> QPixmap:
        """The row's DecorationRole: its preview, or a placeholder until it comes."""
        pixmap = self._previews.pixmap(sha256, self.preview_size)
        if pixmap is not None:
            return pixmap
        if self._previews.failure_reason(sha256, self.preview_size) is not None:
            return placeholder_pixmap(self.preview_size, broken=self._failures_look_broken())
        if not self._scrolling:
            self._preview_missing(row, sha256)
        return placeholder_pixmap(self.preview_size, broken=False)

    def _request_preview(self, sha256: str, url: str | None = None) -> None:
        # Only rows being painted (or on screen once scrolling stops) ask: the latest asked go
        # first (asking again for a queued preview only moves it up), ahead of rows that
        # scrolled past during a fling.
        self._paint_seq += 1
        self._previews.request(sha256, self.preview_size, -self._paint_seq, url=url)

    def _on_preview_failed(self, sha256: str, size: int, reason: str) -> None:
        del reason  # PreviewService logs it; the tile only needs to look broken
        self._on_preview(sha256, size)

    def _on_preview(self, sha256: str, size: int) -> None:
        if size != self.preview_size:
            return
        for row in self._rows_showing(sha256):
            index = self.index(row)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def _emit_all_changed(self, roles: list[int]) -> None:
        count = self._row_count()
        if count:
            self.dataChanged.emit(self.index(0), self.index(count - 1), roles)
