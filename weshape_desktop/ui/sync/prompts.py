"""The questions sync asks before a library first joins an account: shown as message boxes, the
answers handed back to the controller."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from weshape_desktop.core.text import isolate
from weshape_desktop.ui.sync.controller import Question, SyncController


class SyncPrompts(QObject):
    """Asks `SyncController.question` over `window`; `box` is the open question, if any."""

    def __init__(self, sync: SyncController, window: QWidget) -> None:
        super().__init__(window)
        self.sync = sync
        self.window = window
        self.box: QMessageBox | None = None
        self.merge_button: QPushButton | None = None
        sync.question.connect(self.ask)

    def ask(self, question: Question, count: int) -> QMessageBox:
        account = self.sync.accounts.account
        email = isolate(account.email) if account is not None else ""
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Sync this library?"))
        if question is Question.FIRST_SIGN_IN:
            box.setText(
                self.tr(
                    "%Ln illustration(s) in the library on this computer will join your account "
                    "%1 and sync with your other computers.",
                    "",
                    count,
                ).replace("%1", email)
            )
            box.setInformativeText(
                self.tr(
                    "If you cancel, you stay signed in and this library is not synced. To sync "
                    "it later, choose Account → Sync now."
                )
            )
            merge = box.addButton(self.tr("Merge"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
        else:
            box.setText(
                self.tr(
                    "The library on this computer is synced with another weShape account. Merge "
                    "it into the account %1, or keep them apart?"
                ).replace("%1", email)
            )
            box.setInformativeText(
                self.tr(
                    "Merge: its %Ln illustration(s) join %1 and sync with it. Keep apart: this "
                    "library is not synced while you are signed in as %1; to merge it later, "
                    "choose Account → Sync now.",
                    "",
                    count,
                ).replace("%1", email)
            )
            merge = box.addButton(self.tr("Merge"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(self.tr("Keep apart"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(merge)
        box.finished.connect(lambda _result: self._answered(box, merge))
        self.box, self.merge_button = box, merge
        box.open()
        return box

    def _answered(self, box: QMessageBox, merge: QPushButton) -> None:
        self.box = self.merge_button = None
        box.deleteLater()
        self.sync.answer(box.clickedButton() is merge)
