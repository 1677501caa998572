"""Menus are usable with Alt and a letter in both languages: every menu title and command has an
&-letter, and no two entries of one menu (or of the menu bar) share one, or Alt+letter would only
cycle between them."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu

from weshape_desktop.ui.main_window import MainWindow


def mnemonic(text: str) -> str | None:
    """The letter after a single '&' (Qt's rule: '&&' is a literal ampersand)."""
    i = 0
    while (i := text.find("&", i)) >= 0 and i + 1 < len(text):
        if text[i + 1] != "&":
            return text[i + 1].casefold()
        i += 2
    return None


def clashes(title: str, actions: list[QAction]) -> list[str]:
    """Entries of one menu without a mnemonic or sharing one."""
    entries = [a for a in actions if not a.isSeparator() and a.isVisible() and a.isEnabled()]
    # The language names are written in their own language; they stay as they are.
    entries = [a for a in entries if a.actionGroup() is None]
    letters = Counter(mnemonic(a.text()) for a in entries)
    problems = [f"{title}: {a.text()!r} has no &-letter" for a in entries if not mnemonic(a.text())]
    problems += [
        f"{title}: {a.text()!r} shares its &-letter"
        for a in entries
        if mnemonic(a.text()) and letters[mnemonic(a.text())] > 1
    ]
    return problems


def menu_problems(window: MainWindow) -> list[str]:
    bar = window.menuBar()
    problems = clashes("menu bar", bar.actions())
    menus = [a.menu() for a in bar.actions() if isinstance(a.menu(), QMenu)]
    while menus:
        menu = menus.pop()
        menu.aboutToShow.emit()  # menus that fill themselves on opening
        problems += clashes(menu.title(), menu.actions())
        menus += [a.menu() for a in menu.actions() if isinstance(a.menu(), QMenu)]
    return problems


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_menus_have_distinct_mnemonics(make_window, lang: str, qtbot) -> None:
    window: MainWindow = make_window()
    window.set_language(lang)
    QApplication.sendPostedEvents()  # LanguageChange: every menu retranslates
    problems = menu_problems(window)
    assert not problems, "\n".join(problems)
