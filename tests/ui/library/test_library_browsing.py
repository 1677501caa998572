"""Browsing the library grid: tile sizes, quick look, Enter and double-click (the checks are
shared with the catalog's grid, tests/ui/grid/browsing.py)."""

from __future__ import annotations

from tests.ui.grid.browsing import (
    check_enter_and_double_click_open,
    check_quick_look_with_keys,
    check_tile_size_shortcuts_and_memory,
)
from tests.ui.library.support import fill_library
from tests.ui.library.test_library_view import make_view, titles


def test_tile_size_shortcuts_and_memory(qtbot, library, tasks, local_previews, tmp_path):
    fill_library(library.store, library.folder, 12)
    view = make_view(qtbot, library, tasks, local_previews)
    check_tile_size_shortcuts_and_memory(qtbot, view, view.model, view.grid, tmp_path / "w.ini")


def test_quick_look_with_keys(qtbot, library, tasks, local_previews):
    fill_library(library.store, library.folder, 12)
    view = make_view(qtbot, library, tasks, local_previews)
    check_quick_look_with_keys(qtbot, view.grid, titles(view), local_previews)


def test_enter_and_double_click_open_the_details(qtbot, library, tasks, local_previews):
    fill_library(library.store, library.folder, 12)
    view = make_view(qtbot, library, tasks, local_previews)
    check_enter_and_double_click_open(qtbot, view.grid)
