"""The name popover: under its button at the reading side, a click on a row chooses it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from weshape_desktop.ui.library.popover import NamePopover


@pytest.mark.parametrize(
    "direction", [Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft]
)
def test_opens_under_the_button_at_its_leading_edge(qtbot, direction):
    window = QWidget()
    qtbot.addWidget(window)
    window.setLayoutDirection(direction)
    button = QPushButton("Add tag", window)
    layout = QHBoxLayout(window)
    layout.addStretch(1)
    layout.addWidget(button)
    layout.addStretch(1)
    window.resize(600, 200)
    window.show()
    qtbot.waitExposed(window)
    popover = NamePopover(button, ["superhero", "Hero shot", "onboarding", "hero"], "Tag name")
    popover.popup()
    qtbot.waitUntil(popover.isVisible)
    # (the offscreen platform places windows a pixel or two off what they asked for)
    popped, button_rect = popover.frameGeometry(), button.rect()
    assert abs(popped.top() - button.mapToGlobal(button_rect.bottomLeft()).y()) <= 4
    if direction == Qt.LayoutDirection.RightToLeft:  # right edges line up
        assert abs(popped.right() - button.mapToGlobal(button_rect.bottomRight()).x()) <= 4
    else:
        assert abs(popped.left() - button.mapToGlobal(button_rect.topLeft()).x()) <= 4
    assert popover.edit.hasFocus() or popover.edit is popover.focusWidget()

    qtbot.keyClicks(popover.edit, "hero")  # the exact name first, then by where it matches
    assert popover.rows() == ["hero", "Hero shot", "superhero"]
    chosen: list[str] = []
    popover.chosen.connect(chosen.append)
    item = popover.list.item(1)
    qtbot.mouseClick(
        popover.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=popover.list.visualItemRect(item).center(),
    )
    assert chosen == ["Hero shot"]
    qtbot.waitUntil(lambda: not popover.isVisible())
