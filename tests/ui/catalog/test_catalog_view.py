"""CatalogView and DetailPanel against the real reference server."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTranslator
from PySide6.QtWidgets import QAbstractItemView

from weshape_desktop.core.models import Facets
from weshape_desktop.server.search_text import normalise
from weshape_desktop.ui.catalog import CatalogView, DetailPanel
from weshape_desktop.ui.grid import ItemRole

TIMEOUT = 15_000


def make_view(qtbot, api, tasks, previews, lang="en") -> CatalogView:
    view = CatalogView(api, tasks, previews, lang)
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    return view


def wait_settled(qtbot, view: CatalogView) -> None:
    qtbot.waitUntil(lambda: view.model.query_loaded(), timeout=TIMEOUT)


def titles_and_tags(view: CatalogView) -> list[str]:
    items = [view.model.item(r) for r in range(view.model.rowCount())]
    return [" ".join([*i.title.values(), *i.tags["en"], *i.tags["ar"]]).lower() for i in items]


def test_grid_fills_and_scrolling_loads_every_item_once(qtbot, api_for, live, tasks, previews):
    view = make_view(qtbot, api_for(live.url), tasks, previews)
    counts: list[int] = []
    view.count_changed.connect(counts.append)
    wait_settled(qtbot, view)
    assert view.model.rowCount() > 0
    assert view.stack.currentWidget() is view.grid
    first, last = view.grid.visible_rows()
    assert first == 0 and last >= 1

    bar = view.grid.verticalScrollBar()

    def scrolled_to_end() -> bool:
        bar.setValue(bar.maximum())  # the view fetches more when the end comes into sight
        return view.model.rowCount() == live.total and not view.model.canFetchMore(
            view.grid.rootIndex()
        )

    qtbot.waitUntil(scrolled_to_end, timeout=TIMEOUT)
    ids = [view.model.item(r).id for r in range(view.model.rowCount())]
    assert len(set(ids)) == len(ids) == live.total
    assert counts[-1] == live.total
    qtbot.waitUntil(view.is_ready, timeout=TIMEOUT)  # visible previews drawn


def test_tiles_scrolled_past_queue_no_renders_until_scrolling_stops(
    qtbot, api_for, live, tasks, previews
):
    view = make_view(qtbot, api_for(live.url), tasks, previews)
    wait_settled(qtbot, view)
    qtbot.waitUntil(view.is_ready, timeout=TIMEOUT)  # the first screen's previews are drawn
    bar = view.grid.verticalScrollBar()
    assert bar.maximum() > bar.pageStep()
    bar.setValue(bar.maximum())
    view.grid.viewport().repaint()  # tiles never drawn before, painted while scrolling
    assert previews.pending_count() == 0
    first, last = view.grid.visible_rows()
    assert not all(view.model.preview_settled(row) for row in range(first, last + 1))
    qtbot.waitUntil(view.is_ready, timeout=TIMEOUT)  # once scrolling stops, they ask for theirs


def test_search_in_english_and_arabic(qtbot, api_for, live, tasks, previews):
    view = make_view(qtbot, api_for(live.url), tasks, previews)
    wait_settled(qtbot, view)
    for term in ("database", "قاعدة"):
        view.search_edit.selectAll()  # as Ctrl+F does: what is typed replaces the last search
        if term.isascii():
            view.search_edit.clear()
            qtbot.keyClicks(view.search_edit, term)
        else:  # QTest can only type Latin-1 keys: Arabic arrives as from an input method
            view.search_edit.insert(term)
        qtbot.waitUntil(lambda t=term: view.model.query().q == t, timeout=TIMEOUT)
        wait_settled(qtbot, view)
        found = titles_and_tags(view)
        assert 0 < len(found) < live.total
        assert all(normalise(term) in normalise(text) for text in found), term


def test_no_results_then_clear_search(qtbot, api_for, live, tasks, previews):
    view = make_view(qtbot, api_for(live.url), tasks, previews)
    wait_settled(qtbot, view)
    view.search_edit.setText("zzqx-no-such-illustration")
    qtbot.waitUntil(lambda: view.stack.currentIndex() == 1, timeout=TIMEOUT)
    assert view.empty_label.text() == "No illustrations match your search."
    assert view.clear_button.isVisible()

    qtbot.mouseClick(view.clear_button, Qt.MouseButton.LeftButton)
    wait_settled(qtbot, view)
    assert view.search_edit.text() == ""
    assert view.stack.currentWidget() is view.grid and view.model.rowCount() > 0


def test_category_filter(qtbot, api_for, live, tasks, previews):
    view = make_view(qtbot, api_for(live.url), tasks, previews)
    with qtbot.waitSignal(view.facets_loaded, timeout=TIMEOUT) as loaded:
        pass
    facets: Facets = loaded.args[0]
    combo = view.category_combo
    assert combo.itemText(0) == "All categories" and combo.itemData(0) == ""
    assert combo.count() == len(facets.categories) + 1
    index = combo.findData(live.category)
    assert f"({live.category_count})" in combo.itemText(index)

    combo.setCurrentIndex(index)
    qtbot.waitUntil(lambda: view.model.query().category == live.category, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: view.model.rowCount() == live.category_count, timeout=TIMEOUT)
    categories = {view.model.item(r).category for r in range(view.model.rowCount())}
    assert categories == {live.category}


def test_selecting_an_item_shows_it_in_the_detail_panel(qtbot, api_for, live, tasks, previews):
    view = make_view(qtbot, api_for(live.url), tasks, previews)
    detail = DetailPanel(previews, "en")
    qtbot.addWidget(detail)
    detail.show()
    view.current_changed.connect(detail.show_item)
    view.facets_loaded.connect(detail.set_facets)
    assert detail.stack.currentWidget() is detail.empty_label
    wait_settled(qtbot, view)
    qtbot.waitUntil(lambda: view.category_combo.count() > 1, timeout=TIMEOUT)
    several = QAbstractItemView.SelectionMode.ExtendedSelection  # multi-select: issue 17
    assert view.grid.selectionMode() == several

    index = view.grid.proxy.index_of(2)
    rect = view.grid.visualRect(index)
    with qtbot.waitSignal(view.current_changed, timeout=TIMEOUT):
        qtbot.mouseClick(view.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    item = index.data(ItemRole)
    assert detail.item() == item
    assert detail.title_label.text() == item.title["en"]
    assert detail.field_text("dimensions") == f"{item.width} × {item.height} px"
    assert detail.field_text("tags") == ", ".join(item.tags["en"])
    assert detail.field_text("license") == item.license
    assert detail.field_text("category") != item.category  # the facet's name, not its id
    qtbot.waitUntil(lambda: previews.pixmap(item.sha256, 512) is not None, timeout=TIMEOUT)

    detail.set_language("ar")
    assert detail.title_label.text() == item.title["ar"]
    # "MIT" and sizes start with Latin: kept right-to-left like the Arabic values around them
    assert detail._field_values["license"].text() == "\u200f" + item.license
    assert detail.field_text("license") == item.license
    assert (
        "٬" in detail.field_text("size")
        or "٫" in detail.field_text("size")
        or any("٠" <= c <= "٩" for c in detail.field_text("size"))
    )
    view.search_edit.setText("zzqx-no-such-illustration")  # a new query clears the selection
    qtbot.waitUntil(lambda: detail.item() is None, timeout=TIMEOUT)
    assert detail.stack.currentWidget() is detail.empty_label


def test_offline_banner_then_retry(qtbot, api_for, live, refused_url, tasks, previews):
    api = api_for(refused_url)
    view = make_view(qtbot, api, tasks, previews)
    qtbot.waitUntil(view.banner.isVisible, timeout=TIMEOUT)
    assert "Can't reach the weShape server" in view.banner.message()
    assert view.model.rowCount() == 0
    assert view.stack.currentWidget() is view.grid  # not "no results": we don't know

    api.base_url = live.url  # the server is reachable now
    qtbot.mouseClick(view.banner.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=TIMEOUT)
    assert not view.banner.isVisible()
    qtbot.waitUntil(lambda: view.category_combo.count() > 1, timeout=TIMEOUT)


class _MarkingTranslator(QTranslator):
    """Wraps every string of our widgets in ⟦ ⟧, to prove they are all re-set at runtime."""

    def translate(self, context, source, disambiguation=None, n=-1):
        if context in ("CatalogView", "Banner", "DetailPanel"):
            return f"⟦{source}⟧"
        return ""  # untranslated: Qt keeps the source text

    def isEmpty(self) -> bool:
        return False  # else installing it sends no LanguageChange


def test_language_switch_retranslates_without_restart(qtbot, api_for, live, tasks, previews):
    view = make_view(qtbot, api_for(live.url), tasks, previews)
    detail = DetailPanel(previews, "en")
    qtbot.addWidget(detail)
    wait_settled(qtbot, view)
    translator = _MarkingTranslator()
    QCoreApplication.installTranslator(translator)
    try:
        QCoreApplication.processEvents()  # delivers LanguageChange to every widget
        assert view.search_edit.placeholderText() == "⟦Search illustrations⟧"
        assert view.category_combo.itemText(0) == "⟦All categories⟧"
        assert view.banner.retry_button.text() == "⟦Retry⟧"
        assert detail.empty_label.text() == "⟦Select an illustration to see its details.⟧"
    finally:
        QCoreApplication.removeTranslator(translator)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    QCoreApplication.processEvents()
    assert view.search_edit.placeholderText() == "Search illustrations"

    view.set_language("ar")
    assert view.model.index(0).data(Qt.ItemDataRole.DisplayRole) == view.model.item(0).title["ar"]


def test_grid_cells_keys_resize_and_painted_previews_only(
    qtbot, api_for, live, tasks, previews, monkeypatch
):
    requested_rows: list[int] = []
    real_request = previews.request

    def recording_request(sha256, size, priority=0, **kwargs):
        requested_rows.append(priority)  # the model passes the flat row as the priority
        return real_request(sha256, size, priority, **kwargs)

    monkeypatch.setattr(previews, "request", recording_request)
    view = make_view(qtbot, api_for(live.url), tasks, previews)
    wait_settled(qtbot, view)
    grid, proxy = view.grid, view.grid.proxy
    columns = proxy.columns()
    assert columns > 1 and not grid.showGrid()
    assert grid.horizontalHeader().isHidden() and grid.verticalHeader().isHidden()
    first, last = view.grid.visible_rows()
    assert first == 0
    assert last % columns == columns - 1 or last == view.model.rowCount() - 1  # whole grid rows
    qtbot.waitUntil(view.is_ready, timeout=TIMEOUT)
    assert requested_rows and max(requested_rows) <= last, "a preview off screen was requested"

    changes: list[object] = []
    view.current_changed.connect(changes.append)
    view.grid.select_row(0)
    assert view.current_item() == view.model.item(0) and changes[-1] == view.model.item(0)
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    assert view.current_item() == view.model.item(1)
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    assert view.current_item() == view.model.item(1 + columns)

    view.resize(view.width() // 2, view.height())  # fewer columns; the same item stays current
    qtbot.waitUntil(lambda: proxy.columns() < columns, timeout=TIMEOUT)
    assert view.current_item() == view.model.item(1 + columns)
    assert None not in changes
    assert grid.selectionModel().selectedIndexes() == [grid.currentIndex()]
