"""CatalogModel against the real reference server: paging, queries, failures, previews."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from weshape_desktop.core.models import CatalogQuery
from weshape_desktop.ui.catalog import CatalogModel
from weshape_desktop.ui.grid import ItemRole, placeholder_pixmap

TIMEOUT = 15_000


def wait_loaded(qtbot, model: CatalogModel) -> None:
    qtbot.waitUntil(lambda: not model.is_loading(), timeout=TIMEOUT)


def load_all(qtbot, model: CatalogModel) -> int:
    """Drive fetchMore like a scrolling view would; return how many pages it took."""
    pages = 0
    wait_loaded(qtbot, model)
    pages += 1
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
        model.fetchMore(QModelIndex())  # a second call while one is in flight must do nothing
        assert tasks_in_flight(model) == 1
        wait_loaded(qtbot, model)
        pages += 1
    return pages


def tasks_in_flight(model: CatalogModel) -> int:
    return model._tasks.pending()


def ids(model: CatalogModel) -> list[str]:
    return [model.item(r).id for r in range(model.rowCount())]


def modeltester_failures(qtlog) -> list[str]:
    return [r.message for r in qtlog.records if "FAIL" in r.message]


def test_pages_load_once_and_pass_the_model_tester(qtbot, qtlog, api_for, live, tasks, previews):
    api = api_for(live.url)
    requested_cursors: list[str | None] = []
    real_catalog = api.catalog

    def counting_catalog(query, cursor=None, limit=60):
        requested_cursors.append(cursor)
        return real_catalog(query, cursor, limit)

    api.catalog = counting_catalog
    model = CatalogModel(api, tasks, previews, "en", page_size=7)
    counts: list[int] = []
    model.total_loaded_changed.connect(counts.append)
    with qtbot.waitSignal(model.loading_changed, timeout=TIMEOUT):
        model.set_query(CatalogQuery())
    # Attached while page one is in flight; it calls fetchMore after every change, like an
    # eager view, which must still request each page exactly once.
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)
    load_all(qtbot, model)

    loaded = ids(model)
    assert len(loaded) == live.total
    assert len(set(loaded)) == live.total, "an item was loaded twice"
    assert len(requested_cursors) == -(-live.total // 7), "a page was requested twice"
    assert len(set(requested_cursors)) == len(requested_cursors)
    assert counts[-1] == live.total
    assert set(counts[1:]) == {live.total}, "page one already tells how many match"
    assert not model.canFetchMore(QModelIndex())
    assert modeltester_failures(qtlog) == []
    del tester


def test_roles(qtbot, api_for, live, tasks, previews):
    model = CatalogModel(api_for(live.url), tasks, previews, "en")
    model.set_query(CatalogQuery())
    wait_loaded(qtbot, model)
    index = model.index(0)
    item = index.data(ItemRole)
    assert index.data(Qt.ItemDataRole.DisplayRole) == item.title["en"]
    assert item.title["en"] in index.data(Qt.ItemDataRole.ToolTipRole)

    with qtbot.waitSignal(model.dataChanged, timeout=TIMEOUT) as changed:
        model.set_language("ar")
    assert Qt.ItemDataRole.DisplayRole in changed.args[2]
    assert index.data(Qt.ItemDataRole.DisplayRole) == item.title["ar"]


def test_a_newer_query_drops_the_page_of_the_older_one(qtbot, api_for, live, tasks, previews):
    model = CatalogModel(api_for(live.url), tasks, previews, "en")
    model.set_query(CatalogQuery())
    model.set_query(CatalogQuery(category=live.category))  # before the first page arrives
    load_all(qtbot, model)
    tasks.wait_idle()
    QCoreApplication.processEvents()  # deliver a (wrongly) undropped callback, if any
    categories = {model.item(r).category for r in range(model.rowCount())}
    assert categories == {live.category}
    assert model.rowCount() == live.category_count


def test_failure_stops_paging_until_reload(qtbot, api_for, live, refused_url, tasks, previews):
    api = api_for(refused_url)
    model = CatalogModel(api, tasks, previews, "en")
    with qtbot.waitSignal(model.load_failed, timeout=TIMEOUT) as failed:
        model.set_query(CatalogQuery())
    assert "server" in failed.args[0]
    assert model.has_failed() and not model.canFetchMore(QModelIndex())

    api.base_url = live.url  # the server is reachable now
    with qtbot.waitSignal(model.page_loaded, timeout=TIMEOUT):
        model.reload()
    assert model.rowCount() > 0 and not model.has_failed()


def test_preview_replaces_the_loading_placeholder(qtbot, api_for, live, tasks, previews):
    model = CatalogModel(api_for(live.url), tasks, previews, "en")
    model.set_query(CatalogQuery())
    wait_loaded(qtbot, model)
    loading = placeholder_pixmap(model.preview_size, broken=False).cacheKey()
    index = model.index(3)
    changed_rows: list[int] = []
    model.dataChanged.connect(lambda top, bottom, roles: changed_rows.append(top.row()))

    assert index.data(Qt.ItemDataRole.DecorationRole).cacheKey() == loading
    assert model.index(4).data(ItemRole) is not None  # other roles don't ask for previews
    # Wait for the repaint, not the pixmap: the file is on disk (and found) a moment before the
    # service reports it ready.
    qtbot.waitUntil(lambda: bool(changed_rows), timeout=TIMEOUT)
    pixmap = index.data(Qt.ItemDataRole.DecorationRole)
    assert pixmap.cacheKey() != loading
    assert not pixmap.isNull() and pixmap.width() <= model.preview_size
    same_sha = {r for r in range(model.rowCount()) if model.item(r).sha256 == model.item(3).sha256}
    assert set(changed_rows) == same_sha  # only the row(s) showing that file repaint


def test_unrenderable_file_gets_the_broken_placeholder(qtbot, api_for, live, tasks, previews):
    api = api_for(live.url)
    real_catalog = api.catalog
    missing = "0" * 64  # a sha256 the server has no file for

    def catalog_with_a_missing_file(query, cursor=None, limit=60):
        page = real_catalog(query, cursor, limit)
        first = dataclasses.replace(page.items[0], sha256=missing)
        return dataclasses.replace(page, items=(first, *page.items[1:]))

    api.catalog = catalog_with_a_missing_file
    model = CatalogModel(api, tasks, previews, "en")
    model.set_query(CatalogQuery())
    wait_loaded(qtbot, model)
    loading = placeholder_pixmap(model.preview_size, broken=False).cacheKey()
    broken = placeholder_pixmap(model.preview_size, broken=True).cacheKey()
    assert broken != loading
    index = model.index(0)
    with qtbot.waitSignal(previews.failed, timeout=TIMEOUT):
        assert index.data(Qt.ItemDataRole.DecorationRole).cacheKey() == loading
    assert index.data(Qt.ItemDataRole.DecorationRole).cacheKey() == broken
