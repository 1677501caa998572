"""Download buttons under the catalog's detail panel: SVG, or PNG at a chosen size; for an
illustration already in the library, "Show in library" with the download one click away in its
menu. One instance downloads several illustrations at once for the catalog's selection."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QHBoxLayout, QMenu, QToolButton, QWidget

from weshape_desktop.core.models import Illustration
from weshape_desktop.ui.grid import formats_badge
from weshape_desktop.ui.previews import DEFAULT_PNG_SIZE

PNG_SIZES = (256, 512, 1024, 2048, 4096)


class DownloadButtons(QWidget):
    """Emits `download_requested(item, fmt, png_size)` (png_size is 0 for SVG), and
    `show_in_library(item_id)`."""

    download_requested = Signal(object, str, int)
    show_in_library = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._item: Illustration | None = None
        self._owned: tuple[str, ...] = ()
        self._batch: list[Illustration] | None = None  # several illustrations (show_items)
        self.png_size = DEFAULT_PNG_SIZE
        self.svg_button = QToolButton(self)
        self.svg_button.clicked.connect(self._on_svg_clicked)
        self.again_menu = QMenu(self.svg_button)  # the SVG download, for an owned illustration
        self.download_svg_action = self.again_menu.addAction("")
        self.download_svg_action.triggered.connect(lambda: self._request("svg"))
        self.png_button = QToolButton(self)
        self.png_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.png_button.clicked.connect(lambda: self._request("png"))
        self.size_menu = QMenu(self.png_button)
        self._size_actions = QActionGroup(self)
        for size in PNG_SIZES:
            action = QAction(self._size_actions, checkable=True)
            action.setData(size)
            action.setChecked(size == self.png_size)
            action.triggered.connect(lambda _=False, size=size: self._pick_size(size))
            self.size_menu.addAction(action)
        self.png_button.setMenu(self.size_menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.svg_button)
        layout.addWidget(self.png_button)
        layout.addStretch(1)
        self.retranslate_ui()
        self.show_item(None)

    def show_item(self, item: Illustration | None, owned: tuple[str, ...] = ()) -> None:
        """Offer `item`'s downloads; `owned`: the formats of it already in the library."""
        self._item, self._owned = item, owned
        self.svg_button.setEnabled(item is not None)
        self.png_button.setEnabled(item is not None)
        # The menu's arrow only when there is a menu (MenuButtonPopup draws it regardless).
        self.svg_button.setMenu(self.again_menu if owned else None)
        self.svg_button.setPopupMode(
            QToolButton.ToolButtonPopupMode.MenuButtonPopup
            if owned
            else QToolButton.ToolButtonPopupMode.DelayedPopup
        )
        self.retranslate_ui()

    def show_items(self, items: list[Illustration]) -> None:
        """Offer the downloads of several illustrations: a request asks for each of them."""
        self._batch = items
        self.show_item(items[0] if items else None)

    def _on_svg_clicked(self) -> None:
        if self._owned and self._item is not None:
            self.show_in_library.emit(self._item.id)
        else:
            self._request("svg")

    def set_png_size(self, size: int) -> None:
        """The default PNG size (shared with the export dialog and the preferences)."""
        self.png_size = size
        for action in self._size_actions.actions():
            action.setChecked(action.data() == size)
        self.retranslate_ui()

    def _pick_size(self, size: int) -> None:
        self.png_size = size
        self.retranslate_ui()
        self._request("png")

    def _request(self, fmt: str) -> None:
        items = self._batch if self._batch is not None else [self._item] if self._item else []
        for item in items:
            self.download_requested.emit(item, fmt, self.png_size if fmt == "png" else 0)

    def retranslate_ui(self) -> None:
        locale = QLocale()
        size = locale.toString(self.png_size)
        if self._batch is not None:
            count = len(self._batch)
            self.svg_button.setText(self.tr("Download %Ln illustration(s) as SVG", "", count))
            self.svg_button.setToolTip(self.tr("Add them to your library as SVG files"))
        elif self._owned:
            self.svg_button.setText(self.tr("Show in library"))
            self.svg_button.setToolTip(
                self.tr("This illustration is in your library as %1. Open it there.").replace(
                    "%1", formats_badge(self._owned)
                )
            )
        else:
            self.svg_button.setText(self.tr("Download SVG"))
            self.svg_button.setToolTip(
                self.tr("Add this illustration to your library as SVG (Ctrl+D)")
            )
        self.download_svg_action.setText(
            self.tr("Download SVG again") if "svg" in self._owned else self.tr("Download SVG")
        )
        png = (
            self.tr("Download %Ln illustration(s) as PNG (%1 px)", "", len(self._batch))
            if self._batch is not None
            else self.tr("Download PNG (%1 px)")
        )
        self.png_button.setText(png.replace("%1", size))
        self.png_button.setToolTip(self.tr("Render a PNG at this size into your library"))
        for action in self._size_actions.actions():
            action.setText(self.tr("%1 × %1 px").replace("%1", locale.toString(action.data())))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
