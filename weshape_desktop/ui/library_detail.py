"""The library's detail panel: the current entry's preview, facts and the user's own data
(favourite, tags, note), with the actions the main window wires (export, copy, show, remove).

Edits go through one `SerialEdits` queue, so they land in order off the GUI thread; the note
saves itself (debounced, on focus-out and when another entry is shown), and `flush()` saves
what is still pending when the window closes.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from weshape_desktop.core.library import LibraryEntry, LibraryFile, LibraryStore
from weshape_desktop.core.models import Facets
from weshape_desktop.ui.detail_panel import title_font
from weshape_desktop.ui.entry_facts import EntryFacts
from weshape_desktop.ui.large_preview import LargePreview
from weshape_desktop.ui.library_widgets import MissingFileStrip, star_icon
from weshape_desktop.ui.note_editor import NoteEditor
from weshape_desktop.ui.previews import PreviewService
from weshape_desktop.ui.serial_edits import SerialEdits
from weshape_desktop.ui.tag_editor import TagEditor
from weshape_desktop.ui.tasks import Task, TaskRunner, describe_error

log = logging.getLogger(__name__)


class LibraryDetailPanel(QWidget):
    """Shows one `LibraryEntry` (or an empty state) and edits it through the `LibraryStore`."""

    export_requested = Signal(object)  # LibraryEntry
    copy_svg_requested = Signal(object)
    show_in_folder_requested = Signal(object)
    redownload_requested = Signal(object)
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
        self._store: LibraryStore | None = None
        self._entry: LibraryEntry | None = None
        self._facets: Facets | None = None
        self._edits = SerialEdits(tasks)
        self._present: frozenset[str] | None = None  # files found on disk; None: not checked
        self._check: Task | None = None
        self._notes_saving: dict[str, str] = {}  # notes queued to save, by item id
        self._unsaved_notes: dict[str, str] = {}  # notes whose save failed, by item id
        self._build_actions()
        self._build_ui(previews)
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
        self.favourite_action.triggered.connect(self._set_favourite)
        self.export_action = action("Ctrl+E", self.export_requested)
        self.copy_svg_action = action("Ctrl+Shift+C", self.copy_svg_requested)
        self.show_in_folder_action = action("", self.show_in_folder_requested)
        self.remove_action = action("", self.remove_requested)

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
            widget.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            return widget

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
        self.tag_editor.add_requested.connect(self._add_tags)
        self.tag_editor.remove_requested.connect(self._remove_tag)
        self.tag_editor.input.installEventFilter(self)

        self.notes = NoteEditor(content)
        self.notes.save_requested.connect(self._save_note)

        layout = QVBoxLayout(content)
        layout.addWidget(self.missing_strip)
        layout.addWidget(self.error_label)
        layout.addWidget(self.preview)
        layout.addLayout(title_row)
        layout.addWidget(self.export_button)
        layout.addLayout(actions_row)
        layout.addSpacing(4)
        layout.addWidget(self.facts)
        layout.addSpacing(4)
        layout.addWidget(self.tags_heading)
        layout.addWidget(self.tag_editor)
        layout.addSpacing(4)
        layout.addWidget(self.notes)
        layout.addStretch(1)
        layout.addWidget(self.remove_button)

        scroll = QScrollArea(self)
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(scroll)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

    # -- public API -------------------------------------------------------------------------

    def set_store(self, store: LibraryStore | None) -> None:
        """The library to edit (None: read-only). Pending edits still go to the previous one."""
        self.notes.request_save()
        self._store = store
        self._update_enabled()
        self._load_known_tags()

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
            self._edit(entry.item.id, lambda store: False)

    def entry(self) -> LibraryEntry | None:
        return self._entry

    def flush(self, timeout_s: float = 10.0) -> bool:
        """Save the note being typed and every pending edit now, blocking (call it when the
        window closes): when it returns True, they are in the database (the panel's reaction,
        e.g. "Saved", may still arrive through the event loop); False if an edit could not
        finish within `timeout_s`."""
        self.notes.request_save()
        return self._edits.flush(timeout_s)

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
            self.tag_editor.input.clear()
            # load() first saves the previous entry's typing to the previous entry.
            item_id = entry.item.id if entry else None
            unsaved = self._unsaved_notes.pop(item_id, None) if item_id else None
            note = unsaved if unsaved is not None else self._note_of(entry)
            self.notes.load(item_id, note, unsaved=unsaved is not None)
        elif entry is not None:
            self.notes.refresh(self._note_of(entry))
        if new or (entry is not None and entry.files != old_files):
            self._check_files(entry)
        self._fill()

    def _note_of(self, entry: LibraryEntry | None) -> str:
        """The entry's note, or the newer text this panel is still saving for it."""
        return self._notes_saving.get(entry.item.id, entry.note) if entry else ""

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

        self._check = self._tasks.run(present, on_done=checked, on_error=self._show_failure)

    def _fill(self) -> None:
        entry = self._entry
        self.stack.setCurrentIndex(0 if entry is None else 1)
        self._update_enabled()
        if entry is None:
            return
        self.title_label.setText(entry.item.title_in(self._lang))
        self.favourite_action.setChecked(entry.favourite)
        self._update_favourite_tip()
        self.tag_editor.set_tags(entry.tags)
        missing = self._present is not None and (
            not entry.files or any(f.path not in self._present for f in entry.files)
        )
        self.missing_strip.set_state(downloaded_before=bool(entry.files))
        self.missing_strip.setVisible(missing)

        self.facts.show_entry(entry, self._lang, self._locale(), self._facets, self._library_dir)

    def _locale(self) -> QLocale:
        # The default locale follows the UI language; tests may switch only the panel's.
        default = QLocale()
        return default if default.name().split("_")[0] == self._lang else QLocale(self._lang)

    def _update_enabled(self) -> None:
        entry, present = self._entry, self._present or frozenset()
        editable = entry is not None and self._store is not None
        svg = self._svg_file()
        self.favourite_action.setEnabled(editable)
        self.tag_editor.setEnabled(editable)
        self.notes.set_read_only(not editable)
        self.remove_action.setEnabled(entry is not None)
        self.export_action.setEnabled(svg is not None and svg.path in present)
        self.copy_svg_action.setEnabled(svg is not None and svg.path in present)
        self.show_in_folder_action.setEnabled(bool(present))

    def _emit(self, signal: Signal) -> None:
        if self._entry is not None:
            signal.emit(self._entry)  # type: ignore[attr-defined]

    # -- editing ----------------------------------------------------------------------------

    def _edit(
        self,
        item_id: str | None,
        op: Callable[[LibraryStore], object],
        on_saved: Callable[[str], None] | None = None,
        on_failed: Callable[[str], None] | None = None,
        *,
        tags: bool = False,
    ) -> None:
        """Run `op(store)` in the edit queue, then show `item_id`'s saved entry if it is shown."""
        store = self._store
        if store is None or item_id is None:
            return

        def run() -> tuple[bool, LibraryEntry | None]:
            changed = bool(op(store))
            return changed, store.entry(item_id)

        def done(result: tuple[bool, LibraryEntry | None]) -> None:
            changed, fresh = result
            if changed:
                self.entry_changed.emit(item_id)
            if self._id() == item_id:
                if changed:  # not for a mere re-read: an earlier failure must stay visible
                    self.error_label.hide()
                # Later edits are still queued: showing this state now would flicker back.
                if fresh is not None and self._edits.pending() == 0:
                    self._refresh(fresh, new=False)
            if on_saved is not None:
                on_saved(item_id)
            if changed and tags:
                self._load_known_tags()  # the completer offers new tags, not dropped ones

        def failed(exc: BaseException) -> None:
            self._show_failure(exc)
            if on_failed is not None:
                on_failed(item_id)

        self._edits.submit(run, done, failed)

    def _set_favourite(self, checked: bool) -> None:
        item_id = self._id()
        self._update_favourite_tip()

        def reverted(failed_id: str) -> None:
            if failed_id == self._id() and self._entry is not None:
                self.favourite_action.setChecked(self._entry.favourite)  # the stored state
                self._update_favourite_tip()

        self._edit(
            item_id, lambda store: store.set_favourite([item_id or ""], checked), None, reverted
        )

    def _add_tags(self, names: list[str]) -> None:
        item_id = self._id()

        def cleared(saved_id: str) -> None:
            if saved_id == self._id():
                self.tag_editor.input.clear()  # only now: on failure the typed text stays

        self._edit(
            item_id, lambda store: store.add_tags([item_id or ""], names), cleared, tags=True
        )

    def _remove_tag(self, name: str) -> None:
        item_id = self._id()
        self._edit(item_id, lambda store: store.remove_tag([item_id or ""], name), tags=True)

    def _save_note(self, item_id: str, text: str) -> None:
        def settled(settled_id: str) -> None:
            if self._notes_saving.get(settled_id) == text:  # not a newer text of it
                del self._notes_saving[settled_id]

        def saved(saved_id: str) -> None:
            settled(saved_id)
            self.notes.saved(saved_id)

        def failed(failed_id: str) -> None:
            settled(failed_id)
            if not self.notes.save_failed(failed_id):
                self._unsaved_notes[failed_id] = text  # shown again with its entry

        if self._store is None:
            self._unsaved_notes[item_id] = text
            return
        self._notes_saving[item_id] = text
        self._edit(item_id, lambda store: store.set_note(item_id, text), saved, failed)

    def _show_failure(self, exc: BaseException) -> None:
        if isinstance(exc, sqlite3.Error):  # the store's writes raise these as they are
            log.error("a library edit failed", exc_info=exc)
            message = self.tr(
                "Your change couldn't be saved in the library. Check that the disk isn't full "
                "and the library folder is writable, then try again."
            )
        else:
            message = describe_error(exc)  # WeshapeErrors say what to do; others are logged
        self.error_label.setText(message)
        self.error_label.show()

    def _load_known_tags(self) -> None:
        store = self._store
        if store is None:
            self.tag_editor.set_known_tags([])
            return

        def names() -> list[str]:
            return [name for name, _count in store.tags()]

        def failed(exc: BaseException) -> None:
            log.warning("could not list the library's tags for completion", exc_info=exc)

        self._tasks.run(names, on_done=self.tag_editor.set_known_tags, on_error=failed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tag_editor.input and event.type() == QEvent.Type.FocusIn:
            self._load_known_tags()  # other views may have tagged entries meanwhile
        return super().eventFilter(watched, event)

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
        for act in (self.export_action, self.copy_svg_action):
            shortcut = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            act.setToolTip(f"{act.text()} ({shortcut})")
        self.tags_heading.setText(self.tr("Tags"))
        self._update_favourite_tip()
        self._fill()

    def _update_favourite_tip(self) -> None:
        tip = (
            self.tr("Remove from favourites")
            if self.favourite_action.isChecked()
            else self.tr("Add to favourites")
        )
        shortcut = self.favourite_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.favourite_action.setToolTip(f"{tip} ({shortcut})")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
