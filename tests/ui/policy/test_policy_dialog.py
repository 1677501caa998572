"""Help → Privacy policy: the policy in the UI language, and its button switching between the
English and Arabic texts, each in its own direction."""

from __future__ import annotations

from PySide6.QtCore import Qt

from weshape_desktop.core.policy import bundled_policy
from weshape_desktop.ui.policy import PolicyDialog


def first_line(lang: str) -> str:
    return next(line for line in bundled_policy(lang).text.splitlines() if line.strip()).strip()


def test_the_policy_opens_from_the_help_menu_and_switches_language(make_window, qtbot) -> None:
    window = make_window()
    window.policy_action.trigger()
    dialog = window.findChild(PolicyDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.policy.lang == "en" and first_line("en") in dialog.browser.toPlainText()
    assert dialog.browser.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert dialog.toggle.text() == "عرض بالعربية"

    qtbot.mouseClick(dialog.toggle, Qt.MouseButton.LeftButton)
    assert dialog.policy.lang == "ar" and first_line("ar") in dialog.browser.toPlainText()
    assert first_line("en") not in dialog.browser.toPlainText()
    assert dialog.browser.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert dialog.toggle.text() == "Show in English"

    qtbot.mouseClick(dialog.toggle, Qt.MouseButton.LeftButton)
    assert dialog.policy.lang == "en" and first_line("en") in dialog.browser.toPlainText()
    assert dialog.browser.layoutDirection() == Qt.LayoutDirection.LeftToRight
    dialog.close()
