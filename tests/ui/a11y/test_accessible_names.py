"""Every control a keyboard user can reach has a name a screen reader speaks, in both languages:
the main window (both tabs, the downloads dock) and each dialog are built, shown and walked."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QWidget

from tests.conftest import LiveCatalog
from tests.ui.a11y.walker import tab_chain, unnamed
from tests.ui.library.support import fill_app_library
from weshape_desktop.ui.account.data import DeleteAccountDialog
from weshape_desktop.ui.grid import ItemRole
from weshape_desktop.ui.main_window import MainWindow
from weshape_desktop.ui.settings.dialog import SECTIONS
from weshape_desktop.ui.sync.controller import Question

TIMEOUT = 20_000


@pytest.fixture(params=["en", "ar"])
def window(request, make_window, live: LiveCatalog, qtbot) -> MainWindow:
    """A shown window on the live catalog with one illustration in its library, selected in
    both grids (so the detail panels show), in the parametrised language."""
    fill_app_library(1)
    window = make_window()
    window.set_language(request.param)
    window.connect_server(live.url)
    window.show()
    qtbot.waitUntil(
        lambda: (
            window.catalog.model.rowCount() > 0 and window.library_tab.view.model.rowCount() == 1
        ),
        timeout=TIMEOUT,
    )
    window.catalog.grid.select_row(0)
    window.downloads_dock.show()
    return window


def check(widget: QWidget, where: str) -> None:
    missing = unnamed(widget)
    assert not missing, f"{where}: focusable widgets without an accessible name:\n" + "\n".join(
        missing
    )


def test_main_window_catalog_and_library(window: MainWindow, qtbot) -> None:
    check(window, "catalog tab")
    window.tabs.setCurrentWidget(window.library_tab)
    window.library_tab.view.grid.select_row(0)
    qtbot.waitUntil(lambda: window.library_tab.detail is not None)
    check(window, "library tab")


def test_settings_every_section(window: MainWindow, qtbot) -> None:
    dialog = window.show_settings()
    for section in SECTIONS:
        dialog.show_section(section)
        check(dialog, f"settings, {section}")
    dialog.close()


DIALOGS: dict[str, Callable[[MainWindow], QWidget]] = {
    "sign-in": lambda w: w.show_sign_in(),
    "register": lambda w: w.show_sign_in(register=True),
    "consent": lambda w: w.ask_consent(),
    "policy": lambda w: w.show_policy(),
    "policy notice": lambda w: w.show_policy_notice(),
    "delete account": lambda w: _shown(DeleteAccountDialog(w.accounts, w)),
    "sync prompt": lambda w: w.sync_prompts.ask(Question.FIRST_SIGN_IN, 3),
    "sync prompt, other account": lambda w: w.sync_prompts.ask(Question.OTHER_ACCOUNT, 3),
    "export": lambda w: w.library_tab.export(w.library_tab.view.model.entry(0)),
    "remove from library": lambda w: _removal_question(w),
}


def _removal_question(window: MainWindow) -> QWidget:
    """The question the library asks before removing the first tile."""
    window.tabs.setCurrentWidget(window.library_tab)
    window.library_tab.view.grid.select_row(0)
    actions = window.library_tab.view.entry_actions
    actions.ask_remove()
    assert actions.dialog is not None
    return actions.dialog


def _shown(dialog: QWidget) -> QWidget:
    dialog.show()
    return dialog


@pytest.mark.parametrize("name", DIALOGS)
def test_dialog(window: MainWindow, name: str, qtbot) -> None:
    dialog = DIALOGS[name](window)
    qtbot.waitExposed(dialog)
    check(dialog, name)
    dialog.close()


def spoken_tiles(grid: QWidget) -> list[tuple[str, str]]:
    """(name, description) of each tile, as a screen reader gets them from the grid."""
    grid_interface = QAccessible.queryAccessibleInterface(grid)
    tiles = (grid_interface.child(i) for i in range(grid_interface.childCount()))
    return [
        (tile.text(QAccessible.Text.Name), tile.text(QAccessible.Text.Description))
        for tile in tiles
        if tile is not None and tile.role() in (QAccessible.Role.ListItem, QAccessible.Role.Cell)
    ]


def test_tiles_speak_the_illustration(window: MainWindow) -> None:
    lang = window.translations.language
    for grid, model in (
        (window.catalog.grid, window.catalog.model),
        (window.library_tab.view.grid, window.library_tab.view.model),
    ):
        tiles = spoken_tiles(grid)
        item = model.index(0).data(ItemRole)
        assert tiles, "the grid exposes no tiles"
        name, description = tiles[0]
        assert name == item.title_in(lang)
        assert description and not description.startswith(name), "the description adds nothing"


def test_tab_follows_the_library_panel_top_to_bottom(window: MainWindow, qtbot) -> None:
    window.tabs.setCurrentWidget(window.library_tab)
    window.library_tab.view.grid.select_row(0)
    qtbot.waitUntil(lambda: window.library_tab.detail is not None)
    panel = window.library_tab.detail
    chain = tab_chain(window.library_tab.view.grid)
    wanted = [panel.favourite_button, panel.tag_editor.input, panel.notes.edit, panel.remove_button]
    assert [chain.index(w) for w in wanted] == sorted(chain.index(w) for w in wanted)
