"""The sidebar fills thousands of tags at once (refilled on every change of the counts)."""

from __future__ import annotations

import time

from PySide6.QtCore import QLocale

from weshape_desktop.core.library import Collection, LibraryCounts
from weshape_desktop.ui.library.sidebar import LibrarySidebar


def test_thousands_of_tags_fill_at_once(qtbot):
    sidebar = LibrarySidebar()
    qtbot.addWidget(sidebar)
    sidebar.resize(220, 600)
    sidebar.show()

    def counts(first: int) -> LibraryCounts:
        tags = tuple((f"tag {i:04d}", i + first) for i in range(2000))
        moodboard = Collection("c", "Moodboard", 3)
        return LibraryCounts(100_000, 10, (("svg", 100_000),), tags, (), (moodboard,))

    sidebar.set_counts(counts(1))
    started = time.perf_counter()
    sidebar.set_counts(counts(2))  # every count changed: all the rows again
    qtbot.waitUntil(
        lambda: sidebar.item_of(("tag", "tag 1999")).text(1) == QLocale().toString(2001)
    )
    # Rows replaced one by one inside the tree took ~18 s for 1,000 tags; now milliseconds.
    assert time.perf_counter() - started < 3.0
    assert sidebar.sections["tag"].childCount() == 2000
