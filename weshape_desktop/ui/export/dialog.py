"""Export / recolour one library illustration (DESIGN §1, issue "Using illustrations").

A live preview, the accent colour (picked with a live-updating colour dialog), a PNG size, and
copy / save as SVG or PNG. The file is read and sanitised once when the dialog opens (small and
local); the preview renders in-process, coalesced to one render per event-loop turn; rendering a
big PNG and writing files run on the TaskRunner, so the window never freezes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QEvent, QSettings, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from weshape_desktop.core.errors import WeshapeError
from weshape_desktop.core.library import (
    LibraryEntry,
    export_file_name,
    read_entry_svg,
    write_export,
)
from weshape_desktop.core.paths import AppPaths
from weshape_desktop.core.svg import count_colour, hex_colour, parse_colour, recolour_svg
from weshape_desktop.core.text import isolate
from weshape_desktop.ui.export.form import PREVIEW_SIDE, ExportForm
from weshape_desktop.ui.export.mime import copy_image_to_clipboard, copy_svg_to_clipboard
from weshape_desktop.ui.previews import (
    DEFAULT_PNG_SIZE,
    MAX_PNG_SIZE,
    MIN_PNG_SIZE,
    render_image,
    save_png,
)
from weshape_desktop.ui.tasks import Task, TaskRunner, describe_error

SIZE_KEY = "export/png_size"
FOLDER_KEY = "export/folder"
T = TypeVar("T")


def remembered_png_size(settings: QSettings) -> int:
    """The PNG size exports and PNG downloads start at: one default, set here or in the
    preferences (window.ini's `export/png_size`)."""
    try:
        size = int(str(settings.value(SIZE_KEY, DEFAULT_PNG_SIZE)))
    except ValueError:
        size = DEFAULT_PNG_SIZE
    return min(MAX_PNG_SIZE, max(MIN_PNG_SIZE, size))


class ExportDialog(QDialog):
    """Export or recolour one `LibraryEntry`. Non-modal friendly: `open()` or `show()` it."""

    exported = Signal(str, str)  # format ("svg" | "png"), the saved file's path
    copied = Signal(str)  # format ("svg" | "png") put on the clipboard

    def __init__(
        self,
        entry: LibraryEntry,
        library_dir: Path,
        lang: str,
        parent: QWidget | None = None,
        *,
        tasks: TaskRunner | None = None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.entry = entry
        self.lang = lang
        self._own_tasks = tasks is None
        self._tasks = tasks or TaskRunner(self, max_threads=1)
        self._settings = settings or QSettings(
            str(AppPaths.resolve().config_dir / "window.ini"), QSettings.Format.IniFormat
        )
        self._live: set[Task] = set()
        self._busy = 0
        self._load_error: WeshapeError | None = None
        self._svg = b""
        self._accent = ""
        self._uses = 0
        try:
            self._svg = read_entry_svg(entry, library_dir, lang)
            self._accent = hex_colour(parse_colour(entry.item.accent))
            self._uses = count_colour(self._svg, self._accent)
        except WeshapeError as exc:
            self._load_error = exc
        except ValueError:  # a catalog accent that isn't a colour: nothing to recolour
            self._accent = ""
        self._shown_colour = self._accent  # what the preview shows (live while picking)
        self._build_ui()
        self._connect()
        self.retranslate_ui()
        if self._load_error is None:
            self._render_preview()

    # -- layout ------------------------------------------------------------------------------

    def _build_ui(self) -> None:
        """The editor (or, when the file can't be used, a message) above a Close button."""
        self.form = ExportForm(
            self.entry.item.title_in(self.lang),
            self._accent if self._uses else "",
            dark=self.entry.item.style.startswith("dark"),
            parent=self,
        )
        # The form's controls, by the names the dialog's callers and tests use.
        form = self.form
        self.preview_label, self.title_label = form.preview_label, form.title_label
        self.accent_picker, self.accent_note = form.accent_picker, form.accent_note
        self.size_spin, self.preset_buttons = form.size_spin, form.preset_buttons
        self.copy_svg_button, self.copy_png_button = form.copy_svg_button, form.copy_png_button
        self.save_svg_button, self.save_png_button = form.save_svg_button, form.save_png_button
        self.status_label, self.error_label = form.status_label, form.error_label
        self.accent_note.setVisible(self._load_error is None and not self._uses)
        self.size_spin.setValue(self._remembered_size())

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.form)
        self.pages.addWidget(self._build_message_page())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)
        self.pages.setCurrentIndex(1 if self._load_error else 0)
        if self._load_error is not None:  # size the window for the message, not the editor
            ignored = QSizePolicy.Policy.Ignored
            self.pages.widget(0).setSizePolicy(ignored, ignored)

    def _connect(self) -> None:
        self._preview_timer = QTimer(self, singleShot=True, interval=0)
        self._preview_timer.timeout.connect(self._render_preview)
        self.accent_picker.previewing.connect(self._preview_colour)
        self.size_spin.valueChanged.connect(lambda v: self._settings.setValue(SIZE_KEY, v))
        self.copy_svg_button.clicked.connect(self.copy_svg)
        self.copy_png_button.clicked.connect(self.copy_png)
        self.save_svg_button.clicked.connect(self.save_svg)
        self.save_png_button.clicked.connect(self.save_png)
        self.buttons.rejected.connect(self.reject)
        # Shortcuts press the buttons, so a busy (disabled) button ignores its shortcut too.
        self._shortcuts = [QShortcut(keys, self, button.click) for button, keys in self.form.keys]
        for shortcut in self._shortcuts:
            shortcut.setEnabled(self._load_error is None)

    def _build_message_page(self) -> QWidget:
        """What shows instead of the editor when the file can't be used."""
        page = QWidget(self)
        icon = QLabel(page)
        style = self.style()
        icon.setPixmap(style.standardIcon(style.StandardPixmap.SP_MessageBoxWarning).pixmap(48, 48))
        self.message_label = QLabel(page, wordWrap=True, objectName="messageLabel")
        self.message_label.setMinimumWidth(360)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(page)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.message_label, 1, Qt.AlignmentFlag.AlignTop)
        return page

    def retranslate_ui(self) -> None:
        title = self.entry.item.title_in(self.lang)
        self.setWindowTitle(self.tr("Export or recolour “%1”").replace("%1", title))
        if self._load_error is not None:
            self.message_label.setText(describe_error(self._load_error))
        self.form.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- colour ------------------------------------------------------------------------------

    def colour(self) -> str:
        """The chosen accent colour as `#rrggbb` ("" when the item has none to change)."""
        return self.accent_picker.colour()

    def set_colour(self, colour: str) -> None:
        """Use `colour` (`#rgb`, `#rrggbb`) as the accent from now on (no-op without one)."""
        self.accent_picker.set_colour(colour)

    def current_svg(self) -> bytes:
        """The sanitised SVG with the chosen accent colour."""
        if not self._uses:
            return self._svg
        return recolour_svg(self._svg, self._accent, self.colour())

    def _preview_colour(self, colour: str) -> None:
        self._shown_colour = colour
        self._preview_timer.start()

    def _render_preview(self) -> None:
        svg = self._svg
        if self._uses and self._shown_colour != self._accent:
            svg = recolour_svg(svg, self._accent, self._shown_colour)
        ratio = self.devicePixelRatioF()
        try:
            image = render_image(svg, round(PREVIEW_SIDE * ratio))
        except ValueError as exc:
            self._show_error(str(exc))
            return
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        self.preview_label.setPixmap(pixmap)

    # -- size --------------------------------------------------------------------------------

    def png_size(self) -> int:
        return self.size_spin.value()

    def _remembered_size(self) -> int:
        return remembered_png_size(self._settings)

    # -- copy --------------------------------------------------------------------------------

    def copy_svg(self) -> None:
        """Copy the (recoloured) SVG as `image/svg+xml` and text."""
        if self._load_error is not None:
            return
        copy_svg_to_clipboard(self.current_svg())
        self._show_status(self.tr("SVG copied to the clipboard."))
        self.copied.emit("svg")

    def copy_png(self) -> None:
        """Render at the chosen size in the background, then copy the image."""
        if self._load_error is not None:
            return
        svg, size = self.current_svg(), self.png_size()

        def done(image: QImage) -> None:
            copy_image_to_clipboard(image)
            self._show_status(self.tr("PNG copied to the clipboard."))
            self.copied.emit("png")

        self._run(lambda: render_image(svg, size), done)

    # -- save --------------------------------------------------------------------------------

    def save_png(self) -> None:
        """Ask where to save the PNG (the file dialog confirms overwriting), then save it."""
        if self._load_error is None and (path := self._ask_save_path("png")) is not None:
            self.save_png_to(path)

    def save_svg(self) -> None:
        if self._load_error is None and (path := self._ask_save_path("svg")) is not None:
            self.save_svg_to(path)

    def save_png_to(self, path: Path) -> None:
        """Save the PNG at the chosen size to `path`, in the background."""
        svg, size, title = self.current_svg(), self.png_size(), self.entry.item.title_in(self.lang)
        self._run(lambda: save_png(svg, size, path, title), lambda _: self._saved("png", path))

    def save_svg_to(self, path: Path) -> None:
        svg = self.current_svg()
        self._run(lambda: write_export(path, svg), lambda _: self._saved("svg", path))

    def _ask_save_path(self, fmt: str) -> Path | None:
        folder = str(self._settings.value(FOLDER_KEY, "") or "") or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.PicturesLocation
        )
        recoloured = self.colour() if self.colour() != self._accent else ""
        name = export_file_name(self.entry, fmt, self.png_size(), recoloured)
        if fmt == "png":
            caption, pattern = self.tr("Save PNG"), self.tr("PNG images (*.png)")
        else:
            caption, pattern = self.tr("Save SVG"), self.tr("SVG images (*.svg)")
        dialog = QFileDialog(self, caption, str(Path(folder) / name), pattern)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(fmt)
        if not dialog.exec() or not dialog.selectedFiles():
            return None
        path = Path(dialog.selectedFiles()[0])
        self._settings.setValue(FOLDER_KEY, str(path.parent))
        return path

    def _saved(self, fmt: str, path: Path) -> None:
        self._show_status(self.tr("Saved “%1”.").replace("%1", isolate(path.name)))
        self.exported.emit(fmt, str(path))

    # -- background work and messages ---------------------------------------------------------

    def _run(self, work: Callable[[], T], on_done: Callable[[T], None]) -> None:
        task: Task | None = None

        def finished(result: T) -> None:
            self._end(task)
            on_done(result)

        def failed(exc: BaseException) -> None:
            self._end(task)
            self._show_error(describe_error(exc))

        self.error_label.hide()
        self._set_busy(+1)
        task = self._tasks.run(work, finished, failed)
        self._live.add(task)

    def _end(self, task: Task | None) -> None:
        if task is not None:
            self._live.discard(task)
        self._set_busy(-1)

    def _set_busy(self, delta: int) -> None:
        self._busy += delta
        for button in (self.copy_png_button, self.save_png_button, self.save_svg_button):
            button.setEnabled(self._busy == 0)
        if self._busy:
            self._show_status(self.tr("Working…"))

    def is_busy(self) -> bool:
        return self._busy > 0

    def _show_status(self, text: str) -> None:
        self.status_label.setText(text)

    def _show_error(self, text: str) -> None:
        self.status_label.clear()
        self.error_label.setText(text)
        self.error_label.show()

    def error_text(self) -> str:
        """The error the dialog shows ("" for none): a load error or the last failed action."""
        if self._load_error is not None:
            return self.message_label.text()
        return self.error_label.text() if self.error_label.isVisibleTo(self) else ""

    def done(self, result: int) -> None:
        for task in self._live:  # a save still finishes; only its message is dropped
            task.cancel()
        if self._own_tasks:
            self._tasks.wait_idle()
        super().done(result)
