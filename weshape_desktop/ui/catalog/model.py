"""The catalog as a lazily paged list model (CONVENTIONS habit 3, Qt's fetchmore example).

One row (card) per illustration: the server sends each with its style variants, and the model
keeps which variant a card shows (`choose_variant`, per family, until the query changes); every
role answers for that variant, so the details, downloads and owned marks follow it.

Rows are `Illustration`s loaded a page at a time from the API on the TaskRunner and kept
compressed (`PackedItems`: 100k rows in ~10 MB, not ~140 MB), decoded a page at a time when a
view reads them. Previews come from the PreviewService and are requested only for rows a view
actually asks to paint.

Offline (issue 4): pages are saved to a `CatalogDiskCache` as they arrive. When the server can't be
reached the model shows the cached pages instead and stays offline — further pages and new queries
come from the cache only, with no waiting on a server that isn't there — until `reload()` (Retry)
gets a live first page, which replaces the cached rows. A server that is merely slow (or a
network that swallows packets, where only timeouts tell) doesn't leave the grid empty meanwhile:
after `EARLY_CACHE_MS` the cached first page is shown, and replaced when the server answers.
"""

from __future__ import annotations

import gc
from collections import OrderedDict
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal

from weshape_desktop.core.catalog import (
    Answer,
    CachedCatalog,
    CatalogDiskCache,
    Fetch,
    PackedItems,
    PackedPage,
)
from weshape_desktop.core.errors import OfflineError
from weshape_desktop.core.models import CatalogPage, CatalogQuery, Illustration, Variant
from weshape_desktop.ui.grid import (
    PAGE_SIZE,
    PREVIEW_SIZE,
    FormatsRole,
    ItemRole,
    Tile,
    TileModel,
    VariantsRole,
    formats_badge,
    joined_tags,
)
from weshape_desktop.ui.previews import PreviewService
from weshape_desktop.ui.tasks import Task, TaskRunner, describe_error

if TYPE_CHECKING:  # the client (and `requests`) load with whoever connects to a server
    from weshape_desktop.core.api import ApiClient
    from weshape_desktop.core.library import LibraryReader

# Files whose tiles wait for a preview; more than any screen shows, so only tiles long scrolled
# away are forgotten (they ask again when painted again).
WAITING_LIMIT = 4096
EARLY_CACHE_MS = 1000  # page one slower than this from the server: show the cached copy meanwhile

AnyIndex = QModelIndex | QPersistentModelIndex


class CatalogModel(TileModel):
    """Illustrations matching a `CatalogQuery`, fetched page by page in the background."""

    loading_changed = Signal(bool)
    load_failed = Signal(str)  # a translated message; the view shows it in a banner
    total_loaded_changed = Signal(int)  # items matching the query if known, else loaded so far
    page_loaded = Signal()  # a page arrived, live or from the cache (the view updates its banner)
    server_answered = Signal()  # a page came live from the server: this session has been online
    offline_changed = Signal(bool)  # the server could not be reached / answered again
    owned_changed = Signal()  # what the library holds of the loaded rows is known anew
    variant_chosen = Signal(str)  # a card (this family id) shows another style variant now

    def __init__(
        self,
        api: ApiClient | None,
        tasks: TaskRunner,
        previews: PreviewService,
        lang: str | None = None,
        parent: QObject | None = None,
        *,
        page_size: int = PAGE_SIZE,
        preview_size: int = PREVIEW_SIZE,
        cache: CatalogDiskCache | None = None,
        early_cache_ms: int = EARLY_CACHE_MS,
    ) -> None:
        super().__init__(previews, lang, parent, page_size=page_size, preview_size=preview_size)
        self._api = api
        self._cache = cache
        self._tasks = tasks
        self._query = CatalogQuery()
        self._items = PackedItems()
        # sha256 -> rows painted with the loading placeholder, repainted when the preview comes
        self._waiting: OrderedDict[str, set[int]] = OrderedDict()
        self._cursor: str | None = None
        self._total: int | None = None
        self._pages = 0  # pages of the current query loaded so far
        self._started = False  # the first page of the current query has been requested
        self._failed = False  # stop auto-fetching until reload(), or views would hammer the server
        self._failure: BaseException | None = None
        self._offline: OfflineError | None = None  # why the server is unreachable, when it is
        self._cache_only = False  # offline: pages come from the cache until reload()
        self._cached_as_of: datetime | None = None  # oldest fetch time of rows from the cache
        self._task: Task | None = None
        # Cached page one shown while the server's page one is still in flight (replaced by it).
        self._early_timer = QTimer(self, singleShot=True, interval=early_cache_ms)
        self._early_timer.timeout.connect(self._show_early_cache)
        self._early_task: Task | None = None
        self._early_shown = False
        # What the library holds of the loaded rows (item id -> formats), looked up per page.
        self._library: LibraryReader | None = None
        self._owned: dict[str, tuple[str, ...]] = {}
        self._flags |= Qt.ItemFlag.ItemIsDragEnabled  # tiles drag out as files (DragOut)
        self._chosen: dict[str, str] = {}  # family -> the variant its card shows, if not the first

    # -- public API --------------------------------------------------------------------------

    def set_api(self, api: ApiClient | None) -> None:
        """Use another server (or none) and load the current query from it."""
        self._api = api
        self._cache_only = False  # ask the new server first
        self.set_query(self._query)

    def query(self) -> CatalogQuery:
        return self._query

    def set_query(self, query: CatalogQuery) -> None:
        """Show `query`: drop everything loaded (and any page still in flight), load page one."""
        self._cancel_task()
        self.beginResetModel()
        self._query = query
        self._items = PackedItems()
        self._chosen.clear()
        self._waiting.clear()
        self._cursor = None
        self._total = None
        self._pages = 0
        self._started = False
        self._failed = False
        self._failure = None
        self._cached_as_of = None
        # Ask again for previews of the new rows: the service may have dropped stale requests.
        self.endResetModel()
        self.total_loaded_changed.emit(0)
        # A view reacting to the reset may already have called fetchMore for page one.
        if self._api is not None and self._task is None:
            self._fetch_page()

    def reload(self) -> None:
        """Retry after a failure: page one again, or the page that failed. Rows from the cache
        stay on screen until the server's first page replaces them all."""
        if self._api is None:
            return
        if self._cached_as_of is not None:
            self._cancel_task()  # e.g. the next cached page: the live first page replaces it
            self._cache_only = False
            self._fetch_page(replace=True)
            return
        if self._task is not None:
            return
        self._cache_only = False
        self._failed = False
        if self.canFetchMore(QModelIndex()):
            self._fetch_page()

    def is_loading(self) -> bool:
        return self._task is not None

    def query_loaded(self) -> bool:
        """The first page of the current query has arrived (it may have been empty)."""
        return self._started and self._task is None and not self._failed

    def has_failed(self) -> bool:
        return self._failed

    def failure_message(self) -> str:
        """Why the last page failed, translated now (the language may have changed since)."""
        return describe_error(self._failure) if self._failure is not None else ""

    def is_offline(self) -> bool:
        """The server could not be reached at the last attempt (refused, timeout, DNS)."""
        return self._offline is not None

    def cached_as_of(self) -> datetime | None:
        """When the oldest of the rows shown from the cache was fetched (UTC); None when every
        row is live."""
        return self._cached_as_of

    def item(self, row: int) -> Illustration:
        """The row's illustration in the style variant its card shows."""
        item = self._items[row]
        chosen = self._chosen.get(item.family)
        return item.with_variant(chosen) if chosen else item

    def choose_variant(self, row: int, variant_id: str) -> bool:
        """Show row `row`'s card (its preview, details, downloads and marks) in the style
        variant `variant_id`; False if the row has no such variant."""
        item = self._items[row]
        if variant_id not in {variant.id for variant in item.variants}:
            return False
        self._chosen[item.family] = variant_id
        index = self.index(row)
        self.dataChanged.emit(index, index, [])  # every role: preview, marks, tooltip, swatches
        self.variant_chosen.emit(item.family)
        return True

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != VariantsRole or not index.isValid() or index.row() >= len(self._items):
            return False
        return self.choose_variant(index.row(), str(value))

    def set_library(self, library: LibraryReader | None) -> None:
        """Mark the rows the library `library` holds (None: no marks)."""
        self._library = library
        self.refresh_owned()

    def refresh_owned(self) -> None:
        """Look up again what the library holds of every loaded row (a download finished, the
        library was edited)."""
        self._look_up_owned(0, len(self._items), replace=True)

    def owned_formats(self, item_id: str) -> tuple[str, ...]:
        """The formats of `item_id` in the library, as last looked up ("png", "svg")."""
        return self._owned.get(item_id, ())

    def _look_up_owned(self, first: int, end: int, *, replace: bool = False) -> None:
        library, items = self._library, self._items
        if library is None:
            if self._owned:
                self._owned = {}
                self._owned_arrived(items, {}, 0, end, replace=True)
            return
        # Every variant: the mark follows the one a card shows.
        ids = [
            variant.id
            for row in range(first, end)
            for variant in items[row].variants or (items[row],)
        ]
        self._tasks.run(
            lambda: library.owned_formats(ids),
            lambda owned: self._owned_arrived(items, owned, first, end, replace=replace),
            owner=self,
        )

    def _owned_arrived(
        self,
        items: PackedItems,
        owned: dict[str, tuple[str, ...]],
        first: int,
        end: int,
        *,
        replace: bool,
    ) -> None:
        if items is not self._items:
            return  # rows of a query nobody shows any more
        self._owned = owned if replace else {**self._owned, **owned}
        if end > first:
            roles = [FormatsRole, Qt.ItemDataRole.ToolTipRole]
            self.dataChanged.emit(self.index(first), self.index(end - 1), roles)
        self.owned_changed.emit()

    # -- TileModel and QAbstractListModel ----------------------------------------------------

    def _row_count(self) -> int:
        return len(self._items)

    def _row_data(self, row: int, role: int) -> Any:
        item = self.item(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return item.title_in(self._lang)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [item.title_in(self._lang), joined_tags(item, self._lang)]
            if owned := self._owned.get(item.id):
                lines.append(self.tr("In your library: %1").replace("%1", formats_badge(owned)))
            return "\n".join(line for line in lines if line)
        if role == FormatsRole:
            return self._formats_pill(item)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._tile_preview(row, item.sha256)
        if role == ItemRole:
            return item
        if role == VariantsRole:
            return _swatches(item)
        return None

    def _tile(self, row: int) -> Tile:
        item = self.item(row)
        return Tile(
            item,
            item.title_in(self._lang),
            self._tile_preview(row, item.sha256),
            None,
            self._formats_pill(item),
            _swatches(item),
        )

    def _formats_pill(self, item: Illustration) -> str | None:
        owned = self._owned.get(item.id)
        return "✓ " + formats_badge(owned) if owned else None

    def canFetchMore(self, parent: AnyIndex) -> bool:
        if parent.isValid() or self._api is None or self._failed:
            return False
        return not self._started or self._cursor is not None

    def fetchMore(self, parent: AnyIndex) -> None:
        # Views call this repeatedly while the last row is visible; one request at a time.
        if self._task is None and self.canFetchMore(parent):
            self._fetch_page()

    # -- paging ------------------------------------------------------------------------------

    def _fetch_page(self, *, replace: bool = False) -> None:
        """Load the next page; `replace`: the first page from the server, to replace every row."""
        assert self._api is not None
        source = CachedCatalog(self._api, self._cache)
        query, limit = self._query, self._page_size
        cursor, number = (None, 0) if replace else (self._cursor, self._pages)
        if replace:
            fetch = Fetch.SERVER
        else:
            fetch = Fetch.CACHE if self._cache_only else Fetch.SERVER_OR_CACHE
            self._started = True

        def load() -> tuple[Answer[CatalogPage], PackedPage | None]:
            answer = source.page(query, cursor, limit, number, fetch)
            # Compressed here, so the GUI thread only appends the bytes.
            return answer, PackedPage.pack(answer.value.items) if answer.value else None

        self._task = self._tasks.run(
            load,
            lambda loaded: self._on_page(*loaded, replace or self._take_early()),
            lambda exc: self._on_page_error(exc, replace or self._take_early()),
            owner=self,  # a model deleted meanwhile (its window closed) ignores the answer
        )
        if number == 0 and fetch is Fetch.SERVER_OR_CACHE and self._cache is not None:
            self._early_timer.start()
        self.loading_changed.emit(True)

    def _show_early_cache(self) -> None:
        """Page one is slow to come: show the cached copy until the server's replaces it."""
        if self._task is None or self._items or self._api is None:
            return
        source = CachedCatalog(self._api, self._cache)
        query, limit, pending = self._query, self._page_size, self._task

        def load() -> tuple[Answer[CatalogPage], PackedPage | None]:
            answer = source.page(query, None, limit, 0, Fetch.CACHE)
            return answer, PackedPage.pack(answer.value.items) if answer.value else None

        def shown(loaded: tuple[Answer[CatalogPage], PackedPage | None]) -> None:
            self._early_task = None
            answer, packed = loaded
            # Only while that server request is still the one awaited, and found in the cache.
            if self._task is pending and not self._items and answer.value and packed:
                self._early_shown = True
                self._add_page(answer, packed)
                self.page_loaded.emit()

        self._early_task = self._tasks.run(load, shown, lambda exc: None, owner=self)

    def _take_early(self) -> bool:
        """The awaited page arrived: True if the cached copy is on screen (to be replaced)."""
        self._early_timer.stop()
        if self._early_task is not None:
            self._early_task.cancel()
            self._early_task = None
        shown, self._early_shown = self._early_shown, False
        return shown

    def _cancel_task(self) -> None:
        self._take_early()
        if self._task is not None:
            self._task.cancel()  # its page belongs to a query nobody shows any more
            self._task = None
            self.loading_changed.emit(False)

    def _on_page(
        self, answer: Answer[CatalogPage], packed: PackedPage | None, replace: bool
    ) -> None:
        self._task = None
        page = answer.value
        if page is None:  # offline, and the cache never saw this page
            if self._items:
                self._cursor = None  # the end of what can be shown offline
                self.loading_changed.emit(False)
            else:
                self._started = False  # reload() asks the server for page one
                self._fail(self._offline or OfflineError())
            return
        if replace and answer.cached_at is not None:
            # The server failed while its cached page one was already on screen: keep it.
            self._set_offline(answer.offline)
            self.loading_changed.emit(False)
            self.page_loaded.emit()
            return
        if replace:
            self.beginResetModel()
            self._items, self._pages = PackedItems(), 0
            self._waiting.clear()
            self._total = self._cached_as_of = None
            self._failed, self._failure = False, None
            self.endResetModel()
        # Before the rows go in: a view may ask for the next page as they arrive, and offline
        # that page must come from the cache.
        if answer.offline is not None:
            self._set_offline(answer.offline)
        elif answer.cached_at is None:
            self._set_offline(None)
            self.server_answered.emit()
        if packed is not None:
            self._add_page(answer, packed)
        self.loading_changed.emit(False)
        self.page_loaded.emit()

    def _add_page(self, answer: Answer[CatalogPage], packed: PackedPage) -> None:
        page = answer.value
        assert page is not None
        self._cursor = page.next_cursor
        self._pages += 1
        if answer.cached_at is not None:
            self._cached_as_of = min(answer.cached_at, self._cached_as_of or answer.cached_at)
        if page.items:
            first = len(self._items)
            self.beginInsertRows(QModelIndex(), first, first + len(page.items) - 1)
            self._items.append(packed, page.items)
            self.endInsertRows()
            self._look_up_owned(first, len(self._items))
            # What is alive by now (modules, widgets, decoded rows) lives long: keep the cyclic
            # GC from re-scanning it (measured: full collections of 35-57 ms while scrolling,
            # 50-300 ms when every row was an Illustration).
            gc.freeze()
        if page.total is not None:
            self._total = page.total
        known = self._total if self._total is not None else len(self._items)
        self.total_loaded_changed.emit(known)

    def _on_page_error(self, exc: BaseException, replace: bool) -> None:
        self._task = None
        if replace and isinstance(exc, OfflineError):
            # Retry while showing the cache: still offline; the cached rows stay.
            self._set_offline(exc)
            self.loading_changed.emit(False)
            return
        if not self._items and self._cursor is None:
            self._started = False  # page one failed: reload() must ask for it again
        self._fail(exc)

    def _fail(self, exc: BaseException) -> None:
        self._failed, self._failure = True, exc
        self._set_offline(exc if isinstance(exc, OfflineError) else None)
        self.loading_changed.emit(False)
        self.load_failed.emit(describe_error(exc))

    def _set_offline(self, reason: OfflineError | None) -> None:
        was_offline = self._offline is not None
        self._offline = reason
        # Only a cache can answer without the server; without one, keep asking it.
        self._cache_only = reason is not None and self._cache is not None
        if was_offline != (reason is not None):
            self.offline_changed.emit(reason is not None)

    # -- previews ----------------------------------------------------------------------------

    def _preview_sha(self, row: int) -> str:
        return self.item(row).sha256

    def _failures_look_broken(self) -> bool:
        # Offline, a preview fails because the server is away, not because it is broken.
        return self._offline is None

    def _preview_missing(self, row: int, sha256: str) -> None:
        self._request_preview(sha256)
        rows = self._waiting.setdefault(sha256, set())
        rows.add(row)
        self._waiting.move_to_end(sha256)
        if len(self._waiting) > WAITING_LIMIT:
            self._waiting.popitem(last=False)

    def _rows_showing(self, sha256: str) -> Iterable[int]:
        return sorted(self._waiting.pop(sha256, ()))


def _swatches(item: Illustration) -> list[tuple[Variant, bool]] | None:
    """VariantsRole: a card's variants, each with whether it is the one shown; None for one."""
    if len(item.variants) < 2:
        return None
    return [(variant, variant.id == item.id) for variant in item.variants]
