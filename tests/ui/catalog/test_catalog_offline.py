"""The catalog offline (issue 4): a real server that stops and starts again, a real cache folder."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import shiboken6
from PySide6.QtCore import QDate, QLocale, QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from tests.held_requests import HeldRequests
from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.catalog import CatalogDiskCache
from weshape_desktop.core.models import CatalogQuery
from weshape_desktop.core.paths import AppPaths
from weshape_desktop.server.app import create_app
from weshape_desktop.server.catalog_source import Catalog, load_catalog
from weshape_desktop.server.runner import ServerThread
from weshape_desktop.server.settings import ServerSettings
from weshape_desktop.ui.catalog import CatalogModel, CatalogView
from weshape_desktop.ui.grid import placeholder_pixmap
from weshape_desktop.ui.previews import PreviewService

TIMEOUT = 15_000
Decoration = Qt.ItemDataRole.DecorationRole


class RestartableServer:
    """The reference server, stopped and started again on the same address (as after an outage).
    `held` holds chosen requests until the test releases them."""

    def __init__(self) -> None:
        self.catalog = load_catalog()
        self.port = 0
        self.held = HeldRequests()
        self._thread: ServerThread | None = None

    def start(self, catalog: Catalog | None = None) -> str:
        app = create_app(
            ServerSettings(require_account_for_downloads=False), catalog=catalog or self.catalog
        )
        self._thread = ServerThread(self.held.wrap(app), port=self.port).start()
        self.port = urlsplit(self._thread.url).port or 0
        return self._thread.url

    def stop(self) -> None:
        self.held.release_all()
        if self._thread is not None:
            self._thread.stop()
            self._thread = None


@pytest.fixture
def server() -> Iterator[RestartableServer]:
    server = RestartableServer()
    yield server
    server.stop()


@pytest.fixture
def url(server: RestartableServer) -> str:
    return server.start()


@pytest.fixture
def server_previews(qapp, url: str, weshape_home: Path) -> Iterator[PreviewService]:
    """Previews from the restartable server, cached on disk under this test's home."""
    service = PreviewService(weshape_home / "cache", f"{url}/v1/previews/{{sha256}}", workers=1)
    yield service
    service.shutdown()


def new_cache(**limits: int) -> CatalogDiskCache:
    """The app's cache folder: each new one is what a restarted app would open."""
    return CatalogDiskCache(AppPaths.resolve().catalog_cache_dir, **limits)


def make_view(qtbot, api, tasks, previews, lang="en") -> CatalogView:
    view = CatalogView(api, tasks, previews, lang, cache=new_cache())
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    return view


def ids(model: CatalogModel) -> list[str]:
    return [model.item(r).id for r in range(model.rowCount())]


def counting(api: ApiClient) -> list[CatalogQuery]:
    """Record the catalog requests `api` sends to the server."""
    sent: list[CatalogQuery] = []
    real = api.catalog

    def catalog(query, cursor=None, limit=60):
        sent.append(query)
        return real(query, cursor, limit)

    api.catalog = catalog  # type: ignore[method-assign]
    return sent


def modeltester_failures(qtlog) -> list[str]:
    return [r.message for r in qtlog.records if "FAIL" in r.message]


def test_restarted_offline_shows_the_cache_then_retry_goes_live(
    qtbot, qtlog, api_for, tasks, server, url, server_previews
):
    online = make_view(qtbot, api_for(url), tasks, server_previews)
    online.search_edit.setText("database")  # a search seen online is there offline too
    qtbot.waitUntil(lambda: online.model.query().q == "database", timeout=TIMEOUT)
    qtbot.waitUntil(online.model.query_loaded, timeout=TIMEOUT)
    found = ids(online.model)
    assert 0 < len(found) < len(server.catalog.entries)
    online.clear_search()
    qtbot.waitUntil(online.is_ready, timeout=TIMEOUT)  # rows, and the previews on screen drawn
    qtbot.waitUntil(lambda: online.category_combo.count() > 1, timeout=TIMEOUT)
    seen = ids(online.model)
    assert seen and not online.is_offline() and not online.banner.isVisible()
    online.close()
    server.stop()

    # The app starts again with the same server setting; nothing answers there now.
    api = api_for(url)
    view = make_view(qtbot, api, tasks, server_previews)
    tester = QAbstractItemModelTester(
        view.model, QAbstractItemModelTester.FailureReportingMode.Warning
    )
    offline_changes: list[bool] = []
    view.offline_changed.connect(offline_changes.append)
    qtbot.waitUntil(lambda: ids(view.model) == seen, timeout=TIMEOUT)
    assert offline_changes == [True] and view.is_offline()
    assert view.banner.isVisible() and view.banner.retry_button.isEnabled()
    today = QLocale().toString(QDate.currentDate(), "d MMMM yyyy")
    assert view.banner.message().startswith(
        f"You're offline. Showing the catalog as of {today}, "
    ), view.banner.message()
    as_of = view.model.cached_as_of()
    assert as_of is not None and datetime.now(UTC) - as_of < timedelta(minutes=5)
    qtbot.waitUntil(lambda: view.category_combo.count() > 1, timeout=TIMEOUT)  # cached facets
    assert view.stack.currentWidget() is view.grid

    # Previews drawn before come from the disk cache.
    qtbot.waitUntil(view.is_ready, timeout=TIMEOUT)
    first, last = view.grid.visible_rows()
    size = view.model.preview_size
    assert all(
        server_previews.pixmap(view.model.item(r).sha256, size) is not None
        for r in range(first, last + 1)
    )
    # Tiles never drawn get the loading placeholder once, not a broken mark or a retry loop.
    bar = view.grid.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(view.is_ready, timeout=TIMEOUT)
    first, last = view.grid.visible_rows()
    failed = [
        r
        for r in range(first, last + 1)
        if server_previews.failure_reason(view.model.item(r).sha256, size) is not None
    ]
    assert failed, "every tile at the end was drawn online: the test proves nothing"
    loading = placeholder_pixmap(size, broken=False).cacheKey()
    assert all(view.model.index(r).data(Decoration).cacheKey() == loading for r in failed)
    view.grid.viewport().repaint()
    assert server_previews.pending_count() == 0

    # Searching offline: the cache only, no waiting on the server.
    sent = counting(api)
    view.search_edit.setText("database")
    qtbot.waitUntil(lambda: ids(view.model) == found, timeout=TIMEOUT)
    assert view.banner.message().startswith("You're offline. Showing the catalog as of")
    view.search_edit.setText("zzqx-never-searched")
    qtbot.waitUntil(lambda: view.stack.currentIndex() == 1, timeout=TIMEOUT)
    assert view.empty_label.text().startswith("This search isn't available offline.")
    assert view.clear_button.isVisible()
    qtbot.mouseClick(view.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ids(view.model) == seen, timeout=TIMEOUT)
    assert view.banner.message().startswith("You're offline. Showing the catalog as of")
    assert sent == [] and view.is_offline()

    # Retry while the server is still away: the cached rows and the banner stay.
    as_of_text = view.banner.message()
    qtbot.mouseClick(view.banner.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.model.is_loading(), timeout=TIMEOUT)
    assert ids(view.model) == seen and view.banner.message() == as_of_text
    assert view.banner.retry_button.isEnabled() and offline_changes == [True]

    # The server is back, with a changed catalog: Retry replaces every cached row at once.
    changed = dataclasses.replace(server.catalog, entries=server.catalog.entries[7:])
    server.start(changed)
    live_first_page = [item.id for item in api_for(url).catalog(CatalogQuery()).items]
    assert live_first_page != seen[: len(live_first_page)]
    with qtbot.waitSignal(view.model.modelReset, timeout=TIMEOUT):
        qtbot.mouseClick(view.banner.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.model.is_loading(), timeout=TIMEOUT)
    assert ids(view.model)[: len(live_first_page)] == live_first_page
    assert not view.banner.isVisible() and not view.is_offline()
    assert offline_changes == [True, False] and view.model.cached_as_of() is None
    assert modeltester_failures(qtlog) == []
    del tester


def test_nothing_cached_keeps_the_old_offline_message(
    qtbot, api_for, tasks, server, refused_url, server_previews
):
    view = make_view(qtbot, api_for(refused_url), tasks, server_previews)
    offline_changes: list[bool] = []
    view.offline_changed.connect(offline_changes.append)
    qtbot.waitUntil(view.banner.isVisible, timeout=TIMEOUT)
    assert view.banner.message().startswith("Can't reach the weShape server.")
    assert view.model.rowCount() == 0 and view.stack.currentWidget() is view.grid
    assert offline_changes == [True] and view.is_offline()
    assert view.category_combo.count() == 1  # "All categories" only: no facets anywhere


def test_offline_paging_ends_where_the_cache_ends(
    qtbot, api_for, tasks, server, url, server_previews
):
    def load_all(model: CatalogModel) -> None:
        qtbot.waitUntil(lambda: not model.is_loading(), timeout=TIMEOUT)
        while model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())
            qtbot.waitUntil(lambda: not model.is_loading(), timeout=TIMEOUT)

    # The cache keeps two pages of the default query; the catalog has six (29 illustrations).
    kept_two = new_cache(default_query_pages=2)
    model = CatalogModel(api_for(url), tasks, server_previews, "en", page_size=5, cache=kept_two)
    model.set_query(CatalogQuery())
    load_all(model)
    every = ids(model)
    assert len(every) == len({entry.family for entry in server.catalog.entries}) == 29
    server.stop()

    offline = CatalogModel(api_for(url), tasks, server_previews, "en", page_size=5, cache=kept_two)
    with qtbot.waitSignal(offline.offline_changed, timeout=TIMEOUT) as went:
        offline.set_query(CatalogQuery())
    assert went.args == [True]
    load_all(offline)
    assert ids(offline) == every[:10] and not offline.has_failed() and offline.is_offline()


def test_server_stopping_in_the_middle_of_paging(
    qtbot, api_for, tasks, server, url, server_previews
):
    category = server.catalog.entries[0].category  # three illustrations: pages of two and one
    model = CatalogModel(api_for(url), tasks, server_previews, "en", page_size=2, cache=new_cache())
    model.set_query(CatalogQuery(category=category))
    qtbot.waitUntil(lambda: model.rowCount() == 2 and not model.is_loading(), timeout=TIMEOUT)
    server.stop()
    with qtbot.waitSignal(model.load_failed, timeout=TIMEOUT) as failed:
        model.fetchMore(QModelIndex())  # page two was never fetched, so never cached
    assert failed.args[0].startswith("Can't reach the weShape server.")
    assert model.is_offline() and model.cached_as_of() is None and model.rowCount() == 2

    server.start()
    with qtbot.waitSignal(model.offline_changed, timeout=TIMEOUT) as back:
        model.reload()  # the page that failed, not page one again
    assert back.args == [False]
    qtbot.waitUntil(lambda: not model.is_loading(), timeout=TIMEOUT)
    assert model.rowCount() == 3 and not model.has_failed()


def test_a_server_slow_to_answer_shows_the_cache_until_it_goes_away(
    qtbot, api_for, tasks, server, url, server_previews
):
    online = make_view(qtbot, api_for(url), tasks, server_previews)
    qtbot.waitUntil(online.model.query_loaded, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: online.category_combo.count() > 1, timeout=TIMEOUT)
    seen = ids(online.model)
    online.close()

    # The server takes the catalog requests and doesn't answer until the test says so; the
    # client's timeout is longer than this whole test, so only the release ends them.
    gone = server.held.hold("/v1/catalog", drop=True)
    patient = ApiClient(url, timeout=600.0, retries=0)
    view = CatalogView(patient, tasks, server_previews, "en", cache=new_cache())
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: ids(view.model) == seen, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: view.category_combo.count() > 1, timeout=TIMEOUT)  # cached facets
    # The facets were asked for too (and are held), not just read from the cache.
    qtbot.waitUntil(lambda: server.held.seen("/v1/catalog/facets"), timeout=TIMEOUT)
    assert view.model.is_loading() and not view.is_offline()
    assert view.banner.message().startswith("The server is slow to answer."), view.banner.message()
    assert not view.banner.retry_button.isEnabled()  # it is being asked already

    # The server goes away mid-request: offline, and the same rows stay (no reset, no flicker).
    with qtbot.assertNotEmitted(view.model.modelReset):
        gone.set()
        qtbot.waitUntil(view.is_offline, timeout=TIMEOUT)
    assert ids(view.model) == seen
    assert view.banner.message().startswith("You're offline. Showing the catalog as of")
    assert view.banner.retry_button.isEnabled()
    patient.close()


def test_a_view_closed_while_its_requests_are_out_ignores_their_answers(
    qtbot, qapp, api_for, tasks, server, url, server_previews
):
    """The page, the early cached copy and the facets answer after the view (and its model's
    timers) are gone: nothing of the view is touched, nothing raises."""
    online = make_view(qtbot, api_for(url), tasks, server_previews)
    qtbot.waitUntil(online.model.query_loaded, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: online.category_combo.count() > 1, timeout=TIMEOUT)
    online.close()

    gone = server.held.hold("/v1/catalog", drop=True)  # the page fails, the facets too
    patient = ApiClient(url, timeout=600.0, retries=0)
    view = CatalogView(patient, tasks, server_previews, "en", cache=new_cache())
    view.show()
    qtbot.waitUntil(lambda: server.held.seen("/v1/catalog/facets"), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=TIMEOUT)  # the cached copy
    view.deleteLater()
    qtbot.waitUntil(lambda: shiboken6.isValid(view) is False, timeout=TIMEOUT)
    gone.set()
    assert tasks.wait_idle(TIMEOUT)
    with qtbot.captureExceptions() as raised:
        qapp.processEvents()  # the answers' callbacks are delivered now
    assert not raised, raised
    patient.close()
