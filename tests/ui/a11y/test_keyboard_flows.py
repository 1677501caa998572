"""The main flows with the keyboard alone, on the real server and keyring: every key goes to the
focused widget (or the open popup), and focus moves with Tab as a person's would. No method of
the app is called and no mouse is used once the window is up."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from tests.conftest import LiveCatalog
from tests.server.conftest import register_account
from tests.ui.window_support import ready_to_type
from weshape_desktop.core.paths import AppPaths
from weshape_desktop.ui.account import SignInDialog
from weshape_desktop.ui.main_window import MainWindow

TIMEOUT = 20_000
EMAIL, PASSWORD = "nour@example.org", "keyboard-only-walks-far-42"
Key = Qt.Key
NONE, CTRL, SHIFT = (
    Qt.KeyboardModifier.NoModifier,
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.ShiftModifier,
)


def keys_go_to() -> QWidget | None:
    """Where Qt sends a key press: into the open popup (a menu, a popover), else the focus."""
    popup = QApplication.activePopupWidget()
    return (popup.focusWidget() or popup) if popup is not None else QApplication.focusWidget()


def focused() -> QWidget:
    widget = keys_go_to()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def key(qtbot, k: Qt.Key, modifier: Qt.KeyboardModifier = NONE) -> None:
    qtbot.keyClick(focused(), k, modifier)


def type_text(text: str) -> None:
    """Type `text` into the focused widget, a key press per character. (qtbot.keyClicks asserts
    on letters outside Latin-1, such as Arabic ones: those go as text on an unknown key.)"""
    for char in text:
        code = Qt.Key.Key_unknown if ord(char) > 0xFF else Qt.Key(ord(char.upper()))
        QTest.sendKeyEvent(QTest.KeyAction.Click, focused(), code, char, NONE)


def tab_to(qtbot, wanted: Callable[[QWidget], bool], what: str, *, back: bool = False) -> None:
    """Press Tab (Shift+Tab) until the focused widget is the wanted one."""
    seen = []
    for _ in range(60):
        if wanted(focused()):
            return
        seen.append(f"{type(focused()).__name__} {focused().accessibleName()!r}")
        key(qtbot, Key.Key_Backtab if back else Key.Key_Tab, SHIFT if back else NONE)
    pytest.fail(f"Tab never reached {what}; it went through: " + ", ".join(seen))


@pytest.fixture(params=["en", "ar"])
def window(request, make_window, live: LiveCatalog, qtbot) -> MainWindow:
    register_account(live.url, "Nour", EMAIL, PASSWORD)
    AppPaths.resolve().ensure()
    window = make_window()
    window.set_language(request.param)
    return ready_to_type(qtbot, window, live.url)


def test_sign_in_search_download_tag_and_collect(window: MainWindow, qtbot) -> None:
    # Sign in from the account button in the tabs' corner.
    window.catalog.search_edit.setFocus()  # where a user's first Tab would start from
    qtbot.waitUntil(window.catalog.search_edit.hasFocus)
    tab_to(qtbot, lambda w: w is window.account_button, "the account button", back=True)
    key(qtbot, Key.Key_Space)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), SignInDialog))
    type_text(EMAIL)
    key(qtbot, Key.Key_Tab)
    type_text(PASSWORD)
    key(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: window.accounts.account is not None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    window.activateWindow()  # the window manager's part: offscreen Qt has none to do it
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    # Search: Ctrl+F, type, then Tab into the grid and pick the first tile.
    model, lang = window.catalog.model, window.translations.language
    first = model.item(0).title_in(lang).lower()
    word = next(w for r in range(model.rowCount()) for w in model.item(r).title_in(lang).split()
                if w.lower() not in first)  # fmt: skip
    key(qtbot, Key.Key_F, CTRL)
    assert focused() is window.catalog.search_edit
    type_text(word)
    qtbot.waitUntil(
        lambda: model.rowCount() > 0 and word.lower() in model.item(0).title_in(lang).lower(),
        timeout=TIMEOUT,
    )
    tab_to(qtbot, lambda w: w is window.catalog.grid, "the catalog grid")
    key(qtbot, Key.Key_Home)
    chosen = window.detail.item()
    assert chosen is not None and word.lower() in chosen.title_in(lang).lower()

    # Download it (Ctrl+D), signed in: it lands in the library.
    key(qtbot, Key.Key_D, CTRL)
    store = window.library.store
    qtbot.waitUntil(lambda: store.entry(chosen.id) is not None, timeout=TIMEOUT)

    # The library tab (Ctrl+Tab), its grid, the tile, then the tag editor in its panel.
    key(qtbot, Key.Key_Tab, CTRL)
    assert window.tabs.currentWidget() is window.library_tab
    grid = window.library_tab.view.grid
    qtbot.waitUntil(lambda: grid.model().rowCount() > 0, timeout=TIMEOUT)
    tab_to(qtbot, lambda w: w is grid, "the library grid")
    key(qtbot, Key.Key_Home)
    qtbot.waitUntil(lambda: window.library_tab.detail.entry() is not None)
    tag_input = window.library_tab.detail.tag_editor.input
    tab_to(qtbot, lambda w: w is tag_input, "the tag editor")
    type_text("keyboard")
    key(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: "keyboard" in store.entry(chosen.id).tags, timeout=TIMEOUT)

    # Add it to a new collection from the tile's context menu (Shift+F10).
    tab_to(qtbot, lambda w: w is grid, "the library grid", back=True)
    key(qtbot, Key.Key_F10, SHIFT)
    menu = QApplication.activePopupWidget()
    assert menu is not None, "Shift+F10 opened no menu"
    collect = window.library_tab.view.entry_actions.collection_action
    for _ in range(len(menu.actions())):
        key(qtbot, Key.Key_Down)
        if menu.activeAction() is collect:
            break
    assert menu.activeAction() is collect
    key(qtbot, Key.Key_Return)
    # The name is asked for in a window of its own (a dialog or a popover): wait for the keys.
    qtbot.waitUntil(lambda: (w := keys_go_to()) is not None and w.window() is not window)
    type_text("Picked by keyboard")
    key(qtbot, Key.Key_Return)
    qtbot.waitUntil(
        lambda: [(c.name, c.count) for c in store.collections()] == [("Picked by keyboard", 1)],
        timeout=TIMEOUT,
    )
