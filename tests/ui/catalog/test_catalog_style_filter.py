"""The catalog's style filter (README: "narrow down by category and style"), on its own and
together with a category, against the real reference server."""

from __future__ import annotations

from collections import Counter

from weshape_desktop.server.catalog_source import load_catalog
from weshape_desktop.ui.catalog import CatalogView

TIMEOUT = 15_000


def test_style_filter_alone_and_with_a_category(qtbot, api_for, live, tasks, previews):
    entries = load_catalog().entries
    styles = Counter(e.style for e in entries)
    style, count = min(styles.items(), key=lambda kv: kv[1])  # some, not all, items
    assert 0 < count < live.total
    both = sum(e.style == style and e.category == live.category for e in entries)
    assert 0 < both < count

    view = CatalogView(api_for(live.url), tasks, previews, "en")
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    qtbot.waitUntil(lambda: view.style_combo.count() > 1, timeout=TIMEOUT)
    combo = view.style_combo
    assert combo.itemText(0) == "All styles" and combo.itemData(0) == ""
    assert combo.count() == len(styles) + 1
    index = combo.findData(style)
    assert index > 0 and f"({count})" in combo.itemText(index)

    def shown() -> list[tuple[str, str]]:
        model = view.model
        while model.canFetchMore(view.grid.rootIndex()) and not model.is_loading():
            model.fetchMore(view.grid.rootIndex())
        return [(model.item(r).style, model.item(r).category) for r in range(model.rowCount())]

    combo.setCurrentIndex(index)
    qtbot.waitUntil(lambda: view.model.query().style == style, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: len(shown()) == count and view.model.query_loaded(), timeout=TIMEOUT)
    assert {s for s, _ in shown()} == {style}

    view.category_combo.setCurrentIndex(view.category_combo.findData(live.category))
    qtbot.waitUntil(lambda: view.model.query().category == live.category, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: len(shown()) == both and view.model.query_loaded(), timeout=TIMEOUT)
    assert set(shown()) <= {(style, live.category)}

    view.clear_search()  # back to everything: the style filter goes too
    assert combo.currentIndex() == 0
    qtbot.waitUntil(lambda: view.model.query().style == "", timeout=TIMEOUT)
