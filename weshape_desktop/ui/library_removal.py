"""Removing entries from the library: the confirmation, and deleting their files safely."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget


@dataclass(frozen=True)
class FileRemoval:
    """What happened to the files of removed entries."""

    deleted: int
    failed: tuple[str, ...] = ()  # relative paths that could not be deleted
    outside: tuple[str, ...] = ()  # relative paths leading out of the library folder: kept


def delete_library_files(library_dir: Path, rel_paths: Iterable[str]) -> FileRemoval:
    """Delete these files of the library folder; never anything outside it.

    Paths come from the database, which sync and hand edits can fill: each is resolved (links
    and `..` included) and must land strictly inside the folder. A file already gone is fine.
    """
    root = library_dir.resolve()
    deleted, failed, outside = 0, [], []
    for rel in rel_paths:
        target = (root / rel).resolve()
        if target == root or not target.is_relative_to(root):
            outside.append(rel)
            continue
        try:
            if target.is_file():
                target.unlink()
                deleted += 1
        except OSError:
            failed.append(rel)
    return FileRemoval(deleted, tuple(failed), tuple(outside))


class RemovalDialog(QMessageBox):
    """Asks before removing `count` entries; `chosen(delete_files)` fires only on a removal.

    Open it with `open()` (not `exec()`): no nested event loop, and tests can press its buttons.
    """

    chosen = Signal(bool)

    def __init__(self, parent: QWidget, count: int) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Remove from library"))
        self.setText(self.tr("Remove %Ln illustration(s) from your library?", "", count))
        self.setInformativeText(
            self.tr("Deleted files can't be recovered. Files you keep stay in the library folder.")
        )
        self.delete_button = self.addButton(
            self.tr("Remove and delete the files"), QMessageBox.ButtonRole.DestructiveRole
        )
        self.keep_button = self.addButton(
            self.tr("Remove, keep the files"), QMessageBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(self.cancel_button)  # Delete then Enter by mistake deletes nothing
        self.setEscapeButton(self.cancel_button)
        self.buttonClicked.connect(self._answered)

    def _answered(self, button: QAbstractButton) -> None:
        if button in (self.delete_button, self.keep_button):
            self.chosen.emit(button is self.delete_button)
