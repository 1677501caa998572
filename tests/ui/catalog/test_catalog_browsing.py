"""Browsing the catalog grid: tile sizes, quick look, Enter and double-click (the checks are
shared with the library's grid, tests/ui/grid/browsing.py)."""

from __future__ import annotations

from tests.ui.catalog.test_catalog_view import make_view, wait_settled
from tests.ui.grid.browsing import (
    check_enter_and_double_click_open,
    check_hover_differs_from_selection,
    check_quick_look_with_keys,
    check_tile_size_shortcuts_and_memory,
)


def test_tile_size_shortcuts_and_memory(qtbot, api_for, live, tasks, previews, tmp_path):
    view = make_view(qtbot, api_for(live.url), tasks, previews)
    wait_settled(qtbot, view)
    check_tile_size_shortcuts_and_memory(qtbot, view, view.model, view.grid, tmp_path / "w.ini")


def test_quick_look_with_keys(qtbot, api_for, live, tasks, previews):
    view = make_view(qtbot, api_for(live.url), tasks, previews)
    wait_settled(qtbot, view)
    titles = [view.model.item(row).title["en"] for row in range(view.model.rowCount())]
    check_quick_look_with_keys(qtbot, view.grid, titles, previews)


def test_enter_and_double_click_open_the_details(qtbot, api_for, live, tasks, previews):
    view = make_view(qtbot, api_for(live.url), tasks, previews)
    wait_settled(qtbot, view)
    check_enter_and_double_click_open(qtbot, view.grid)


def test_hover_differs_from_selection(qtbot, api_for, live, tasks, previews):
    view = make_view(qtbot, api_for(live.url), tasks, previews)
    wait_settled(qtbot, view)
    check_hover_differs_from_selection(qtbot, view.grid)
