"""Dragging catalog tiles into another app (a file manager, a design tool): the drag carries the
library's files, so tiles not in the library yet are downloaded first (issue 17).

`QDrag.exec` runs a nested event loop until the drop, so nothing can wait for a download inside
it. Tiles all in the library start the drag at once. Otherwise the press-and-drag asks the
download queue for the missing ones (it works in its own threads), a note over the grid says so,
and the drag begins by itself when the last one is in if the button is still held (X11 lets a
drag start then). Escape, a failed or a cancelled download ends the wait with a note.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QDrag, QGuiApplication, QPalette, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QWidget

from weshape_desktop.core.downloads import DownloadState, download_key
from weshape_desktop.core.models import Illustration
from weshape_desktop.ui.catalog.catalog_grid import CatalogGrid
from weshape_desktop.ui.downloads import failure_text
from weshape_desktop.ui.i18n import default_language

if TYPE_CHECKING:
    from weshape_desktop.core.library import LibraryEntry, LibraryReader
    from weshape_desktop.ui.downloads import DownloadRequests, DownloadsController

NOTE_MS = 6_000  # how long a note about an ended drag stays
NOTE_MAX_WIDTH = 420
DRAG_PIXMAP_SIZE = 96


class DragNote(QLabel):
    """A note at the bottom of the grid: what a drag waits for, or why it ended."""

    def __init__(self, grid: QWidget) -> None:
        super().__init__(grid)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMargin(8)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self._timer = QTimer(self, singleShot=True, interval=NOTE_MS)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def say(self, text: str, *, lasting: bool = False) -> None:
        """Show `text`; it hides after a while unless `lasting` (until the next `say`/`hide`)."""
        self.setText(text)
        grid = self.parentWidget()
        self.setFixedWidth(max(1, min(NOTE_MAX_WIDTH, grid.width() - 32)))
        self.adjustSize()
        self.move((grid.width() - self.width()) // 2, grid.height() - self.height() - 16)
        self.show()
        self.raise_()
        if lasting:
            self._timer.stop()
        else:
            self._timer.start()


class DragOut(QObject):
    """Starts drags of catalog tiles once their files are in the library (see the module).

    `started(QMimeData)`: a drag begins with this data (valid until the drag ends)."""

    started = Signal(QMimeData)

    def __init__(self, grid: CatalogGrid) -> None:
        super().__init__(grid)
        self._grid = grid
        self.note = DragNote(grid)
        self._library: LibraryReader | None = None
        self._library_dir: Path | None = None
        self._downloads: DownloadsController | None = None
        self._requests: DownloadRequests | None = None
        self._items: list[Illustration] = []  # what the waiting drag will carry
        self._pending: set[str] = set()  # download keys it waits for
        grid.drag_requested.connect(self.start)
        grid.cancel_requested.connect(self.cancel)

    def use(
        self, library_dir: Path, downloads: DownloadsController, requests: DownloadRequests
    ) -> None:
        """Where the files are, and how to get the missing ones (sign-in included)."""
        self._library_dir, self._downloads, self._requests = library_dir, downloads, requests
        downloads.finished.connect(self._on_finished)
        downloads.failed.connect(self._on_failed)
        downloads.changed.connect(self._on_changed)

    def set_library(self, library: LibraryReader | None) -> None:
        self._library = library

    def is_waiting(self) -> bool:
        return bool(self._pending)

    def start(self, items: list[Illustration]) -> None:
        """Drag `items` out, downloading those the library lacks first."""
        requests, downloads = self._requests, self._downloads
        if self._pending or not items:
            return
        if self._library is None or requests is None:
            self.note.say(self.tr("The library isn't open yet. Try again in a moment."))
            return
        local = self._local_entries(items)
        missing = [item for item in items if item.id not in local]
        if not missing:
            self._drag([local[item.id] for item in items])
            return
        if downloads is None or not downloads.is_running():
            self.note.say(self.tr("Nothing to drop yet: downloads start once a server is set."))
            return
        for item in missing:
            requests.request(item, "svg")
        if requests.waiting():  # the sign-in dialog is up; the downloads follow a sign-in
            self.note.say(self.tr("Sign in to download these illustrations, then drag them again."))
            return
        self._items = items
        self._pending = {download_key(item.id, "svg") for item in missing}
        self._grid.hold_pointer = True
        self._say_waiting()

    def cancel(self) -> None:
        """Stop waiting (Escape): the downloads asked for this drag stop too."""
        if not self._pending:
            return
        if self._downloads is not None:
            for key in self._pending:
                self._downloads.cancel(key)
        self._end(self.tr("The drag was cancelled."))

    # -- the downloads it waits for ---------------------------------------------------------

    def _say_waiting(self) -> None:
        text = self.tr(
            "Downloading %Ln illustration(s) to drop… (Escape cancels)", "", len(self._pending)
        )
        self.note.say(text, lasting=True)

    def _on_finished(self, state: DownloadState) -> None:
        if state.key not in self._pending:
            return
        self._pending.discard(state.key)
        if self._pending:
            self._say_waiting()
            return
        items = self._items
        self._end("")
        local = self._local_entries(items)
        entries = [local[item.id] for item in items if item.id in local]
        if entries and QGuiApplication.mouseButtons() & Qt.MouseButton.LeftButton:
            self._drag(entries)
        else:
            self.note.say(self.tr("Downloaded to your library. Drag again to drop."))

    def _on_failed(self, state: DownloadState) -> None:
        if state.key in self._pending:
            text = self.tr("Nothing was dropped: “%1” could not be downloaded. %2")
            self._end(
                text.replace("%1", state.item.title_in(default_language())).replace(
                    "%2", failure_text(state)
                )
            )

    def _on_changed(self, state: DownloadState) -> None:
        if state.key in self._pending and state.state == "cancelled":
            self._end(self.tr("Nothing was dropped: a download for it was cancelled."))

    def _end(self, message: str) -> None:
        self._pending.clear()
        self._items = []
        self._grid.hold_pointer = False
        if message:
            self.note.say(message)
        else:
            self.note.hide()

    # -- the drag ------------------------------------------------------------------------------

    def _local_entries(self, items: list[Illustration]) -> dict[str, LibraryEntry]:
        """The library entries of `items` that have a file on disk, by item id (none while the
        library is being reopened)."""
        # Imported on the first drag, as the library tab does (it brings the SVG renderer).
        from weshape_desktop.ui.export import local_file

        library, folder = self._library, self._library_dir
        if library is None or folder is None:
            return {}
        entries = library.entries([item.id for item in items])
        return {e.item.id: e for e in entries if local_file(e, folder) is not None}

    def _drag(self, entries: list[LibraryEntry]) -> None:
        from weshape_desktop.ui.export import entries_mime_data

        assert self._library_dir is not None
        drag = QDrag(self._grid)
        drag.setMimeData(entries_mime_data(entries, self._library_dir))
        self.started.emit(drag.mimeData())
        pixmap = self._grid.currentIndex().data(Qt.ItemDataRole.DecorationRole)
        if isinstance(pixmap, QPixmap):
            drag.setPixmap(
                pixmap.scaledToWidth(DRAG_PIXMAP_SIZE, Qt.TransformationMode.SmoothTransformation)
            )
        drag.exec(Qt.DropAction.CopyAction)
