"""The catalog browser: search, category/style filters and a grid of live previews.

Offline it shows what the `CatalogDiskCache` saved, under a banner that says from when (issue 4).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QDateTime, QEvent, QLocale, QModelIndex, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.catalog import Answer, CachedCatalog, CatalogDiskCache, Fetch
from weshape_desktop.core.models import CatalogQuery, Facet, Facets, Illustration
from weshape_desktop.ui.banner import Banner
from weshape_desktop.ui.catalog.catalog_grid import CatalogGrid
from weshape_desktop.ui.catalog.model import CatalogModel
from weshape_desktop.ui.grid import (
    GridPage,
    ItemRole,
)
from weshape_desktop.ui.i18n import default_language
from weshape_desktop.ui.previews import PreviewService
from weshape_desktop.ui.tasks import TaskRunner

SEARCH_DEBOUNCE_MS = 250

log = logging.getLogger(__name__)


class CatalogView(QWidget):
    """Browses the server catalog; `current_changed(Illustration | None)` feeds the detail panel."""

    current_changed = Signal(object)
    selection_changed = Signal()  # see selected_items()
    count_changed = Signal(int)
    searched = Signal(int)  # a search with words got its first page: how many match
    facets_loaded = Signal(object)  # Facets, for the detail panel's category/style names
    offline_changed = Signal(bool)  # the server can't be reached (True) / answers again (False)
    server_answered = Signal()  # a page came live from the server

    def __init__(
        self,
        api: ApiClient | None,
        tasks: TaskRunner,
        previews: PreviewService,
        lang: str | None = None,
        parent: QWidget | None = None,
        *,
        cache: CatalogDiskCache | None = None,
    ) -> None:
        super().__init__(parent)
        self._api = api
        self._tasks = tasks
        self._previews = previews
        self._lang = lang or default_language()
        self._cache = cache
        self._facets: Facets | None = None
        self._facets_cached = False  # from the cache: ask the server again on Retry
        self._facets_loading = False
        self._facets_again = False  # Retry came while a load was still failing: load once more
        self.model = CatalogModel(api, tasks, previews, self._lang, self, cache=cache)
        self._known_total = 0
        self._search_pending = False  # `searched` is owed once the new query's page arrives
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._build_ui()
        self._connect()
        self.retranslate_ui()
        if api is not None:
            self._start()

    # -- public API --------------------------------------------------------------------------

    def set_api(self, api: ApiClient | None) -> None:
        """Browse another server (the demo server starts after the window)."""
        self._api = api
        self._facets = None
        self._fill_facet_combos()
        self.model.set_api(api)
        if api is not None:
            self._load_facets()

    def set_language(self, lang: str) -> None:
        self._lang = lang
        self.model.set_language(lang)
        self._fill_facet_combos()
        if self.sort() == "title":  # titles sort in the language shown
            self._apply_query()

    def clear_search(self) -> None:
        """Back to the whole catalog: no text, no filters, one query."""
        self._search_timer.stop()
        for widget in (self.search_edit, self.category_combo, self.style_combo):
            widget.blockSignals(True)
        self.search_edit.clear()
        self.category_combo.setCurrentIndex(0)
        self.style_combo.setCurrentIndex(0)
        for widget in (self.search_edit, self.category_combo, self.style_combo):
            widget.blockSignals(False)
        self._apply_query()

    def sort(self) -> str:
        """The chosen sort order: "" (relevance), "newest" or "title"."""
        return str(self.sort_combo.currentData() or "")

    def set_sort(self, sort: str) -> None:
        """Show the catalog in `sort` order (e.g. the one remembered from the last session)."""
        self.sort_combo.setCurrentIndex(max(0, self.sort_combo.findData(sort)))

    def choose_variant(self, variant_id: str) -> None:
        """Show the current card in its style variant `variant_id`."""
        row = self.grid.proxy.flat_row(self.grid.currentIndex())
        if row >= 0:
            self.model.choose_variant(row, variant_id)

    def retry(self) -> None:
        if self._facets is None or self._facets_cached:
            self._load_facets()
        # Previews that failed while offline deserve another try, and tiles must ask again.
        self._previews.forget_failures()
        self.grid.viewport().update()
        self.model.reload()
        self.banner.set_busy(self.model.is_loading())  # one click, one attempt

    def is_offline(self) -> bool:
        """The catalog server could not be reached at the last attempt (cached rows or none)."""
        return self.model.is_offline()

    def current_item(self) -> object:
        index = self.grid.currentIndex()
        return index.data(ItemRole) if index.isValid() else None

    def selected_items(self) -> list[Illustration]:
        return self.grid.selected_items()

    def is_ready(self) -> bool:
        """Loaded, and every preview on screen is painted or broken (for --screenshot)."""
        model = self.model
        if self._api is None or model.is_loading() or not model.query_loaded():
            return False
        return self.grid.tiles_settled()

    # -- building and translating ------------------------------------------------------------

    def _build_ui(self) -> None:
        self.banner = Banner(self)
        self.search_edit = QLineEdit(self)
        self.search_edit.setClearButtonEnabled(True)
        self.category_combo = QComboBox(self)
        self.style_combo = QComboBox(self)
        self.sort_combo = QComboBox(self)
        for combo in (self.category_combo, self.style_combo, self.sort_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.grid = CatalogGrid(self.model, self)
        self.stack = GridPage(self.grid, self.clear_search, self)
        self.empty_label, self.clear_button = self.stack.label, self.stack.clear_button

        toolbar = QHBoxLayout()
        toolbar.addWidget(self.search_edit, 1)
        toolbar.addWidget(self.category_combo)
        toolbar.addWidget(self.style_combo)
        toolbar.addWidget(self.sort_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(toolbar)
        layout.addWidget(self.stack, 1)

    def _connect(self) -> None:
        self.banner.retry_clicked.connect(self.retry)
        self.search_edit.textChanged.connect(self._search_debounce_restart)
        self.search_edit.returnPressed.connect(self._apply_query)
        for combo in (self.category_combo, self.style_combo, self.sort_combo):
            combo.currentIndexChanged.connect(self._apply_query)
        self._search_timer.timeout.connect(self._apply_query)
        self.model.loading_changed.connect(self._on_loading_changed)
        self.model.load_failed.connect(self._on_load_failed)
        self.model.page_loaded.connect(self._on_page_loaded)
        self.model.offline_changed.connect(self._on_offline_changed)
        self.model.server_answered.connect(self.server_answered)
        self.model.total_loaded_changed.connect(self.count_changed)
        self.model.total_loaded_changed.connect(self._remember_total)
        self.model.modelReset.connect(lambda: self.current_changed.emit(None))
        self.model.variant_chosen.connect(self._on_variant_chosen)
        self.grid.selectionModel().currentChanged.connect(self._on_current_changed)
        self.grid.selectionModel().selectionChanged.connect(self.selection_changed)

    def retranslate_ui(self) -> None:
        self.search_edit.setPlaceholderText(self.tr("Search illustrations"))
        self.search_edit.setAccessibleName(self.search_edit.placeholderText())
        self.search_edit.setToolTip(self.tr("Search by title or tag (Ctrl+F)"))
        self.category_combo.setToolTip(self.tr("Show one category only"))
        self.style_combo.setToolTip(self.tr("Show one style only"))
        self.sort_combo.setToolTip(self.tr("Sort order"))
        self._fill_sorts()
        self.grid.setAccessibleName(self.tr("Catalog"))
        self._fill_facet_combos()
        self._update_empty_state()
        self._update_banner()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _fill_facet_combos(self) -> None:
        facets = self._facets
        self._fill_combo(
            self.category_combo, self.tr("All categories"), facets.categories if facets else ()
        )
        self._fill_combo(self.style_combo, self.tr("All styles"), facets.styles if facets else ())

    def _fill_sorts(self) -> None:
        chosen = self.sort()
        self.sort_combo.blockSignals(True)
        self.sort_combo.clear()
        self.sort_combo.addItem(self.tr("Relevance"), "")
        self.sort_combo.addItem(self.tr("Newest first"), "newest")
        self.sort_combo.addItem(self.tr("Title A–Z"), "title")
        self.sort_combo.setCurrentIndex(max(0, self.sort_combo.findData(chosen)))
        self.sort_combo.blockSignals(False)

    def _fill_combo(self, combo: QComboBox, all_text: str, facets: tuple[Facet, ...]) -> None:
        # Refilling (language switch, new server) must keep the choice and not start a query.
        chosen = combo.currentData() or ""
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_text, "")
        locale = QLocale()
        for facet in facets:
            combo.addItem(f"{facet.name_in(self._lang)} ({locale.toString(facet.count)})", facet.id)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        combo.blockSignals(False)

    # -- loading -----------------------------------------------------------------------------

    def _start(self) -> None:
        self._load_facets()
        self.model.set_query(self._current_query())

    def _load_facets(self) -> None:
        api = self._api
        if api is None:
            return
        if self._facets_loading:
            self._facets_again = True
            return
        self._facets_loading = True

        def show(answer: Answer[Facets]) -> None:
            # Drop facets of a server we no longer show.
            if api is self._api and answer.value is not None:
                self._facets, self._facets_cached = answer.value, answer.cached_at is not None
                self._fill_facet_combos()
                self.facets_loaded.emit(answer.value)

        def done(answer: Answer[Facets]) -> None:
            self._facets_loading = self._facets_again = False
            show(answer)

        def early(answer: Answer[Facets]) -> None:
            if self._facets is None:  # the server's facets may have come first
                show(answer)

        def failed(exc: BaseException) -> None:
            # The catalog load fails the same way and shows the banner; Retry asks again.
            self._facets_loading = False
            log.info("facets not loaded: %s", exc)
            if self._facets_again:
                self._facets_again = False
                self._load_facets()

        source = CachedCatalog(api, self._cache)
        self._tasks.run(source.facets, done, failed, owner=self)
        if self._facets is None and self._cache is not None:
            # The cached facets at once, in case the server is slow to answer.
            self._tasks.run(
                lambda: source.facets(Fetch.CACHE),
                early,
                lambda exc: log.info("cached facets not loaded: %s", exc),
                owner=self,
            )

    def _current_query(self) -> CatalogQuery:
        return CatalogQuery(
            q=self.search_edit.text().strip(),
            category=self.category_combo.currentData() or "",
            style=self.style_combo.currentData() or "",
            sort=f"title-{self._lang}" if self.sort() == "title" else self.sort(),
        )

    def _search_debounce_restart(self) -> None:
        self._search_timer.start()

    def _apply_query(self) -> None:
        self._search_timer.stop()
        query = self._current_query()
        if query != self.model.query() or self.model.has_failed():
            self._search_pending = bool(query.q)
            self.model.set_query(query)

    def _on_loading_changed(self, loading: bool) -> None:
        if loading:
            self.stack.show_grid()  # no "no results" while results may still come
        else:
            self.banner.set_busy(False)
            self._update_empty_state()

    def _on_load_failed(self, message: str) -> None:
        del message  # the model's failure_message(), translated when shown
        self._update_banner()
        self._update_empty_state()

    def _remember_total(self, total: int) -> None:
        self._known_total = total

    def _on_page_loaded(self) -> None:
        if self._search_pending:
            self._search_pending = False
            self.searched.emit(self._known_total)
        self._update_banner()
        self._update_empty_state()
        self.grid.settle_later()

    def _on_offline_changed(self, offline: bool) -> None:
        self._update_banner()
        self.grid.viewport().update()  # failed previews look loading offline, broken online
        self.offline_changed.emit(offline)

    def _update_banner(self) -> None:
        if self._api is None:
            return  # the main window says why there is no catalog (no server set, demo starting)
        model = self.model
        as_of = model.cached_as_of()
        if model.has_failed():
            self.banner.show_message(model.failure_message())
        elif as_of is not None and model.is_offline():
            self.banner.show_message(
                self._as_of_text(
                    self.tr("You're offline. Showing the catalog as of %1, %2."), as_of
                )
            )
        elif as_of is not None:  # page one is late: its cached copy stands in meanwhile
            text = self.tr(
                "The server is slow to answer. Showing the catalog as of %1, %2 until it does."
            )
            self.banner.show_message(self._as_of_text(text, as_of))
            self.banner.set_busy(True)  # the server is being asked already
        else:
            self.banner.hide()

    @staticmethod
    def _as_of_text(text: str, as_of: datetime) -> str:
        when = QDateTime.fromSecsSinceEpoch(int(as_of.timestamp())).toLocalTime()
        locale = QLocale()
        date = locale.toString(when.date(), "d MMMM yyyy")
        time = locale.toString(when.time(), QLocale.FormatType.ShortFormat)
        return text.replace("%1", date).replace("%2", time)

    def _update_empty_state(self) -> None:
        model = self.model
        searching = replace(model.query(), sort="") != CatalogQuery()  # the order narrows nothing
        empty = model.rowCount() == 0 and not model.is_loading() and not model.has_failed()
        # Offline, a search the cache never saw has no rows to show: say so, not "no results".
        unavailable = searching and model.rowCount() == 0 and model.has_failed()
        unavailable = unavailable and model.is_offline()
        empty = (empty or unavailable) and self._api is not None
        if not empty:
            self.stack.show_grid()
        elif unavailable:
            self.stack.show_message(
                self.tr(
                    "This search isn't available offline. Try again when you're back online, "
                    "or clear the search."
                ),
                clear_search=True,
            )
        elif not searching:
            self.stack.show_message(self.tr("The catalog has no illustrations yet."))
        else:
            self.stack.show_message(
                self.tr("No illustrations match your search."), clear_search=True
            )

    def _on_variant_chosen(self, family: str) -> None:
        item = self.current_item()
        if isinstance(item, Illustration) and item.family == family:
            self.current_changed.emit(item)  # the details and downloads follow the card

    def _on_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        del previous
        self.current_changed.emit(current.data(ItemRole) if current.isValid() else None)
