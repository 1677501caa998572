"""The library's detail panel: the current entry's preview, facts and the user's own data
(favourite, tags, note), with the actions the main window wires (export, copy, show, remove).
It shows; a `LibraryEntryEditor` saves the user's edits (see ui/library_entry_editor.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from weshape_desktop.core.library import LibraryEntry, LibraryFile, LibraryStore
from weshape_desktop.core.models import Facets
from weshape_desktop.ui.catalog import scrolling, title_font
from weshape_desktop.ui.grid import LargePreview
from weshape_desktop.ui.i18n import locale_for
from weshape_desktop.ui.icons import IconBinding
from weshape_desktop.ui.library.entry_editor import LibraryEntryEditor
from weshape_desktop.ui.library.entry_facts import EntryFacts
from weshape_desktop.ui.library.note_editor import NoteEditor
from weshape_desktop.ui.library.tag_editor import TagEditor
from weshape_desktop.ui.library.widgets import MissingFileStrip, star_icon
from weshape_desktop.ui.previews import PreviewService
from weshape_desktop.ui.tasks import Task, TaskRunner, describe_error


class LibraryDetailPanel(QWidget):
    """Shows one `LibraryEntry` (or an empty state) and edits it through the `LibraryStore`."""

    export_requested = Signal(object)  # LibraryEntry
    copy_svg_requested = Signal(object)
    show_in_folder_requested = Signal(object)
    redownload_requested = Signal(object)
    svg_download_requested = Signal(object)  # a PNG-only entry: download its SVG
    remove_requested = Signal(object)
    entry_changed = Signal(str)  # item id, after an edit of it was saved
    files_checked = Signal()  # the shown entry's files were looked for on disk

    def __init__(
        self,
        tasks: TaskRunner,
        previews: PreviewService,
        library_dir: Path,
        lang: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._library_dir = library_dir
        self._lang = lang
        self._entry: LibraryEntry | None = None
        self._facets: Facets | None = None
        self._present: frozenset[str] | None = None  # files found on disk; None: not checked
        self._check: Task | None = None
        self._build_actions()
        self._build_ui(previews)
        self._editor = LibraryEntryEditor(
            tasks, self.favourite_action, self.tag_editor, self.notes, self.entry, self
        )
        self._editor.entry_changed.connect(self.entry_changed)
        self._editor.entry_saved.connect(lambda fresh: self._refresh(fresh, new=False))
        self._editor.failed.connect(self._show_error)
        self._editor.error_cleared.connect(self.error_label.hide)
        self.retranslate_ui()
        self._update_enabled()

    # -- building ---------------------------------------------------------------------------

    def _build_actions(self) -> None:
        def action(shortcut: str = "", signal: Signal | None = None) -> QAction:
            act = QAction(self)
            act.setShortcut(QKeySequence(shortcut))
            if signal is not None:
                act.triggered.connect(lambda: self._emit(signal))
            self.addAction(act)  # shortcuts work while the panel is shown, e.g. from the grid
            return act

        self.favourite_action = action("Ctrl+D")
        self.favourite_action.setCheckable(True)
        self.favourite_action.setIcon(star_icon())
        self.export_action = action("Ctrl+E", self.export_requested)
        self.copy_svg_action = action("Ctrl+Shift+C", self.copy_svg_requested)
        self.show_in_folder_action = action("", self.show_in_folder_requested)
        self.remove_action = action("", self.remove_requested)
        self._icons = IconBinding(self)
        for act, name in (
            (self.export_action, "palette"),
            (self.copy_svg_action, "copy"),
            (self.show_in_folder_action, "folder-open"),
            (self.remove_action, "trash"),
        ):
            self._icons.bind(act.setIcon, name)

    def _build_ui(self, previews: PreviewService) -> None:
        self.empty_label = QLabel(self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)

        content = QWidget(self)
        self.missing_strip = MissingFileStrip(content)
        self.missing_strip.download_clicked.connect(lambda: self._emit(self.redownload_requested))
        self.missing_strip.hide()
        self.error_label = QLabel(content)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.hide()
        self.preview = LargePreview(previews, content)

        self.title_label = QLabel(content)
        self.title_label.setWordWrap(True)
        self.title_label.setFont(title_font(self.title_label.font()))
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.favourite_button = QToolButton(content)
        self.favourite_button.setDefaultAction(self.favourite_action)
        self.favourite_button.setAutoRaise(True)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title_label, 1)
        title_row.addWidget(self.favourite_button, 0, Qt.AlignmentFlag.AlignTop)

        def button(act: QAction) -> QToolButton:
            widget = QToolButton(content)
            widget.setDefaultAction(act)
            widget.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            return widget

        # A PNG-only entry can't be recoloured or copied as SVG: say so, and offer the way on.
        self.png_only_label = QLabel(content)
        self.png_only_label.setWordWrap(True)
        self.download_svg_button = QPushButton(content)
        self.download_svg_button.clicked.connect(lambda: self._emit(self.svg_download_requested))
        self._icons.bind(self.download_svg_button.setIcon, "download")
        self.export_button = button(self.export_action)
        self.copy_svg_button = button(self.copy_svg_action)
        self.show_in_folder_button = button(self.show_in_folder_action)
        self.remove_button = button(self.remove_action)
        # The main action on its own row; two per row keep a narrow panel from clipping.
        actions_row = QHBoxLayout()
        actions_row.addWidget(self.copy_svg_button)
        actions_row.addWidget(self.show_in_folder_button)

        self.facts = EntryFacts(content)

        self.tags_heading = QLabel(content)
        self.tag_editor = TagEditor(content)
        self.notes = NoteEditor(content)

        layout = QVBoxLayout(content)
        layout.addWidget(self.missing_strip)
        layout.addWidget(self.error_label)
        layout.addWidget(self.preview)
        layout.addLayout(title_row)
        layout.addWidget(self.export_button)
        layout.addLayout(actions_row)
        layout.addWidget(self.png_only_label)
        layout.addWidget(self.download_svg_button)
        layout.addSpacing(4)
        layout.addWidget(self.facts)
        layout.addSpacing(4)
        layout.addWidget(self.tags_heading)
        layout.addWidget(self.tag_editor)
        layout.addSpacing(4)
        layout.addWidget(self.notes)
        layout.addStretch(1)
        layout.addWidget(self.remove_button)
        QWidget.setTabOrder(self.notes.edit, self.remove_button)  # Tab follows the layout

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(scrolling(content, self))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

    # -- public API -------------------------------------------------------------------------

    def set_store(self, store: LibraryStore | None) -> None:
        """The library to edit (None: read-only). Pending edits still go to the previous one."""
        self._editor.set_store(store)
        self._update_enabled()

    def set_library_dir(self, library_dir: Path) -> None:
        """The folder the entries' relative paths are in (after the user moves the library)."""
        self._library_dir = library_dir
        self._refresh(self._entry, new=True)

    def set_facets(self, facets: Facets) -> None:
        """Category and style names (from the catalog view's facets_loaded); ids until then."""
        self._facets = facets
        self._fill()

    def set_language(self, lang: str) -> None:
        self._lang = lang
        self._fill()

    def show_entry(self, entry: LibraryEntry | None) -> None:
        """Show `entry`; the same entry again (refreshed after an edit) keeps the note typed."""
        same = entry is not None and self._entry is not None and entry.item.id == self._id()
        self._refresh(entry, new=not same)
        if entry is not None and not same:
            # The grid's copy may predate an edit: read it again after the queued edits.
            self._editor.reread(entry.item.id)

    def entry(self) -> LibraryEntry | None:
        return self._entry

    def flush(self, timeout_s: float = 10.0) -> bool:
        """Save the note being typed and every pending edit now, blocking (call it when the
        window closes): when it returns True, they are in the database (the panel's reaction,
        e.g. "Saved", may still arrive through the event loop); False if an edit could not
        finish within `timeout_s`."""
        return self._editor.flush(timeout_s)

    def field_text(self, key: str) -> str:
        """A shown value: category, style, dimensions, size, added, location, files, license."""
        return self.facts.text(key)

    def is_ready(self) -> bool:
        """Fully shown (files checked, large preview in): for screenshots and tests."""
        return self._entry is None or (self._present is not None and self.preview.is_final())

    # -- showing ----------------------------------------------------------------------------

    def _id(self) -> str | None:
        return self._entry.item.id if self._entry is not None else None

    def _refresh(self, entry: LibraryEntry | None, *, new: bool) -> None:
        old_files = self._entry.files if self._entry is not None else None
        self._entry = entry
        if new:
            self.error_label.hide()
        self._editor.show_entry(entry, new=new)
        if new or (entry is not None and entry.files != old_files):
            self._check_files(entry)
        self._fill()

    def _svg_file(self) -> LibraryFile | None:
        entry = self._entry
        return next((f for f in entry.files if f.format == "svg"), None) if entry else None

    def _check_files(self, entry: LibraryEntry | None) -> None:
        """Look for the entry's files off the GUI thread, then render the preview from the
        local SVG if it is there, else from the server."""
        if self._check is not None:
            self._check.cancel()
        self._present = None
        svg = self._svg_file()
        self.preview.set_source(
            (svg.sha256 if svg else entry.item.sha256) if entry else None,
            dark=entry is not None and entry.item.style.startswith("dark"),
        )
        if entry is None:
            self._check = None
            return
        folder = self._library_dir
        paths = [f.path for f in entry.files]

        def present() -> frozenset[str]:
            return frozenset(p for p in paths if (folder / p).is_file())

        def checked(found: frozenset[str]) -> None:
            self._present = found
            if svg is not None and svg.path in found:
                self.preview.request(url=(folder / svg.path).as_uri())
            else:
                self.preview.request()
            self._fill()
            self.files_checked.emit()

        self._check = self._tasks.run(
            present, on_done=checked, on_error=lambda exc: self._show_error(describe_error(exc))
        )

    def _fill(self) -> None:
        entry = self._entry
        self.stack.setCurrentIndex(0 if entry is None else 1)
        self._update_enabled()
        if entry is None:
            return
        self.title_label.setText(entry.item.title_in(self._lang))
        self._editor.fill(entry)
        missing = self._present is not None and (
            not entry.files or any(f.path not in self._present for f in entry.files)
        )
        self.missing_strip.set_state(downloaded_before=bool(entry.files))
        self.missing_strip.setVisible(missing)

        self.facts.show_entry(entry, self._lang, self._locale(), self._facets, self._library_dir)

    def _locale(self) -> QLocale:
        return locale_for(self._lang)

    def _update_enabled(self) -> None:
        entry, present = self._entry, self._present or frozenset()
        svg = self._svg_file()
        self._editor.update_enabled()
        self.remove_action.setEnabled(entry is not None)
        self.export_action.setEnabled(svg is not None and svg.path in present)
        self.copy_svg_action.setEnabled(svg is not None and svg.path in present)
        self.show_in_folder_action.setEnabled(bool(present))
        png_only = svg is None and entry is not None and any(f.format == "png" for f in entry.files)
        self.png_only_label.setVisible(png_only)
        self.download_svg_button.setVisible(png_only)
        for act in (self.export_action, self.copy_svg_action):
            shortcut = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            reason = self.png_only_label.text()
            act.setToolTip(reason if png_only else f"{act.text()} ({shortcut})")

    def _emit(self, signal: Signal) -> None:
        if self._entry is not None:
            signal.emit(self._entry)  # type: ignore[attr-defined]

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    # -- translating ------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.empty_label.setText(self.tr("Select an illustration to see its details."))
        self.export_action.setText(self.tr("Export / recolour…"))
        self.copy_svg_action.setText(self.tr("Copy SVG"))
        self.show_in_folder_action.setText(self.tr("Show in folder"))
        self.remove_action.setText(self.tr("Remove from library…"))
        self.favourite_action.setText(self.tr("Favourite"))
        for act in (self.export_action, self.remove_action):
            act.setIconText(act.text())  # tool buttons drop a trailing "…" unless told
        self.png_only_label.setText(
            self.tr(
                "This illustration is in your library as PNG only. Export / recolour and Copy "
                "SVG need its SVG."
            )
        )
        self.download_svg_button.setText(self.tr("Download the SVG"))
        self.tags_heading.setText(self.tr("Tags"))
        self._editor.retranslate_ui()
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
