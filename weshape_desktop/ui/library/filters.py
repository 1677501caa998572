"""The library's search box and filters: what the grid shows, as a `LibraryQuery`."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QToolButton, QWidget

from weshape_desktop.core.library import Collection, LibraryQuery
from weshape_desktop.core.text import isolate

SEARCH_DEBOUNCE_MS = 150  # a local query takes a few ms: results follow typing
COLLECTION_ORDER = "position:asc"  # offered (and chosen) while one collection is shown


class LibraryFilterBar(QWidget):
    """Search text (debounced), tag, category, collection, favourites only, and sort order.

    `changed` fires once per change the user makes; refilling the choices never fires it.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search_edit = QLineEdit(self)
        self.search_edit.setClearButtonEnabled(True)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.changed)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.search_edit.returnPressed.connect(self._apply_now)

        self.tag_combo = QComboBox(self)
        self.category_combo = QComboBox(self)
        self.collection_combo = QComboBox(self)
        self.sort_combo = QComboBox(self)
        for combo in self._combos():
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            if combo is not self.collection_combo:
                combo.currentIndexChanged.connect(self.changed)
        self.collection_combo.currentIndexChanged.connect(self._on_collection_changed)
        # Its menu holds the actions on the collection shown (rename, delete); hidden otherwise.
        self.collection_button = QToolButton(self)
        self.collection_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.collection_button.setText("⋯")
        self.collection_button.hide()
        self._sort_outside = "added:desc"  # the sort to go back to when leaving a collection
        self.favourites_button = QToolButton(self)
        self.favourites_button.setCheckable(True)
        self.favourites_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.favourites_button.toggled.connect(self.changed)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_edit, 1)
        widgets = (*self._combos()[:3], self.collection_button, self.favourites_button)
        for widget in (*widgets, self.sort_combo):
            layout.addWidget(widget)

        self._tags: Sequence[tuple[str, int]] = ()
        self._categories: Sequence[tuple[str, int]] = ()
        self._collections: Sequence[Collection] = ()
        self._category_name: Callable[[str], str] = str.capitalize
        self.retranslate_ui()

    # -- public API --------------------------------------------------------------------------

    def query(self, lang: str) -> LibraryQuery:
        sort, _, direction = (self.sort_combo.currentData() or "added:desc").partition(":")
        return LibraryQuery(
            text=self.search_edit.text().strip(),
            tag=self.tag_combo.currentData() or "",
            category=self.category_combo.currentData() or "",
            collection_id=self.collection_combo.currentData() or "",
            favourites_only=self.favourites_button.isChecked(),
            sort="title" if sort == "title" else "position" if sort == "position" else "added",
            lang=lang,
            descending=direction == "desc",
        )

    def is_filtered(self) -> bool:
        """Whether anything narrows the library down (the sort order doesn't)."""
        query = self.query("en")
        return any((query.text, query.tag, query.category, query.collection_id)) or (
            query.favourites_only
        )

    def set_choices(
        self,
        tags: Sequence[tuple[str, int]],
        categories: Sequence[tuple[str, int]],
        collections: Sequence[Collection],
    ) -> None:
        """What the combos offer, with counts; the current choices stay when they still exist."""
        self._tags, self._categories, self._collections = tags, categories, collections
        self._fill()

    def set_category_names(self, name: Callable[[str], str]) -> None:
        """How to show a category id in the UI language (from the catalog's facets)."""
        self._category_name = name
        self._fill()

    def clear(self) -> None:
        """No text, no filters (the sort order stays); `changed` fires once."""
        self._search_timer.stop()
        widgets = (self.search_edit, *self._combos()[:3], self.favourites_button)
        for widget in widgets:
            widget.blockSignals(True)
        self.search_edit.clear()
        for combo in self._combos()[:3]:
            combo.setCurrentIndex(0)
        self.favourites_button.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)
        self.collection_button.hide()
        self._fill_sorts(self._sort_outside)
        self.changed.emit()

    def search_pending(self) -> bool:
        """Typed text that hasn't been applied yet (the debounce is running)."""
        return self._search_timer.isActive()

    # -- translating and filling -------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.search_edit.setPlaceholderText(self.tr("Search your library"))
        self.search_edit.setAccessibleName(self.search_edit.placeholderText())
        self.search_edit.setToolTip(self.tr("Search titles, tags and notes (Ctrl+F)"))
        self.tag_combo.setToolTip(self.tr("Show illustrations with this tag only"))
        self.category_combo.setToolTip(self.tr("Show one category only"))
        self.collection_combo.setToolTip(self.tr("Show one collection only"))
        self.collection_button.setToolTip(self.tr("Rename or delete this collection"))
        self.collection_button.setAccessibleName(self.collection_button.toolTip())
        self.favourites_button.setText(self.tr("★ Favourites"))
        self.favourites_button.setToolTip(self.tr("Show favourites only"))
        self.sort_combo.setToolTip(self.tr("Sort order"))
        self._fill_sorts()
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _combos(self) -> tuple[QComboBox, ...]:
        return (self.tag_combo, self.category_combo, self.collection_combo, self.sort_combo)

    def _fill_sorts(self, chosen: str | None = None) -> None:
        """The sort orders (the collection's own while one is shown), showing `chosen` or the
        current one. Never fires `changed`: the caller does, once."""
        chosen = chosen or self.sort_combo.currentData()
        choices = [
            (self.tr("Newest first"), "added:desc"),
            (self.tr("Oldest first"), "added:asc"),
            (self.tr("Title A–Z"), "title:asc"),
            (self.tr("Title Z–A"), "title:desc"),
        ]
        if self.collection_combo.currentData():
            choices.insert(0, (self.tr("Collection order"), COLLECTION_ORDER))
        combo = self.sort_combo
        combo.blockSignals(True)
        combo.clear()
        for text, data in choices:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        combo.blockSignals(False)

    def _on_collection_changed(self) -> None:
        # A collection opens in its own order; leaving it brings back the sort used before.
        self.collection_button.setVisible(bool(self.collection_combo.currentData()))
        if self.collection_combo.currentData():
            if self.sort_combo.currentData() != COLLECTION_ORDER:
                self._sort_outside = self.sort_combo.currentData()
            self._fill_sorts(COLLECTION_ORDER)
        else:
            self._fill_sorts(self._sort_outside)
        self.changed.emit()

    def _fill(self) -> None:
        number = QLocale().toString
        self._fill_combo(
            self.tag_combo,
            [(self.tr("All tags"), "")]
            + [(f"{isolate(name)} ({number(count)})", name) for name, count in self._tags],
        )
        self._fill_combo(
            self.category_combo,
            [(self.tr("All categories"), "")]
            + [(f"{self._category_name(c)} ({number(n)})", c) for c, n in self._categories],
        )
        self._fill_combo(
            self.collection_combo,
            [(self.tr("All collections"), "")]
            + [(f"{isolate(c.name)} ({number(c.count)})", c.id) for c in self._collections],
        )

    @staticmethod
    def _fill_combo(combo: QComboBox, choices: list[tuple[str, str]]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for text, data in choices:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
        combo.blockSignals(False)
        if chosen not in (None, "") and combo.currentData() != chosen:
            combo.currentIndexChanged.emit(0)  # the chosen tag or collection is gone: show all

    def _apply_now(self) -> None:
        self._search_timer.stop()
        self.changed.emit()
