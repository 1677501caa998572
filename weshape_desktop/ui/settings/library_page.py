"""The Library section: where the library lives (moved safely) and the preview cache."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

from PySide6.QtCore import QDir, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from weshape_desktop.ui.i18n import data_size
from weshape_desktop.ui.settings.page import SettingsPage
from weshape_desktop.ui.tasks import TaskRunner


def folder_size(folder: Path) -> int:
    """Bytes taken by the files under `folder` (0 when it doesn't exist)."""
    total = 0
    for path in folder.rglob("*"):
        with contextlib.suppress(OSError):  # removed meanwhile (previews come and go)
            total += path.stat().st_size if path.is_file() else 0
    return total


class LibraryPage(SettingsPage):
    """Emits `move_requested(Path)` when the user picks a new folder for the library."""

    move_requested = Signal(Path)

    def __init__(
        self,
        library_dir: Path,
        preview_cache: Path,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.library_dir = library_dir
        self.preview_cache = preview_cache
        self.tasks = tasks
        self.cache_bytes: int | None = None
        folder_row = QWidget(self)
        row = QHBoxLayout(folder_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.folder_label = QLabel(QDir.toNativeSeparators(str(library_dir)), folder_row)
        self.folder_label.setWordWrap(True)
        self.move_button = QPushButton(folder_row)
        row.addWidget(self.folder_label, 1)
        row.addWidget(self.move_button)
        self.folder_row_label = self.add_row(folder_row)
        self.move_note = QLabel(self, wordWrap=True)
        self.form.addRow("", self.move_note)
        cache_row = QWidget(self)
        row = QHBoxLayout(cache_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.cache_label = QLabel(cache_row)
        self.clear_button = QPushButton(cache_row)
        row.addWidget(self.cache_label, 1)
        row.addWidget(self.clear_button)
        self.cache_row_label = self.add_row(cache_row)
        self.move_button.clicked.connect(self.choose_folder)
        self.clear_button.clicked.connect(self.clear_cache)
        self.retranslate_ui()
        self.measure_cache()

    def choose_folder(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Choose the library folder"))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly)
        dialog.fileSelected.connect(lambda path: self.move_requested.emit(Path(path)))
        dialog.open()
        return dialog

    def measure_cache(self) -> None:
        self.tasks.run(
            lambda: folder_size(self.preview_cache), on_done=self._show_cache, owner=self
        )

    def clear_cache(self) -> None:
        self.clear_button.setEnabled(False)
        self.tasks.run(
            lambda: shutil.rmtree(self.preview_cache, ignore_errors=True),
            on_done=lambda _: self.measure_cache(),
            owner=self,
        )

    def _show_cache(self, size: int) -> None:
        self.cache_bytes = size
        self.clear_button.setEnabled(size > 0)
        self.retranslate_ui()

    def title(self) -> str:
        return self.tr("Library")

    def retranslate_ui(self) -> None:
        self.name_row(self.folder_row_label, self.tr("Library folder:"))
        self.move_button.setText(self.tr("&Move…"))
        self.move_button.setAccessibleName(self.tr("Move the library to another folder"))
        self.move_note.setText(
            self.tr(
                "The files are copied and checked before the new folder is used; then the old "
                "copies are removed and the window reopens."
            )
        )
        self.name_row(self.cache_row_label, self.tr("Preview cache:"))
        self.cache_label.setText(
            self.tr("Measuring…") if self.cache_bytes is None else data_size(self.cache_bytes)
        )
        self.clear_button.setText(self.tr("&Clear cache"))
