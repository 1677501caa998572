"""The large, sharp preview shown by the catalog's and the library's detail panels and by the
grids' quick look."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from weshape_desktop.ui.grid.swatches import DARK_BACKDROP
from weshape_desktop.ui.grid.tile_content import PREVIEW_SIZE, RENDER_SIZES, placeholder_pixmap
from weshape_desktop.ui.previews import PreviewService

LARGE_PREVIEW_SIZE = 512
MAX_DISPLAY_SIDE = 320  # logical px; the 512 px render keeps it sharp on 2× screens


class LargePreview(QLabel):
    """One illustration's preview at LARGE_PREVIEW_SIZE, following the PreviewService.

    `set_source()` shows the best cached picture at once (the grid's smaller preview while the
    large one renders); `request()` asks for the large render, optionally from another URL (a
    library file).
    """

    def __init__(
        self,
        previews: PreviewService,
        parent: QWidget | None = None,
        *,
        max_side: int = MAX_DISPLAY_SIDE,
    ) -> None:
        super().__init__(parent)
        self._previews = previews
        self._max_side = max_side
        self._sha256: str | None = None
        self._pixmap: QPixmap | None = None  # the best preview we have, before scaling
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(QSize(PREVIEW_SIZE, PREVIEW_SIZE))
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        previews.ready.connect(self._on_ready)
        previews.failed.connect(self._on_failed)

    def set_source(self, sha256: str | None, *, dark: bool = False) -> None:
        """Show the preview of `sha256` (None: nothing) from the caches, without rendering."""
        self._sha256 = sha256
        self._pixmap = None
        if sha256 is not None:
            if self._previews.failure_reason(sha256, LARGE_PREVIEW_SIZE) is not None:
                self._pixmap = placeholder_pixmap(LARGE_PREVIEW_SIZE, broken=True)
            else:
                # The grid's preview is usually cached already: show it until the large one lands.
                sizes = (LARGE_PREVIEW_SIZE, *reversed(RENDER_SIZES))
                cached = (self._previews.pixmap(sha256, size) for size in sizes)
                self._pixmap = next((pixmap for pixmap in cached if pixmap is not None), None)
        self.setStyleSheet(
            f"background: {DARK_BACKDROP.name()}; border-radius: 8px;" if dark else ""
        )
        self._update()

    def request(self, url: str | None = None) -> None:
        """Render the large preview unless it is cached; `url` overrides the server's."""
        sha256 = self._sha256
        if sha256 is not None and self._previews.pixmap(sha256, LARGE_PREVIEW_SIZE) is None:
            self._previews.request(sha256, LARGE_PREVIEW_SIZE, -1, url=url)  # before grid tiles

    def sha256(self) -> str | None:
        return self._sha256

    def is_final(self) -> bool:
        """True once the large preview (or its failure placeholder) is shown."""
        sha256 = self._sha256
        return sha256 is None or (
            self._previews.pixmap(sha256, LARGE_PREVIEW_SIZE) is not None
            or self._previews.failure_reason(sha256, LARGE_PREVIEW_SIZE) is not None
        )

    def cache_key(self) -> int:
        """The shown pixmap's cacheKey (0 when empty), for tests."""
        pixmap = self.pixmap()
        return 0 if pixmap.isNull() else pixmap.cacheKey()

    def _on_ready(self, sha256: str, size: int) -> None:
        if sha256 != self._sha256:
            return
        if size == LARGE_PREVIEW_SIZE or (size in RENDER_SIZES and self._pixmap is None):
            pixmap = self._previews.pixmap(sha256, size)
            if pixmap is not None:
                self._pixmap = pixmap
                self._update()

    def _on_failed(self, sha256: str, size: int, reason: str) -> None:
        del reason
        if sha256 == self._sha256 and size == LARGE_PREVIEW_SIZE:
            self._pixmap = placeholder_pixmap(LARGE_PREVIEW_SIZE, broken=True)
            self._update()

    def _update(self) -> None:
        if self._sha256 is None:
            self.clear()
            return
        pixmap = self._pixmap or placeholder_pixmap(LARGE_PREVIEW_SIZE, broken=False)
        side = max(PREVIEW_SIZE, min(self._max_side, self.width()))
        # Scale for the screen: keep the pixmap's real pixels, tell Qt its logical size.
        ratio = self.devicePixelRatioF()
        target = QSize(int(side * ratio), int(side * ratio))
        scaled = pixmap.scaled(
            target, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        scaled.setDevicePixelRatio(ratio)
        self.setPixmap(scaled)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._sha256 is not None:
            self._update()
