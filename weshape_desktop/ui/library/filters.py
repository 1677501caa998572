"""The library's search box and sort order (what narrows the library is chosen in the sidebar)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from weshape_desktop.core.library import LibraryQuery

SEARCH_DEBOUNCE_MS = 150  # a local query takes a few ms: results follow typing
COLLECTION_ORDER = "position:asc"  # offered (and chosen) while one collection is shown


class LibraryFilterBar(QWidget):
    """Search text (debounced) and sort order. `changed` fires once per change the user makes;
    refilling the choices never fires it."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search_edit = QLineEdit(self)
        self.search_edit.setClearButtonEnabled(True)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.changed)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.search_edit.returnPressed.connect(self._apply_now)
        self.sort_combo = QComboBox(self)
        self.sort_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.sort_combo.currentIndexChanged.connect(self.changed)
        self._in_collection = False
        self._sort_outside = "added:desc"  # the sort to go back to when leaving a collection

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_edit, 1)
        layout.addWidget(self.sort_combo)
        self.retranslate_ui()

    # -- public API --------------------------------------------------------------------------

    def query(self, lang: str) -> LibraryQuery:
        sort, _, direction = (self.sort_combo.currentData() or "added:desc").partition(":")
        return LibraryQuery(
            text=self.search_edit.text().strip(),
            sort="title" if sort == "title" else "position" if sort == "position" else "added",
            lang=lang,
            descending=direction == "desc",
        )

    def set_in_collection(self, shown: bool) -> None:
        """A collection opens in its own order; leaving it brings back the sort used before.
        Never fires `changed`: the caller queries once."""
        if shown == self._in_collection:
            return
        self._in_collection = shown
        if shown:
            self._sort_outside = self.sort_combo.currentData()
        self._fill_sorts(COLLECTION_ORDER if shown else self._sort_outside)

    def clear(self) -> None:
        """No search text (the sort order stays), without firing `changed`."""
        self._search_timer.stop()
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)

    def search_pending(self) -> bool:
        """Typed text that hasn't been applied yet (the debounce is running)."""
        return self._search_timer.isActive()

    # -- translating and filling -------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.search_edit.setPlaceholderText(self.tr("Search your library"))
        self.search_edit.setAccessibleName(self.search_edit.placeholderText())
        self.search_edit.setToolTip(self.tr("Search titles, tags and notes (Ctrl+F)"))
        self.sort_combo.setToolTip(self.tr("Sort order"))
        self._fill_sorts()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _fill_sorts(self, chosen: str | None = None) -> None:
        """The sort orders (the collection's own while one is shown), showing `chosen` or the
        current one."""
        chosen = chosen or self.sort_combo.currentData()
        choices = [
            (self.tr("Newest first"), "added:desc"),
            (self.tr("Oldest first"), "added:asc"),
            (self.tr("Title A–Z"), "title:asc"),
            (self.tr("Title Z–A"), "title:desc"),
        ]
        if self._in_collection:
            choices.insert(0, (self.tr("Collection order"), COLLECTION_ORDER))
        combo = self.sort_combo
        combo.blockSignals(True)
        combo.clear()
        for text, data in choices:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        combo.blockSignals(False)

    def _apply_now(self) -> None:
        self._search_timer.stop()
        self.changed.emit()
