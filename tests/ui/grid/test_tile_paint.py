"""Painting tiles: one model call a tile."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from weshape_desktop.core.models import CatalogQuery
from weshape_desktop.ui.catalog import CatalogModel
from weshape_desktop.ui.grid import TileGrid
from weshape_desktop.ui.grid.tile_content import TileRole

TIMEOUT = 15_000


class CountingModel(CatalogModel):
    """A catalog model that counts the roles the grid asks it for."""

    asked: Counter[int]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        self.asked[role] += 1
        return super().data(index, role)


def test_a_painted_tile_costs_the_model_one_call(qtbot, api_for, live, tasks, previews):
    # Each role asked through the grid's proxy is a Python call; the delegate asked ~20 a tile,
    # which cost more than the painting itself (scroll stalls).
    model = CountingModel(api_for(live.url), tasks, previews, "en")
    model.asked = Counter()
    model.set_query(CatalogQuery())
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=TIMEOUT)
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(700, 500)
    grid = TileGrid(model, window)
    grid.resize(window.size())
    window.show()
    qtbot.waitExposed(window)
    first, last = grid.visible_rows()
    assert last > first  # a page of tiles

    model.asked.clear()
    grid.viewport().grab()

    painted = last - first + 1
    assert model.asked[TileRole] == painted
    assert sum(model.asked.values()) == painted, model.asked
