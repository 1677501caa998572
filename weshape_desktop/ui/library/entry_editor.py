"""Edits the user's own data of the library entry the detail panel shows: favourite, tags, note.

Edits go through one `SerialEdits` queue, so they land in order off the GUI thread; the note
saves itself (debounced, on focus-out and when another entry is shown), and `flush()` saves what
is still pending when the window closes. A note whose save failed is kept and shown again with its
entry.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence

from weshape_desktop.core.library import LibraryEntry, LibraryStore
from weshape_desktop.ui.library.note_editor import NoteEditor
from weshape_desktop.ui.library.serial_edits import SerialEdits
from weshape_desktop.ui.library.tag_editor import TagEditor
from weshape_desktop.ui.tasks import TaskRunner, describe_error

log = logging.getLogger(__name__)


class LibraryEntryEditor(QObject):
    """Saves what the favourite action, tag editor and note editor ask for to the `LibraryStore`,
    for the entry `shown()` returns, and fills those widgets from an entry."""

    entry_changed = Signal(str)  # item id, after an edit of it was saved
    entry_saved = Signal(object)  # the shown LibraryEntry as stored, once its edits settled
    failed = Signal(str)  # what to tell the user about an edit that failed
    error_cleared = Signal()  # an edit of the shown entry was saved: an old failure is stale

    def __init__(
        self,
        tasks: TaskRunner,
        favourite_action: QAction,
        tag_editor: TagEditor,
        notes: NoteEditor,
        shown: Callable[[], LibraryEntry | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._favourite = favourite_action
        self._tag_editor = tag_editor
        self._notes = notes
        self._shown = shown
        self._store: LibraryStore | None = None
        self._edits = SerialEdits(tasks)
        self._notes_saving: dict[str, str] = {}  # notes queued to save, by item id
        self._unsaved_notes: dict[str, str] = {}  # notes whose save failed, by item id
        favourite_action.triggered.connect(self._set_favourite)
        tag_editor.add_requested.connect(self._add_tags)
        tag_editor.remove_requested.connect(self._remove_tag)
        tag_editor.input.installEventFilter(self)
        notes.save_requested.connect(self._save_note)

    # -- for the panel ----------------------------------------------------------------------

    def set_store(self, store: LibraryStore | None) -> None:
        """The library to edit (None: read-only). Pending edits still go to the previous one."""
        self._notes.request_save()
        self._store = store
        self._load_known_tags()

    def show_entry(self, entry: LibraryEntry | None, *, new: bool) -> None:
        """Before the panel shows `entry`: a `new` one gets its note (or the text that failed to
        save) and an empty tag input; the same one again keeps the note being typed."""
        if new:
            self._tag_editor.input.clear()
            # load() first saves the previous entry's typing to the previous entry.
            item_id = entry.item.id if entry else None
            unsaved = self._unsaved_notes.pop(item_id, None) if item_id else None
            note = unsaved if unsaved is not None else self._note_of(entry)
            self._notes.load(item_id, note, unsaved=unsaved is not None)
        elif entry is not None:
            self._notes.refresh(self._note_of(entry))

    def fill(self, entry: LibraryEntry) -> None:
        self._favourite.setChecked(entry.favourite)
        self._update_favourite_tip()
        self._tag_editor.set_tags(entry.tags)

    def update_enabled(self) -> None:
        editable = self._shown() is not None and self._store is not None
        self._favourite.setEnabled(editable)
        self._tag_editor.setEnabled(editable)
        self._notes.set_read_only(not editable)

    def reread(self, item_id: str) -> None:
        """Read `item_id` again after the queued edits (the caller's copy may predate one)."""
        self._edit(item_id, lambda store: False)

    def flush(self, timeout_s: float) -> bool:
        """Save the note being typed and every pending edit now, blocking; False if an edit
        could not finish within `timeout_s`."""
        self._notes.request_save()
        return self._edits.flush(timeout_s)

    def retranslate_ui(self) -> None:
        self._update_favourite_tip()

    # -- editing ----------------------------------------------------------------------------

    def _id(self) -> str | None:
        entry = self._shown()
        return entry.item.id if entry is not None else None

    def _note_of(self, entry: LibraryEntry | None) -> str:
        """The entry's note, or the newer text this editor is still saving for it."""
        return self._notes_saving.get(entry.item.id, entry.note) if entry else ""

    def _edit(
        self,
        item_id: str | None,
        op: Callable[[LibraryStore], object],
        on_saved: Callable[[str], None] | None = None,
        on_failed: Callable[[str], None] | None = None,
        *,
        tags: bool = False,
    ) -> None:
        """Run `op(store)` in the edit queue, then report `item_id`'s saved entry if it is shown."""
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
                    self.error_cleared.emit()
                # Later edits are still queued: showing this state now would flicker back.
                if fresh is not None and self._edits.pending() == 0:
                    self.entry_saved.emit(fresh)
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
            entry = self._shown()
            if failed_id == self._id() and entry is not None:
                self._favourite.setChecked(entry.favourite)  # the stored state
                self._update_favourite_tip()

        self._edit(
            item_id, lambda store: store.set_favourite([item_id or ""], checked), None, reverted
        )

    def _add_tags(self, names: list[str]) -> None:
        item_id = self._id()

        def cleared(saved_id: str) -> None:
            if saved_id == self._id():
                self._tag_editor.input.clear()  # only now: on failure the typed text stays

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
            self._notes.saved(saved_id)

        def failed(failed_id: str) -> None:
            settled(failed_id)
            if not self._notes.save_failed(failed_id):
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
        self.failed.emit(message)

    def _load_known_tags(self) -> None:
        store = self._store
        if store is None:
            self._tag_editor.set_known_tags([])
            return

        def names() -> list[str]:
            return [name for name, _count in store.tags()]

        def failed(exc: BaseException) -> None:
            log.warning("could not list the library's tags for completion", exc_info=exc)

        self._tasks.run(names, on_done=self._tag_editor.set_known_tags, on_error=failed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._tag_editor.input and event.type() == QEvent.Type.FocusIn:
            self._load_known_tags()  # other views may have tagged entries meanwhile
        return super().eventFilter(watched, event)

    def _update_favourite_tip(self) -> None:
        tip = (
            self.tr("Remove from favourites")
            if self._favourite.isChecked()
            else self.tr("Add to favourites")
        )
        shortcut = self._favourite.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self._favourite.setToolTip(f"{tip} ({shortcut})")
