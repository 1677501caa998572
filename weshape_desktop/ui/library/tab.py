"""The Library tab: the library grid beside the entry's details, and what opening it found.

It connects the panel's requests to the export dialog, the clipboard and the file manager, and
offers the fixes for what `LibrarySession` found: files gone from the folder (download again),
files the library doesn't know (import them), a damaged database (rebuilt, and the user told).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QMessageBox, QSplitter, QVBoxLayout, QWidget

from weshape_desktop.core.errors import BadResponseError
from weshape_desktop.core.library import LibraryEntry, LibraryStore, entry_paths, read_entry_svg
from weshape_desktop.core.models import Facets
from weshape_desktop.ui.banner import Banner
from weshape_desktop.ui.library.session import LibraryCheck, LibrarySession
from weshape_desktop.ui.library.view import LibraryView
from weshape_desktop.ui.previews import PreviewService
from weshape_desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:  # loaded when first asked for (~20 ms that opening the library doesn't need)
    from PySide6.QtCore import QMimeData

    from weshape_desktop.ui.export import ExportDialog
    from weshape_desktop.ui.library.detail import LibraryDetailPanel

FACETS_PREF = "catalog_facets"  # a local preference, never synced

DETAIL_MIN_WIDTH = 320  # the panel's fields and buttons fit without clipping


class LibraryTab(QWidget):
    """`download_requested(item, fmt, png_size)` re-downloads files that went missing;
    `message(str)` is a short confirmation for the status bar; `edited()` an edit made here was
    written (sync sends it)."""

    download_requested = Signal(object, str, int)
    message = Signal(str)
    edited = Signal()
    exported = Signal(str)  # format ("svg" | "png") saved or copied from the export dialog

    def __init__(
        self,
        tasks: TaskRunner,
        previews: PreviewService,
        library_dir: Path,
        lang: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.previews = previews
        self.library_dir = library_dir
        self.lang = lang
        self._store: LibraryStore | None = None
        self._facets: Facets | None = None
        self._missing: tuple[str, ...] = ()
        self._unknown = 0

        self.view = LibraryView(tasks, previews, library_dir, lang, self, self._mime_data)
        # The details panel is built when an entry is first shown (`detail`): with its editors
        # and their imports it would delay the first painted grid by ~15 ms. Until then this
        # hint says what its empty state says.
        self._detail: LibraryDetailPanel | None = None
        self._detail_area = QWidget(self)
        self._detail_hint = QLabel(self._detail_area)
        self._detail_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._detail_hint.setWordWrap(True)
        detail_layout = QVBoxLayout(self._detail_area)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self._detail_hint)
        self.missing_banner = Banner(self, lambda: self.tr("Download again"))
        self.missing_banner.retry_clicked.connect(self._download_missing)
        self.unknown_banner = Banner(self, lambda: self.tr("Import them"))
        self.unknown_banner.retry_clicked.connect(self._import_unknown)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self._detail_area)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self._detail_area.setMinimumWidth(DETAIL_MIN_WIDTH)
        self.splitter.setSizes([3 * DETAIL_MIN_WIDTH, DETAIL_MIN_WIDTH])  # until the user drags
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.missing_banner)
        layout.addWidget(self.unknown_banner)
        layout.addWidget(self.splitter, 1)

        self.view.current_changed.connect(self._show_entry)
        self.view.grid.opened.connect(lambda _row: self.open_details())
        self.view.entries_changed.connect(self.edited)
        self._select_when_listed: str | None = None  # "Show in library" once the query is in
        self.view.model.query_finished.connect(self._on_query_finished)
        self._retranslate_hint()

    # -- the details panel -------------------------------------------------------------------------

    @property
    def detail(self) -> LibraryDetailPanel:
        """The current entry's details (built on first use)."""
        if self._detail is None:
            self._detail = self._build_detail()
        return self._detail

    def _build_detail(self) -> LibraryDetailPanel:
        from weshape_desktop.ui.library.detail import LibraryDetailPanel

        panel = LibraryDetailPanel(
            self.tasks, self.previews, self.library_dir, self.lang, self._detail_area
        )
        panel.set_store(self._store)
        if self._facets is not None:
            panel.set_facets(self._facets)
        panel.entry_changed.connect(lambda _id: self.view.refresh())
        panel.entry_changed.connect(lambda _id: self.edited.emit())
        panel.export_requested.connect(self.export)
        panel.copy_svg_requested.connect(self.copy_svg)
        panel.show_in_folder_requested.connect(self.show_in_folder)
        panel.redownload_requested.connect(self._redownload)
        panel.svg_download_requested.connect(
            lambda entry: self.download_requested.emit(entry.item, "svg", 0)
        )
        panel.remove_requested.connect(lambda _entry: self.view.entry_actions.ask_remove())
        self._detail_hint.hide()
        self._detail_area.layout().addWidget(panel)
        panel.show()  # now, not on the layout's next pass: no frame without either
        return panel

    def open_details(self) -> None:
        """Enter or a double-click on a tile: the keyboard moves to its Export / recolour."""
        self.detail.export_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_entry(self, entry: LibraryEntry | None) -> None:
        if entry is not None or self._detail is not None:
            self.detail.show_entry(entry)

    def _retranslate_hint(self) -> None:
        # The panel's own empty-state sentence, so it reads the same before and after.
        self._detail_hint.setText(
            QCoreApplication.translate(
                "LibraryDetailPanel", "Select an illustration to see its details."
            )
        )

    # -- the store -------------------------------------------------------------------------------

    def use_session(self, session: LibrarySession) -> None:
        """Show the library `session` opens, and what its checks find."""
        session.opened.connect(self.set_store)
        session.checked.connect(self.set_check)
        session.reopening.connect(self.set_reopening)
        session.failed.connect(self.set_unavailable)
        session.damaged.connect(self.show_damaged)
        # The checks start once the grid's first query has answered, not during it.
        self.view.model.query_finished.connect(session.run_checks)
        self.view.model.query_failed.connect(lambda _message: session.run_checks())

    def set_store(self, store: LibraryStore) -> None:
        """The library opened: browse it (its checks are still running)."""
        self._store = store
        self.view.set_store(store)
        if self._detail is not None:
            self._detail.set_store(store)
        if self._facets is None:  # names seen in an earlier run, until the catalog answers
            self.tasks.run(lambda: saved_facets(store), on_done=self._on_saved_facets)
        else:
            self._save_facets(self._facets)

    def _on_saved_facets(self, saved: Facets | None) -> None:
        if self._facets is None and saved is not None:
            self._show_facets(saved)

    def set_check(self, check: LibraryCheck) -> None:
        """Report what the checks after opening found."""
        self._missing, self._unknown = check.missing, len(check.unknown)
        self._show_notices()
        if check.recovered_from is not None:
            self._warn(
                self.tr("Library repaired"),
                self.tr(
                    "The library database was damaged. It was moved to %1 and a new one was "
                    "built from the files in the library folder: %Ln illustration(s) recovered.",
                    "",
                    check.reimported,
                ).replace("%1", str(check.recovered_from)),
            )

    def set_reopening(self) -> None:
        """The database turned out damaged: let go of it while it is rebuilt."""
        self._store = None
        self.view.show_opening()
        if self._detail is not None:
            self._detail.set_store(None)

    def show_damaged(self) -> None:
        """The full check (after opening) found damage: the rebuild waits for the next start."""
        self._warn(
            self.tr("Library damaged"),
            self.tr(
                "The library database is damaged. Your library keeps working for now; it will be "
                "rebuilt from the files in the library folder the next time weShape Desktop "
                "starts. Restart it when you can."
            ),
        )

    def _warn(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def set_unavailable(self, reason: str) -> None:
        self._store = None
        self.view.set_store(None, reason)
        if self._detail is not None:
            self._detail.set_store(None)

    def refresh(self) -> None:
        self.view.refresh()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.view.set_language(lang)
        if self._detail is not None:
            self._detail.set_language(lang)

    def set_facets(self, facets: Facets) -> None:
        """The catalog's category and style names: shown, and kept in the library so they are
        there offline, before the catalog has answered."""
        if facets != self._facets:
            self._save_facets(facets)
        self._show_facets(facets)

    def _show_facets(self, facets: Facets) -> None:
        self._facets = facets
        self.view.set_facets(facets)
        if self._detail is not None:
            self._detail.set_facets(facets)

    def _save_facets(self, facets: Facets) -> None:
        store = self._store
        if store is not None:
            self.tasks.run(lambda: store.set_pref(FACETS_PREF, facets.to_json()))

    def is_ready(self) -> bool:
        """The grid and the first entry's details are painted (for --screenshot)."""
        if not self.view.is_ready():
            return False
        if self.view.current_entry() is None and self.view.model.rowCount() > 0:
            self.view.grid.select_row(0)
            return False
        return self.view.current_entry() is None or self.detail.is_ready()

    def show_item(self, item_id: str) -> None:
        """Select `item_id` ("Show in library" of a download). When the search or a filter
        hides it (or it isn't listed yet), the whole library is shown first."""
        row = self.view.model.row_of(item_id)
        if row >= 0:
            self.view.grid.select_row(row)
            return
        self._select_when_listed = item_id
        if self.view.is_filtered():
            self.view.clear_search()
        else:
            self.view.refresh()

    def _on_query_finished(self) -> None:
        item_id, self._select_when_listed = self._select_when_listed, None
        if item_id is not None and (row := self.view.model.row_of(item_id)) >= 0:
            self.view.grid.select_row(row)

    def flush(self) -> None:
        """Before closing: typed notes reach the database."""
        if self._detail is not None:
            self._detail.flush()

    # -- requests from the panel -------------------------------------------------------------------

    def export(self, entry: LibraryEntry) -> ExportDialog:
        from weshape_desktop.ui.export import ExportDialog

        dialog = ExportDialog(entry, self.library_dir, self.lang, self, tasks=self.tasks)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exported.connect(lambda fmt, _path: self.exported.emit(fmt))
        dialog.copied.connect(self.exported)
        dialog.open()
        return dialog

    def _mime_data(self, entries: Sequence[LibraryEntry]) -> QMimeData:
        # Imported on the first drag or copy, like the export dialog.
        from weshape_desktop.ui.export import entries_mime_data

        return entries_mime_data(entries, self.library_dir)

    def copy_svg(self, entry: LibraryEntry) -> None:
        from weshape_desktop.ui.export import copy_svg_to_clipboard

        def copied(svg: bytes) -> None:
            copy_svg_to_clipboard(svg)
            self.message.emit(self.tr("SVG copied: paste it into your design tool."))

        self.tasks.run(lambda: read_entry_svg(entry, self.library_dir, self.lang), on_done=copied)

    def show_in_folder(self, entry: LibraryEntry) -> None:
        paths = [path for path in entry_paths(entry, self.library_dir) if path.exists()]
        folder = paths[0].parent if paths else self.library_dir
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _redownload(self, entry: LibraryEntry) -> None:
        fmt = entry.format or "svg"
        self.download_requested.emit(entry.item, fmt, entry.png_size or 0)

    # -- integrity -----------------------------------------------------------------------------

    def _show_notices(self) -> None:
        if self._missing:
            self.missing_banner.show_message(
                self.tr(
                    "%Ln illustration(s) in your library are missing from the library folder.",
                    "",
                    len(self._missing),
                )
            )
        else:
            self.missing_banner.hide()
        if self._unknown:
            self.unknown_banner.show_message(
                self.tr(
                    "%Ln file(s) in the library folder are not in your library yet.",
                    "",
                    self._unknown,
                )
            )
        else:
            self.unknown_banner.hide()

    def _download_missing(self) -> None:
        store, ids = self._store, self._missing
        if store is None:
            return
        self.missing_banner.set_busy(True)

        def queue(entries: list[LibraryEntry]) -> None:
            self._missing = ()
            self._show_notices()
            for entry in entries:
                self._redownload(entry)

        # The store is a reader too; this runs off the GUI thread like every other store call.
        self.tasks.run(lambda: store.entries(list(ids)), on_done=queue)

    def _import_unknown(self) -> None:
        store = self._store
        if store is None:
            return
        self.unknown_banner.set_busy(True)

        def done(found: list[LibraryEntry]) -> None:
            self._unknown = 0
            self._show_notices()
            self.view.refresh()
            self.message.emit(self.tr("%Ln illustration(s) imported.", "", len(found)))

        self.tasks.run(lambda: store.rescan(self.library_dir), on_done=done)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._show_notices()
            self._retranslate_hint()
        super().changeEvent(event)


def saved_facets(store: LibraryStore) -> Facets | None:
    """The category and style names an earlier run kept (None if none, or unreadable)."""
    try:
        saved = store.pref(FACETS_PREF)
        return None if saved is None else Facets.from_json(saved)
    except BadResponseError:
        return None
