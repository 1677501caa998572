"""The library browser: the designer's downloaded illustrations, searched, filtered and edited
in bulk, in the same tile grid as the catalog."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from PySide6.QtCore import QEvent, QItemSelection, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from weshape_desktop.core.library import (
    LibraryCounts,
    LibraryEntry,
    LibraryQuery,
    LibraryReader,
    LibraryStore,
)
from weshape_desktop.core.models import Facets, facet_name
from weshape_desktop.ui.banner import Banner
from weshape_desktop.ui.grid import GridPage, Selection, TileGrid
from weshape_desktop.ui.i18n import default_language
from weshape_desktop.ui.library.action_bar import LibraryActionBar
from weshape_desktop.ui.library.actions import LibraryActions, ShownCollection
from weshape_desktop.ui.library.collection_drop import CollectionDrop
from weshape_desktop.ui.library.filters import LibraryFilterBar
from weshape_desktop.ui.library.model import LibraryModel, MimeFactory
from weshape_desktop.ui.library.sidebar import ALL, LibrarySidebar
from weshape_desktop.ui.previews import PreviewService
from weshape_desktop.ui.tasks import Task, TaskRunner, describe_error

REFRESH_DEBOUNCE_MS = 200  # downloads finishing in a burst cause one query, not one each
SIDEBAR_WIDTH = 200  # until the user drags the splitter (the window remembers it)

# "opening" until set_store, then "ready", or "unavailable" (with a reason)
LibraryState = Literal["opening", "ready", "unavailable"]


class LibraryView(QWidget):
    """Browses the local library. Give it a store with `set_store` once it is open."""

    current_changed = Signal(object)  # LibraryEntry | None, for the detail panel
    count_changed = Signal(int)  # illustrations the current search shows
    entries_changed = Signal()  # an edit made here was written

    def __init__(
        self,
        tasks: TaskRunner,
        previews: PreviewService,
        library_dir: Path,
        lang: str | None = None,
        parent: QWidget | None = None,
        mime_factory: MimeFactory | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._lang = lang or default_language()
        self._store: LibraryStore | None = None
        self._reader: LibraryReader | None = None
        self._state: LibraryState = "opening"
        self._reason = ""
        self._total: int | None = None  # entries in the whole library, once counted
        self._choices_task: Task | None = None
        self._choices_due = False  # the filters' choices load once the first query answered
        self._current: LibraryEntry | None = None
        self._kept: tuple[list[str], str, int | None] | None = None  # selection to restore
        self._restoring = False  # rows are being replaced: the current item is told afterwards
        self._facets: Facets | None = None

        self.model = LibraryModel(
            tasks, previews, library_dir, self._lang, self, mime_factory=mime_factory
        )
        self.entry_actions = LibraryActions(
            tasks, library_dir, self.selected_ids, self._shown_collection, self._anchor, self
        )
        self._refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_DEBOUNCE_MS)
        self._build_ui(draggable=mime_factory is not None)
        self._connect()
        self.retranslate_ui()

    # -- public API --------------------------------------------------------------------------

    def set_store(self, store: LibraryStore | None, reason: str = "") -> None:
        """Browse `store` (opened in the background by the caller), or say the library is not
        available (`reason`: a translated sentence shown under that)."""
        if self._reader is not None:
            self.model.set_reader(None)
            self._reader.close()
            self._reader = None
        if self._choices_task is not None:
            self._choices_task.cancel()
            self._choices_task = None
        self._store, self._total = store, None
        self._state, self._reason = ("ready", "") if store is not None else ("unavailable", reason)
        self.banner.hide()  # errors of the store let go of don't apply any more
        self.entry_actions.set_store(store)
        if store is not None:
            self._reader = store.open_reader()
            self.model.set_query(self._query())
            self.model.set_reader(self._reader)
            # Counting categories over a large library takes longer than the query (~110 ms
            # at 100k entries); on the shared read connection it would hold up the first rows
            # and the ids: load it after.
            self._choices_due = True
        self._update_message()

    def show_opening(self) -> None:
        """Let go of the store while it is opened again (rebuilt): say the library is opening."""
        self.set_store(None)
        self._state = "opening"
        self._update_message()

    def refresh(self) -> None:
        """The library changed elsewhere (downloads, the detail panel): show it again soon,
        keeping the selection and scroll position. Calls in quick succession run one query."""
        if self._reader is not None:
            self._refresh_timer.start()

    def set_language(self, lang: str) -> None:
        self._lang = lang
        self.model.set_language(lang)
        self.sidebar.set_category_names(self._category_name)
        if self.model.query().sort == "title":  # titles sort in the language shown
            self._apply_query()

    def set_facets(self, facets: Facets) -> None:
        """Category names in both languages (the catalog's `facets_loaded`)."""
        self._facets = facets
        self.sidebar.set_category_names(self._category_name)

    def clear_search(self) -> None:
        """Back to the whole library: no text, no filters."""
        self.sidebar.choose(ALL)
        self.filters.clear()
        self._on_scope_changed()

    def is_filtered(self) -> bool:
        """Whether the search or the sidebar narrows the library down (the sort order doesn't)."""
        return bool(self.filters.search_edit.text().strip()) or self.sidebar.scope() != ALL

    def selected_ids(self) -> list[str]:
        ids = self.model.ids()
        return [ids[row] for row in self.grid.selected_rows()]

    def selected_entries(self) -> list[LibraryEntry]:
        """The selected entries in grid order (rows not loaded yet are read now)."""
        return self.model.entries(self.grid.selected_rows())

    def current_entry(self) -> LibraryEntry | None:
        return self._current

    def is_ready(self) -> bool:
        """Settled: the query is answered and every tile on screen is painted or broken."""
        if self._state != "ready":
            return self._state == "unavailable"
        if (
            not self.model.query_loaded()
            or self.filters.search_pending()
            or self._refresh_timer.isActive()
        ):
            return False
        return self.grid.tiles_settled()

    # -- building and translating ------------------------------------------------------------

    def _build_ui(self, *, draggable: bool) -> None:
        self.banner = Banner(self)
        self.sidebar = LibrarySidebar(self)
        self.filters = LibraryFilterBar(self)
        self.grid = TileGrid(self.model, self, selection_mode=Selection.ExtendedSelection)
        self.drop: CollectionDrop | None = None
        if draggable:  # tiles drag out, and can also be dropped elsewhere in the order
            self.grid.setDragEnabled(True)
            self.grid.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
            self.grid.setDefaultDropAction(Qt.DropAction.CopyAction)
            self.drop = CollectionDrop(self.grid, self._whole_collection_order)
        self.grid.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        # Their shortcuts (Delete, Alt+Up…) work while the grid has focus.
        actions = self.entry_actions
        self.grid.addActions(actions.actions() + actions.collection_actions())
        self.action_bar = LibraryActionBar(actions, self)
        self.stack = GridPage(self.grid, self.clear_search, self)
        self.message_label, self.clear_button = self.stack.label, self.stack.clear_button
        self.browse_catalog_action = QAction(self)  # the window switches to the catalog

        browser = QWidget(self)
        browser_layout = QVBoxLayout(browser)
        browser_layout.setContentsMargins(0, 0, 0, 0)
        browser_layout.addWidget(self.filters)
        browser_layout.addWidget(self.action_bar)
        browser_layout.addWidget(self.stack, 1)
        # Left of the grid, or right of it in Arabic (the splitter follows the direction).
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(browser)
        self.splitter.setCollapsible(0, False)  # dragged to nothing, it could not be found
        self.splitter.setCollapsible(1, False)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([SIDEBAR_WIDTH, 4 * SIDEBAR_WIDTH])
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)

    def _connect(self) -> None:
        self.banner.retry_clicked.connect(self._retry)
        self.filters.changed.connect(self._apply_query)
        self.sidebar.changed.connect(self._on_scope_changed)
        self.sidebar.create_requested.connect(self.entry_actions.ask_new_collection)
        self.sidebar.rename_requested.connect(self.entry_actions.rename_collection)
        self.sidebar.delete_requested.connect(self.entry_actions.ask_delete_collection)
        self.sidebar.dropped.connect(self.entry_actions.collect)
        self.entry_actions.failed.connect(lambda _message: self.sidebar.restore())
        self.grid.customContextMenuRequested.connect(self._context_menu)
        self.entry_actions.edited.connect(self._on_edited)
        self.entry_actions.failed.connect(self.banner.show_message)
        if self.drop is not None:
            self.drop.dropped.connect(self.entry_actions.move_to)
        self._refresh_timer.timeout.connect(self._refresh_now)
        self.model.rows_loaded.connect(self.grid.settle_later)
        self.model.modelAboutToBeReset.connect(self._keep_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.model.query_finished.connect(self._on_query_finished)
        self.model.query_failed.connect(self._on_query_failed)
        selection = self.grid.selectionModel()
        selection.currentChanged.connect(lambda *_: self._sync_current())
        selection.selectionChanged.connect(self._on_selection_changed)

    def retranslate_ui(self) -> None:
        self.grid.setAccessibleName(self.tr("Library"))
        self.action_bar.toolbar.setWindowTitle(self.tr("Library actions"))
        self.browse_catalog_action.setText(self.tr("Browse the catalog"))
        self.entry_actions.retranslate_ui()
        self._on_selection_changed()
        self._update_message()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _category_name(self, category: str) -> str:
        return facet_name(self._facets.categories if self._facets else (), category, self._lang)

    # -- querying ----------------------------------------------------------------------------

    def _query(self) -> LibraryQuery:
        return self.sidebar.scoped(self.filters.query(self._lang))

    def _on_scope_changed(self) -> None:
        self.filters.set_in_collection(bool(self.sidebar.collection_id()))
        self._apply_query()

    def _anchor(self, action: QAction) -> QWidget:
        """Where an action's popover opens: its toolbar button, else the grid."""
        button = self.action_bar.toolbar.widgetForAction(action)
        return button if button is not None and button.isVisible() else self.grid

    def _apply_query(self) -> None:
        self.banner.hide()
        self.model.set_query(self._query())
        self.entry_actions.update_enabled()

    def _whole_collection_order(self) -> list[str] | None:
        shown = self._shown_collection()
        return shown.order if shown is not None else None

    def _shown_collection(self) -> ShownCollection | None:
        query = self.model.query()
        if not query.collection_id:
            return None
        # Moving needs every member on screen in the collection's own order.
        whole = (
            query.sort == "position"
            and not query.descending
            and not (query.text or query.tag or query.category or query.format)
            and not query.favourites_only
        )
        ready = whole and self.model.query_loaded()
        # The model's own list (never changed in place): asked on every selection change.
        return ShownCollection(query.collection_id, self.model.ids() if ready else None)

    def _refresh_now(self) -> None:
        self._refresh_timer.stop()
        if self._reader is None:
            return
        self._kept = self._selection_state(scroll=self.grid.verticalScrollBar().value())
        self.model.refresh()
        self._load_choices()

    def _on_edited(self) -> None:
        self.entries_changed.emit()
        self._refresh_now()

    def _retry(self) -> None:
        self.banner.hide()
        self._refresh_now()

    def _load_choices(self) -> None:
        """What the sidebar counts, also offered by the popovers."""
        reader = self._reader
        if reader is None:
            return
        if self._choices_task is not None:
            self._choices_task.cancel()

        def done(counts: LibraryCounts) -> None:
            self._choices_task = None
            self._total = counts.total
            self.sidebar.set_counts(counts)
            self.entry_actions.set_choices([name for name, _ in counts.tags], counts.collections)
            self._update_message()

        def failed(exc: BaseException) -> None:
            self._choices_task = None
            self.banner.show_message(describe_error(exc))

        self._choices_task = self._tasks.run(reader.counts, done, failed, owner=self)

    def _load_due_choices(self) -> None:
        if self._choices_due:
            self._choices_due = False
            self._load_choices()

    def _on_query_finished(self) -> None:
        self._load_due_choices()
        self.entry_actions.update_enabled()
        self._kept = None  # the same rows came back: selection and scroll never moved
        self._sync_current()
        self._update_message()
        self.count_changed.emit(self.model.rowCount())
        self.grid.settle_later()

    # -- selection and current item ----------------------------------------------------------

    def _on_query_failed(self, message: str) -> None:
        self._kept = None
        self.banner.show_message(message)

    def _keep_selection(self) -> None:
        """The rows are about to change: remember the selection by id (a refresh has already
        remembered it with its scroll position; a new search starts at the top)."""
        self._restoring = True
        if self._kept is None:
            self._kept = self._selection_state(scroll=None)

    def _selection_state(self, scroll: int | None) -> tuple[list[str], str, int | None]:
        current = self.grid.proxy.flat_row(self.grid.currentIndex())
        current_id = self.model.ids()[current] if current >= 0 else ""
        return self.selected_ids(), current_id, scroll

    def _restore_selection(self) -> None:
        kept, self._kept = self._kept, None
        try:
            if kept is not None:
                self._select_again(*kept)
        finally:
            self._restoring = False
        self._sync_current()
        self._on_selection_changed()

    def _select_again(self, selected: list[str], current_id: str, scroll: int | None) -> None:
        rows = [r for r in map(self.model.row_of, selected) if r >= 0]
        current = self.model.row_of(current_id) if current_id else -1
        selection_model = self.grid.selectionModel()
        if current >= 0:
            selection_model.setCurrentIndex(
                self.grid.proxy.index_of(current), selection_model.SelectionFlag.NoUpdate
            )
        self.grid.select_rows(rows)
        if scroll is not None:
            self.grid.verticalScrollBar().setValue(scroll)

    def _sync_current(self) -> None:
        """Tell the detail panel about the current entry when it (or its content) changed."""
        if self._restoring:
            return
        row = self.grid.proxy.flat_row(self.grid.currentIndex())
        found = self.model.entries([row]) if row >= 0 else []
        entry = found[0] if found else None
        if entry != self._current:
            self._current = entry
            self.current_changed.emit(entry)

    def _on_selection_changed(self, *_: QItemSelection) -> None:
        rows = self.grid.selected_rows()
        count = len(rows)
        # Rows not loaded yet are left out: reading them here would stall the GUI thread.
        loaded = [entry for entry in map(self.model.entry, rows) if entry is not None]
        all_favourite = bool(loaded) and all(entry.favourite for entry in loaded)
        self.entry_actions.set_selection_count(count, all_favourite)
        self.action_bar.set_selection_text(self.tr("%Ln selected", "", count) if count else "")

    def _context_menu(self, pos: QPoint) -> None:
        if self.grid.proxy.flat_row(self.grid.indexAt(pos)) < 0:
            return
        self.entry_actions.menu(self).popup(self.grid.viewport().mapToGlobal(pos))

    # -- what the page shows -----------------------------------------------------------------

    def _update_message(self) -> None:
        rows, answered = self.model.rowCount(), self.model.query_loaded()
        library_empty = self._total == 0 or (
            self._total is None and answered and not rows and not self.is_filtered()
        )
        # Filters and actions are noise until there is something to filter and act on.
        controls = self._state == "ready" and not library_empty
        self.sidebar.setVisible(controls)
        self.filters.setVisible(controls)
        self.action_bar.setVisible(controls)
        if self._state == "opening":
            self.stack.show_message(self.tr("Opening your library…"))
        elif self._state == "unavailable":
            text = self.tr("Your library is not available.")
            self.stack.show_message(text + "\n" + self._reason if self._reason else text)
        elif rows or not answered:
            self.stack.show_grid()
        elif library_empty:
            self.stack.show_message(
                self.tr("Your library is empty — download illustrations from the catalog."),
                action=self.browse_catalog_action,
            )
        else:
            self.stack.show_message(
                self.tr("No illustrations match your search."), clear_search=True
            )
