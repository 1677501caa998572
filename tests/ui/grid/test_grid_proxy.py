"""GridProxy: a flat CatalogModel seen as rows of cells, checked by Qt's model tester."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from weshape_desktop.core.models import CatalogQuery
from weshape_desktop.ui.catalog import CatalogModel
from weshape_desktop.ui.grid import GridProxy, ItemRole

TIMEOUT = 15_000


def modeltester_failures(qtlog) -> list[str]:
    return [r.message for r in qtlog.records if "FAIL" in r.message]


def flat_ids(proxy: GridProxy) -> list[str]:
    """Every item in grid order: row by row, left to right, stopping at the first empty cell."""
    found = []
    for row in range(proxy.rowCount()):
        for column in range(proxy.columnCount()):
            item = proxy.index(row, column).data(ItemRole)
            if item is not None:
                found.append(item.id)
    return found


def test_pages_and_column_changes_pass_the_model_tester(
    qtbot, qtlog, api_for, live, tasks, previews
):
    model = CatalogModel(api_for(live.url), tasks, previews, "en", page_size=7)
    proxy = GridProxy(model)
    proxy.set_columns(3)
    tester = QAbstractItemModelTester(proxy, QAbstractItemModelTester.FailureReportingMode.Warning)
    inserted: list[tuple[int, int]] = []
    proxy.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    filled: list[tuple[int, int, int]] = []
    proxy.dataChanged.connect(
        lambda tl, br, _roles=(): filled.append((tl.row(), tl.column(), br.column()))
    )
    model.set_query(CatalogQuery())
    columns = [3, 4, 1, 5, 2]
    pages = 0
    while True:  # change the column count between pages, like a window being resized
        qtbot.waitUntil(lambda: not model.is_loading(), timeout=TIMEOUT)
        pages += 1
        assert proxy.rowCount() == -(-model.rowCount() // proxy.columns())
        if not proxy.canFetchMore(QModelIndex()):
            break
        proxy.set_columns(columns[pages % len(columns)])
        proxy.fetchMore(QModelIndex())  # forwarded to the flat model

    assert model.rowCount() == live.total
    ids = [model.item(r).id for r in range(model.rowCount())]
    assert flat_ids(proxy) == ids
    for columns_now in (1, 6, 4):
        proxy.set_columns(columns_now)
        assert flat_ids(proxy) == ids
    assert inserted, "pages must arrive as inserted grid rows, not resets"
    assert all(first <= last for first, last in inserted)
    assert any(column > 0 for _, column, _ in filled), "a partly empty last row filled in"
    assert modeltester_failures(qtlog) == []
    del tester


def test_cells_past_the_end_are_empty_and_not_selectable(qtbot, api_for, live, tasks, previews):
    model = CatalogModel(api_for(live.url), tasks, previews, "en", page_size=7)
    proxy = GridProxy(model)
    proxy.set_columns(5)
    model.set_query(CatalogQuery())
    qtbot.waitUntil(lambda: model.rowCount() == 7, timeout=TIMEOUT)
    assert (proxy.rowCount(), proxy.columnCount()) == (2, 5)
    assert proxy.index(1, 1).data(ItemRole) == model.item(6)
    assert proxy.flags(proxy.index(1, 1)) & Qt.ItemFlag.ItemIsSelectable
    for column in (2, 3, 4):
        cell = proxy.index(1, column)
        assert cell.isValid() and cell.data(Qt.ItemDataRole.DisplayRole) is None
        assert not proxy.flags(cell) & (Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
        assert proxy.flat_row(cell) == -1
    assert proxy.flat_row(proxy.index_of(6)) == 6 and not proxy.index_of(7).isValid()


def test_column_change_keeps_the_current_item(qtbot, api_for, live, tasks, previews):
    model = CatalogModel(api_for(live.url), tasks, previews, "en", page_size=20)
    proxy = GridProxy(model)
    proxy.set_columns(4)
    model.set_query(CatalogQuery())
    qtbot.waitUntil(lambda: model.rowCount() == 20, timeout=TIMEOUT)
    current = QPersistentModelIndex(proxy.index_of(13))
    proxy.set_columns(6)
    assert (current.row(), current.column()) == (2, 1)
    assert proxy.flat_row(proxy.index(current.row(), current.column())) == 13
