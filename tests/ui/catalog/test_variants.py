"""One card per illustration (issue 17): style swatches on the card and in the details, the
chosen variant downloaded and marked, and the catalog's sort order."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtTest import QAbstractItemModelTester, QTest
from PySide6.QtWidgets import QStyleOptionViewItem

from tests.ui.catalog.test_owned_marks import download, mark, signed_in_window
from tests.ui.conftest import server_with_account
from weshape_desktop.core.models import CatalogQuery
from weshape_desktop.server.catalog_source import load_catalog
from weshape_desktop.ui.catalog import CatalogModel, CatalogView, DetailPanel
from weshape_desktop.ui.grid import ItemRole, VariantsRole

TIMEOUT = 15_000


@pytest.fixture
def sample_server_url() -> Iterator[str]:
    """The reference server on the sample catalog (29 illustrations in 100 files), one account."""
    with server_with_account(load_catalog()) as url:
        yield url


def make_view(qtbot, api, tasks, previews) -> CatalogView:
    view = CatalogView(api, tasks, previews, "en")
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    qtbot.waitUntil(view.model.query_loaded, timeout=TIMEOUT)
    return view


def swatch_centres(view: CatalogView, row: int) -> list[QPoint]:
    """Where the card of `row` shows its swatches, in the grid's viewport."""
    grid = view.grid
    index = grid.proxy.index_of(row)
    option = QStyleOptionViewItem()
    grid.initViewItemOption(option)
    option.rect = grid.visualRect(index)
    return [rect.center() for rect in grid.delegate.swatch_rects(option, index)]


def test_one_card_per_illustration_whose_variant_can_be_chosen(
    qtbot, qtlog, api_for, live, tasks, previews
) -> None:
    model = CatalogModel(api_for(live.url), tasks, previews, "en")
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)
    model.set_query(CatalogQuery())
    qtbot.waitUntil(model.query_loaded, timeout=TIMEOUT)
    assert model.rowCount() == live.total == 29
    index = model.index(0)
    light = index.data(ItemRole)
    swatches = index.data(VariantsRole)
    assert [(v.style, chosen) for v, chosen in swatches] == [
        ("light", True),
        ("dark", False),
        ("light-hc", False),
        ("dark-hc", False),
    ]
    dark = swatches[1][0]

    with qtbot.waitSignal(model.dataChanged, timeout=TIMEOUT):
        assert model.setData(index, dark.id, VariantsRole)
    shown = index.data(ItemRole)
    assert (shown.id, shown.style, shown.sha256) == (dark.id, "dark", dark.sha256)
    assert shown.title == light.title and shown.family == light.family
    assert [chosen for _, chosen in index.data(VariantsRole)] == [False, True, False, False]
    assert not model.setData(index, "no-such-variant", VariantsRole)
    assert not model.setData(index, dark.id, Qt.ItemDataRole.EditRole)

    model.set_query(CatalogQuery(q=light.title["en"]))  # a new query starts from the first style
    qtbot.waitUntil(model.query_loaded, timeout=TIMEOUT)
    assert model.index(0).data(ItemRole).id == light.id
    assert [r.message for r in qtlog.records if "FAIL" in r.message] == []
    del tester


def test_clicking_a_swatch_switches_the_card_and_its_details(
    qtbot, api_for, live, tasks, previews
) -> None:
    view = make_view(qtbot, api_for(live.url), tasks, previews)
    shown = []
    view.current_changed.connect(shown.append)
    view.grid.select_row(0)
    centres = swatch_centres(view, 0)
    assert len(centres) == 4

    QTest.mouseClick(view.grid.viewport(), Qt.MouseButton.LeftButton, pos=centres[3])
    item = view.model.item(0)
    assert item.style == "dark-hc"
    assert shown[-1] == item and view.current_item() == item

    # Right to left, the swatches start at the right.
    view.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    rtl = swatch_centres(view, 0)
    assert rtl[0].x() > rtl[3].x() and centres[0].x() < centres[3].x()
    QTest.mouseClick(view.grid.viewport(), Qt.MouseButton.LeftButton, pos=rtl[1])
    assert view.model.item(0).style == "dark"


def test_a_catalog_without_variants_shows_no_swatches(qtbot, api_for, server_url, tasks, previews):
    view = make_view(qtbot, api_for(server_url), tasks, previews)
    index = view.model.index(0)
    assert index.data(VariantsRole) is None
    assert swatch_centres(view, 0) == []
    assert [v.id for v in view.model.item(0).variants] == [view.model.item(0).id]
    panel = DetailPanel(previews)
    qtbot.addWidget(panel)
    panel.show_item(view.model.item(0))
    assert not panel.variant_switcher.isVisibleTo(panel)


def test_the_details_switcher_downloads_and_marks_the_chosen_variant(
    make_window, sample_server_url: str, qtbot
) -> None:
    window = signed_in_window(make_window, sample_server_url, qtbot)
    window.catalog.grid.select_row(0)
    switcher = window.detail.variant_switcher
    assert switcher.isVisible()
    buttons = switcher.buttons()
    assert [b.toolTip() for b in buttons] == [
        "Light",
        "Dark",
        "Light, high contrast",
        "Dark, high contrast",
    ]
    assert buttons[0].isChecked()

    buttons[1].click()
    dark = window.catalog.model.item(0)
    assert dark.style == "dark" and window.detail.item() == dark
    assert window.detail.field_text("style") == "Dark" and buttons[1].isChecked()

    download(window, qtbot, window.catalog_tab.download_buttons.svg_button.click)
    qtbot.waitUntil(lambda: mark(window, 0) == "✓ SVG", timeout=TIMEOUT)
    assert window.library.store.entry(dark.id) is not None
    first = dark.variants[0]
    assert window.library.store.entry(first.id) is None

    # The mark is the shown variant's: the light one isn't in the library.
    buttons[0].click()
    assert window.catalog.model.item(0).id == first.id
    assert mark(window, 0) is None
    assert window.catalog_tab.download_buttons.svg_button.text() == "Download SVG"


def test_sort_orders_and_the_remembered_choice(make_window, sample_server_url: str, qtbot):
    window = make_window()
    window.connect_server(sample_server_url)
    catalog = window.catalog
    qtbot.waitUntil(
        lambda: catalog.model.query_loaded() and catalog.model.rowCount() > 0, timeout=TIMEOUT
    )
    catalog.set_sort("title")
    qtbot.waitUntil(lambda: catalog.model.query().sort == "title-en", timeout=TIMEOUT)
    qtbot.waitUntil(catalog.model.query_loaded, timeout=TIMEOUT)
    titles = [catalog.model.item(r).title["en"] for r in range(catalog.model.rowCount())]
    assert titles == sorted(titles, key=str.casefold) and len(titles) == 29
    assert catalog.sort_combo.currentText() == "Title A–Z"
    window.close()

    again = make_window()
    assert again.catalog.sort() == "title"


def test_search_results_count_illustrations(qtbot, api_for, live, tasks, previews) -> None:
    view = make_view(qtbot, api_for(live.url), tasks, previews)
    with qtbot.waitSignal(view.searched, timeout=TIMEOUT) as searched:
        view.search_edit.setText("access")
        view.search_edit.returnPressed.emit()
    # "Access denied" (4 styles) and "No access" (2): two illustrations, not six files.
    assert searched.args == [2] and view.model.rowCount() == 2
    assert not view.model.canFetchMore(QModelIndex())
