"""LibraryModel on a real LibraryStore: ids first, entries loaded lazily, Qt's model tester."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QModelIndex, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtTest import QAbstractItemModelTester

from tests.ui.library.support import fill_library, fill_synthetic
from weshape_desktop.core.library import LibraryEntry, LibraryQuery
from weshape_desktop.core.models import Illustration
from weshape_desktop.ui.grid import PAGE_SIZE, BadgeRole, GridProxy, ItemRole
from weshape_desktop.ui.library.model import EntryRole, LibraryModel

TIMEOUT = 15_000


def modeltester_failures(qtlog) -> list[str]:
    return [r.message for r in qtlog.records if "FAIL" in r.message]


def make_model(library, tasks, previews, **kwargs) -> tuple[LibraryModel, object]:
    model = LibraryModel(tasks, previews, library.folder, "en", page_size=5, **kwargs)
    reader = library.store.open_reader()
    model.set_reader(reader)
    return model, reader


def load_all(qtbot, model: LibraryModel) -> None:
    """Ask for every row (as painting would) until every page is in."""
    qtbot.waitUntil(model.query_loaded, timeout=TIMEOUT)
    for row in range(model.rowCount()):
        model.index(row).data(ItemRole)
    qtbot.waitUntil(lambda: not model.loading_rows(0, model.rowCount() - 1), timeout=TIMEOUT)


def test_queries_refreshes_and_pages_pass_the_model_tester(
    qtbot, qtlog, library, tasks, local_previews
):
    items = fill_library(library.store, library.folder, 12)
    model, reader = make_model(library, tasks, local_previews)
    proxy = GridProxy(model)
    proxy.set_columns(5)
    testers = [
        QAbstractItemModelTester(m, QAbstractItemModelTester.FailureReportingMode.Warning)
        for m in (model, proxy)
    ]
    load_all(qtbot, model)
    assert model.rowCount() == 12 and proxy.rowCount() == 3
    assert model.ids() == [i.id for i in reversed(items)]  # newest first

    model.set_query(LibraryQuery(text="database"))
    qtbot.waitUntil(lambda: model.rowCount() < 12 and model.query_loaded(), timeout=TIMEOUT)
    load_all(qtbot, model)
    assert {model.index(r).data(ItemRole).title["en"] for r in range(model.rowCount())} == {
        "Database"
    }

    # A refresh that returns the same ids reloads entries in place (no reset: selection stays).
    model.set_query(LibraryQuery())
    load_all(qtbot, model)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    library.store.set_favourite([items[0].id], True)
    model.refresh()
    qtbot.waitUntil(model.query_loaded, timeout=TIMEOUT)
    row = model.row_of(items[0].id)
    # Until its page is read again the row shows the old entry (no placeholder flash); the
    # entries() accessor never hands out a stale one.
    assert not model.entry(row).favourite and model.loading_rows(row, row)
    assert model.entries([row])[0].favourite
    load_all(qtbot, model)
    assert model.index(row).data(EntryRole).favourite and resets == []
    assert model.index(row).data(BadgeRole) == "★"

    library.store.remove_entries([items[1].id])
    model.refresh()
    qtbot.waitUntil(lambda: model.rowCount() == 11, timeout=TIMEOUT)
    load_all(qtbot, model)
    assert modeltester_failures(qtlog) == []
    del testers
    reader.close()


def test_roles_and_local_previews(qtbot, library, tasks, local_previews):
    item, *_ = fill_library(library.store, library.folder, 6)
    library.store.add_tags([item.id], ["hero"])
    model, reader = make_model(library, tasks, local_previews)
    qtbot.waitUntil(model.query_loaded, timeout=TIMEOUT)
    row = model.row_of(item.id)
    assert row == 5 and model.entry(0) is not None  # the first page (5) came with the query
    index = model.index(row)
    assert index.data(ItemRole) is None  # not loaded yet: a placeholder tile
    assert isinstance(index.data(Qt.ItemDataRole.DecorationRole), QPixmap)
    qtbot.waitUntil(lambda: index.data(EntryRole) is not None, timeout=TIMEOUT)
    entry = index.data(EntryRole)
    assert isinstance(entry, LibraryEntry) and isinstance(index.data(ItemRole), Illustration)
    assert index.data(Qt.ItemDataRole.DisplayRole) == "Access denied"
    assert "hero" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(BadgeRole) is None
    model.set_language("ar")
    assert index.data(Qt.ItemDataRole.DisplayRole) == "تم رفض الوصول"

    # The preview renders from the library's own file (the server address is refused).
    index.data(Qt.ItemDataRole.DecorationRole)
    qtbot.waitUntil(lambda: model.preview_settled(row), timeout=TIMEOUT)
    assert local_previews.pixmap(item.sha256, model.preview_size) is not None
    assert local_previews.failure_reason(item.sha256, model.preview_size) is None
    reader.close()


def test_drag_data_comes_from_the_mime_factory(qtbot, library, tasks, local_previews):
    fill_library(library.store, library.folder, 6)
    asked: list[list[LibraryEntry]] = []

    def factory(entries: list[LibraryEntry]) -> QMimeData:
        asked.append(entries)
        data = QMimeData()
        data.setText("\n".join(e.item.id for e in entries))
        return data

    model, reader = make_model(library, tasks, local_previews, mime_factory=factory)
    qtbot.waitUntil(model.query_loaded, timeout=TIMEOUT)
    assert model.flags(model.index(0)) & Qt.ItemFlag.ItemIsDragEnabled
    proxy = GridProxy(model)
    proxy.set_columns(2)
    # Rows 1 and 5 (page 2 was never painted: it is read on the spot), via the grid's cells.
    data = proxy.mimeData([proxy.index(0, 1), proxy.index(2, 1), proxy.index(2, 1)])
    assert data.text().split("\n") == [model.ids()[1], model.ids()[5]]
    assert len(asked) == 1

    plain, reader2 = make_model(library, tasks, local_previews)
    qtbot.waitUntil(plain.query_loaded, timeout=TIMEOUT)
    assert not plain.flags(plain.index(0)) & Qt.ItemFlag.ItemIsDragEnabled
    reader.close()
    reader2.close()


def test_a_newer_query_wins_over_an_older_answer(qtbot, library, tasks, local_previews):
    fill_library(library.store, library.folder, 8)
    model, reader = make_model(library, tasks, local_previews)
    qtbot.waitUntil(model.query_loaded, timeout=TIMEOUT)
    for text in ("acc", "data", "disk", "zzz-nothing", "database"):
        model.set_query(LibraryQuery(text=text))
    qtbot.waitUntil(model.query_loaded, timeout=TIMEOUT)
    assert model.query().text == "database"
    assert {library.store.entry(i).item.title["en"] for i in model.ids()} == {"Database"}
    reader.close()


def test_a_large_library_loads_ids_not_entries(qtbot, library, tasks, local_previews):
    fill_synthetic(library.store, 10_000)
    model = LibraryModel(tasks, local_previews, library.folder, "en")
    reader = library.store.open_reader()
    model.set_reader(reader)
    qtbot.waitUntil(model.query_loaded, timeout=TIMEOUT)
    assert model.rowCount() == 10_000 and model.materialised == PAGE_SIZE  # the first page only
    for row in (0, 5_000, 9_999):  # three places a view might show
        model.index(row).data(ItemRole)
    qtbot.waitUntil(
        lambda: all(model.entry(r) is not None for r in (0, 5_000, 9_999)), timeout=TIMEOUT
    )
    assert model.materialised <= 3 * 60
    assert model.canFetchMore(QModelIndex()) is False  # every row is there from the start
    reader.close()


def test_opening_shows_the_first_page_before_all_the_ids(
    qtbot, qtlog, library, tasks, local_previews
):
    items = fill_library(library.store, library.folder, 12)
    model = LibraryModel(tasks, local_previews, library.folder, "en", page_size=5)
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)
    resets: list[int] = []
    inserted: list[int] = []
    model.modelReset.connect(lambda: resets.append(model.rowCount()))
    model.rowsInserted.connect(lambda *_: inserted.append(model.rowCount()))
    reader = library.store.open_reader()
    model.set_reader(reader)
    qtbot.waitUntil(model.query_loaded, timeout=TIMEOUT)
    # Cleared, then the first page with its entries, then the other ids added below it.
    assert resets == [0, 5] and inserted == [12]
    assert model.ids() == [i.id for i in reversed(items)]
    assert not model.loading_rows(0, 4) and model.loading_rows(5, 5)
    assert not modeltester_failures(qtlog) and tester is not None
    reader.close()
