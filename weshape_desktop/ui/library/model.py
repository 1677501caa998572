"""The library as a list model that holds ids and loads rows lazily (CONVENTIONS habit 3).

A query fetches every matching id at once, in the background (a list of 100k strings is small
and fast); a `LibraryEntry` is loaded only when a view asks for a row's data, a page at a time,
into a bounded cache. Until its page arrives a row shows a placeholder tile. Previews render from
the entry's own SVG file in the library folder, or from the server when there is none. When the
library opens, its first page of entries comes before the ids, so the first rows show sooner.
"""

from __future__ import annotations

import gc
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QModelIndex, QObject, Qt, QTimer, Signal

from weshape_desktop.core.library import LibraryEntry, LibraryFile, LibraryQuery, LibraryReader
from weshape_desktop.ui.grid import (
    PAGE_SIZE,
    PREVIEW_SIZE,
    BadgeRole,
    FormatsRole,
    ItemRole,
    Tile,
    TileModel,
    formats_badge,
    joined_tags,
    placeholder_pixmap,
)
from weshape_desktop.ui.library.collection_drop import add_ids
from weshape_desktop.ui.previews import PreviewService
from weshape_desktop.ui.tasks import Task, TaskRunner, describe_error

EntryRole = Qt.ItemDataRole.UserRole + 2  # the LibraryEntry (None while its page loads)
IDS_AFTER_FIRST_PAGE_MS = 20  # about a frame: the first page is painted by then
CACHED_PAGES = 16  # ~1,000 entries: several screens either way of the one in view
WANTED_PAGES = 6  # pages asked for during a fling; older wishes are dropped (asked again if seen)

MimeFactory = Callable[[list[LibraryEntry]], QMimeData]


def _local_svg(entry: LibraryEntry) -> LibraryFile | None:
    return next((f for f in entry.files if f.format == "svg"), None)


def _preview_sha(entry: LibraryEntry) -> str:
    """The preview's cache key: the local SVG's sha256, else the catalog's (server) one."""
    svg = _local_svg(entry)
    return svg.sha256 if svg is not None else entry.item.sha256


class LibraryModel(TileModel):
    """The ids matching a `LibraryQuery`, with entries loaded page by page as they are painted."""

    query_finished = Signal()  # the ids of the current query arrived (rowCount is final)
    query_failed = Signal(str)  # a translated message
    rows_loaded = Signal()  # a page of entries arrived (previews of the rows may follow)

    def __init__(
        self,
        tasks: TaskRunner,
        previews: PreviewService,
        library_dir: Path,
        lang: str | None = None,
        parent: QObject | None = None,
        *,
        mime_factory: MimeFactory | None = None,
        page_size: int = PAGE_SIZE,
        preview_size: int = PREVIEW_SIZE,
    ) -> None:
        super().__init__(previews, lang, parent, page_size=page_size, preview_size=preview_size)
        self._tasks = tasks
        self._library_dir = library_dir.absolute()  # file URLs need an absolute path
        self._mime_factory = mime_factory
        if mime_factory is not None:
            self._flags |= Qt.ItemFlag.ItemIsDragEnabled
        self._reader: LibraryReader | None = None
        self._query = LibraryQuery(lang=self._lang)
        self._ids: list[str] = []
        self._rows: dict[str, int] | None = None  # id -> row, built when first needed
        self._generation = 0  # bumped per id list: pages of an older list are dropped
        self._query_task: Task | None = None
        # After a new reader's first page, the rest of the ids wait a frame: their query holds
        # the GIL a while (~60 ms at 100k entries) and slowed the first page's paint ~10 ms.
        self._ids_timer = QTimer(self, singleShot=True, interval=IDS_AFTER_FIRST_PAGE_MS)
        self._ids_timer.timeout.connect(self._run_query)
        self._queried = False  # the current query's ids have arrived
        self._pages: OrderedDict[int, list[LibraryEntry | None]] = OrderedDict()  # LRU
        self._stale: set[int] = set()  # pages shown until their reload lands (after a refresh)
        self._refreshing = False  # the library changed: reload entries even if the ids didn't
        self._wanted: OrderedDict[int, None] = OrderedDict()  # pages to load, latest last
        self._page_task: Task | None = None
        self._rows_by_sha: dict[str, set[int]] = {}
        self.materialised = 0  # entries loaded so far (tests and benchmarks check laziness)

    # -- public API --------------------------------------------------------------------------

    def set_reader(self, reader: LibraryReader | None) -> None:
        """Query through `reader` (a read-only connection the caller owns), or show nothing."""
        self._reader = reader
        self._ids_timer.stop()
        self._cancel()
        self._replace_ids([])
        self._queried = False
        if reader is not None:
            self._run_first_page()

    def query(self) -> LibraryQuery:
        return self._query

    def set_query(self, query: LibraryQuery) -> None:
        """Show `query`; its ids load in the background and a result of an older query is
        dropped. Rows stay as they are until the new ids arrive, so typing doesn't flicker."""
        self._query = query
        if self._reader is not None:
            self._run_query()

    def refresh(self) -> None:
        """Run the current query again (the library changed) and reload the rows' entries."""
        if self._reader is not None:
            self._refreshing = True
            self._run_query()

    def is_loading(self) -> bool:
        """A query or a page of entries is on its way."""
        return self._query_task is not None or self._page_task is not None

    def query_loaded(self) -> bool:
        """The current query's ids have arrived and no newer query is under way."""
        return self._queried and self._query_task is None

    def ids(self) -> list[str]:
        return self._ids

    def row_of(self, item_id: str) -> int:
        """The row of `item_id`, or -1."""
        if self._rows is None:
            self._rows = {item_id: row for row, item_id in enumerate(self._ids)}
        return self._rows.get(item_id, -1)

    def entry(self, row: int) -> LibraryEntry | None:
        """The row's entry if its page is loaded (after a refresh, possibly the old one until
        the page is read again)."""
        page = self._pages.get(row // self._page_size)
        return None if page is None else page[row % self._page_size]

    def entries(self, rows: Sequence[int]) -> list[LibraryEntry]:
        """The entries of `rows`, reading the ones not loaded yet now, on this thread (a few
        for a drag or the current item: the read-only connection never waits for a write)."""
        found = {row: self._fresh_entry(row) for row in rows}
        missing = [self._ids[row] for row, entry in found.items() if entry is None]
        if missing and self._reader is not None:
            loaded = {e.item.id: e for e in self._reader.entries(missing)}
            found |= {row: loaded.get(self._ids[row]) for row, e in found.items() if e is None}
        return [entry for entry in found.values() if entry is not None]

    def loading_rows(self, first: int, last: int) -> bool:
        """Whether any of rows first..last still waits for its page (or its reload)."""
        pages = range(first // self._page_size, last // self._page_size + 1)
        return any(page not in self._pages or page in self._stale for page in pages)

    def _fresh_entry(self, row: int) -> LibraryEntry | None:
        return None if row // self._page_size in self._stale else self.entry(row)

    # -- TileModel and QAbstractListModel ----------------------------------------------------

    def _row_count(self) -> int:
        return len(self._ids)

    def _row_data(self, row: int, role: int) -> Any:
        entry = self._shown_entry(row)
        if entry is None:
            if role == Qt.ItemDataRole.DecorationRole:
                return placeholder_pixmap(self.preview_size, broken=False)
            return None
        item = entry.item
        if role == Qt.ItemDataRole.DisplayRole:
            return item.title_in(self._lang)
        if role == Qt.ItemDataRole.ToolTipRole:
            own_tags = ("، " if self._lang == "ar" else ", ").join(entry.tags)
            lines = (item.title_in(self._lang), own_tags, joined_tags(item, self._lang))
            return "\n".join(line for line in lines if line)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._tile_preview(row, _preview_sha(entry))
        if role == ItemRole:
            return item
        if role == EntryRole:
            return entry
        if role == BadgeRole:
            return _badge(entry)
        if role == FormatsRole:
            return _formats_pill(entry)
        return None

    def _tile(self, row: int) -> Tile:
        entry = self._shown_entry(row)
        if entry is None:
            placeholder = placeholder_pixmap(self.preview_size, broken=False)
            return Tile(None, None, placeholder, None, None, None)
        return Tile(
            entry.item,
            entry.item.title_in(self._lang),
            self._tile_preview(row, _preview_sha(entry)),
            _badge(entry),
            _formats_pill(entry),
            None,
        )

    def _shown_entry(self, row: int) -> LibraryEntry | None:
        """The row's entry as shown now; asks for its page if it isn't loaded or is stale."""
        entry = self.entry(row)
        page = row // self._page_size
        if entry is None or page in self._stale:
            self._want(page)
        return entry

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        if self._mime_factory is None:
            return QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        entries = self.entries(rows)
        mime = self._mime_factory(entries)
        add_ids(mime, [e.item.id for e in entries])  # for a drop elsewhere in a collection
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    # -- querying ----------------------------------------------------------------------------

    def _run_query(self) -> None:
        reader, query = self._reader, self._query
        assert reader is not None
        self._ids_timer.stop()
        if self._query_task is not None:
            self._query_task.cancel()  # a newer query wins; the older answer is dropped
        self._query_task = self._tasks.run(
            lambda: reader.query_ids(query),
            self._on_ids,
            self._on_query_error,
            owner=self,
        )

    def _run_first_page(self) -> None:
        # A new reader (the library just opened): its first page shows before all the ids
        # arrive, which at 100k entries take ~50 ms more.
        reader, query = self._reader, self._query
        assert reader is not None
        self._query_task = self._tasks.run(
            lambda: reader.query(query, 0, self._page_size),
            self._on_first_page,
            self._on_query_error,
            owner=self,
        )

    def _on_first_page(self, entries: list[LibraryEntry]) -> None:
        ids = [entry.item.id for entry in entries]
        self._replace_ids(ids)
        self._put_page(0, ids, entries)
        self._ids_timer.start()

    def _on_ids(self, ids: list[str]) -> None:
        self._query_task = None
        first_page = self._ids if not self._queried else None  # shown by _on_first_page
        self._queried = True
        refreshing, self._refreshing = self._refreshing, False
        if ids == self._ids:
            if refreshing:  # same rows, but their entries may have changed (favourite, tags…)
                self._generation += 1  # a page read before the change must not land
                self._stale = set(self._pages)
                self._wanted.clear()
                if self._page_task is not None:
                    self._page_task.cancel()
                    self._page_task = None
                self._emit_all_changed([])  # painting asks for the pages again
        elif first_page and ids[: len(first_page)] == first_page:
            self.beginInsertRows(QModelIndex(), len(first_page), len(ids) - 1)
            self._ids, self._rows = ids, None  # the page shown stays: rows come in below it
            self.endInsertRows()
            gc.freeze()  # see _put_page
        else:
            self._replace_ids(ids)
            gc.freeze()  # see _put_page
        self.query_finished.emit()

    def _on_query_error(self, exc: BaseException) -> None:
        self._query_task = None
        self._refreshing = False
        self.query_failed.emit(describe_error(exc))

    def _replace_ids(self, ids: list[str]) -> None:
        self.beginResetModel()
        self._ids = ids
        self._rows = None
        self._generation += 1
        self._drop_pages()
        self.endResetModel()

    def _cancel(self) -> None:
        for task in (self._query_task, self._page_task):
            if task is not None:
                task.cancel()
        self._query_task = self._page_task = None

    # -- pages -------------------------------------------------------------------------------

    def _want(self, page: int) -> None:
        # Only rows being painted get here: the latest painted page loads first, and pages
        # that flew past during a fling are forgotten (a view asks again if it paints them).
        self._wanted.pop(page, None)
        self._wanted[page] = None
        while len(self._wanted) > WANTED_PAGES:
            self._wanted.popitem(last=False)
        if self._page_task is None:
            self._load_next_page()

    def _load_next_page(self) -> None:
        if not self._wanted or self._reader is None:
            return
        page, _ = self._wanted.popitem()
        if page in self._pages and page not in self._stale:
            self._load_next_page()
            return
        reader, generation = self._reader, self._generation
        ids = self._ids[page * self._page_size : (page + 1) * self._page_size]
        self._page_task = self._tasks.run(
            lambda: reader.entries(ids),
            lambda entries: self._on_page(page, generation, ids, entries),
            self._on_page_error,
            owner=self,
        )

    def _on_page(
        self, page: int, generation: int, ids: list[str], entries: list[LibraryEntry]
    ) -> None:
        self._page_task = None
        if generation == self._generation:
            self._put_page(page, ids, entries)
        self._load_next_page()

    def _put_page(self, page: int, ids: list[str], entries: list[LibraryEntry]) -> None:
        by_id = {entry.item.id: entry for entry in entries}
        # An id whose entry was removed since the query stays an empty row until refresh.
        self._pages[page] = [by_id.get(item_id) for item_id in ids]
        self._pages.move_to_end(page)
        self._stale.discard(page)
        self.materialised += len(entries)
        first = page * self._page_size
        for row, entry in enumerate(self._pages[page], start=first):
            if entry is not None:
                self._rows_by_sha.setdefault(_preview_sha(entry), set()).add(row)
        while len(self._pages) > CACHED_PAGES:
            evicted, entries = self._pages.popitem(last=False)
            self._stale.discard(evicted)
            self._evict(evicted, entries)
        if ids:
            self.dataChanged.emit(self.index(first), self.index(first + len(ids) - 1), [])
        # Keep the cyclic GC from scanning the app's long-lived objects and the cached
        # entries again and again while scrolling churns pages (as CatalogModel does).
        # Entries hold no cycles: evicted ones are still freed, by reference counting.
        # Measured at 100k: full collections of 25-100 ms stalled scrolling without it.
        gc.freeze()
        self.rows_loaded.emit()

    def _on_page_error(self, exc: BaseException) -> None:
        self._page_task = None
        self._wanted.clear()  # don't retry in a loop; painting the rows again asks again
        self.query_failed.emit(describe_error(exc))

    def _evict(self, page: int, entries: list[LibraryEntry | None]) -> None:
        for row, entry in enumerate(entries, start=page * self._page_size):
            if entry is not None:
                rows = self._rows_by_sha.get(_preview_sha(entry))
                if rows is not None:
                    rows.discard(row)

    def _drop_pages(self) -> None:
        self._pages.clear()
        self._stale.clear()
        self._wanted.clear()
        self._rows_by_sha.clear()
        if self._page_task is not None:
            self._page_task.cancel()
            self._page_task = None

    # -- previews ----------------------------------------------------------------------------

    def _preview_sha(self, row: int) -> str | None:
        entry = self.entry(row)
        return None if entry is None else _preview_sha(entry)

    def _preview_missing(self, row: int, sha256: str) -> None:
        if (entry := self.entry(row)) is not None:
            self._request_entry_preview(entry)

    def _request_entry_preview(self, entry: LibraryEntry) -> None:
        self._request_preview(_preview_sha(entry), self._preview_url(entry))

    def preview_source(self, row: int) -> tuple[str | None, str | None]:
        entry = self.entry(row)
        return (None, None) if entry is None else (_preview_sha(entry), self._preview_url(entry))

    def _preview_url(self, entry: LibraryEntry) -> str | None:
        svg = _local_svg(entry)  # else the server's copy (url None: the service's template)
        return (self._library_dir / svg.path).as_uri() if svg is not None else None

    def _rows_showing(self, sha256: str) -> Iterable[int]:
        return self._rows_by_sha.get(sha256, ())


def _badge(entry: LibraryEntry) -> str | None:
    return "★" if entry.favourite else None


def _formats_pill(entry: LibraryEntry) -> str | None:
    return formats_badge(tuple(sorted({f.format for f in entry.files}))) or None
