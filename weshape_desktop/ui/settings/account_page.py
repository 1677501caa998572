"""The Account & sync section: who is signed in, sync on/off and its state, and the account's
data (export, delete) — the same actions as the Account menu."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QLocale, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QWidget

from weshape_desktop.ui.account import AccountController
from weshape_desktop.ui.settings.page import SettingsEditor, SettingsPage
from weshape_desktop.ui.sync import SyncController, SyncStatusWidget


class AccountPage(SettingsPage):
    sign_out_requested = Signal()
    export_requested = Signal()
    delete_requested = Signal()

    def __init__(
        self,
        editor: SettingsEditor,
        accounts: AccountController,
        sync: SyncController,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.accounts = accounts
        self.sync = sync
        self.who_label = QLabel(self)
        self.who_row_label = self.add_row(self.who_label)
        self.sign_out_button = QPushButton(self)
        self.form.addRow("", self.sign_out_button)
        self.sync_box = QCheckBox(self)
        self.sync_box.setChecked(editor.settings.sync_enabled)
        self.form.addRow("", self.sync_box)
        self.status = SyncStatusWidget(sync, self)
        self.last_sync_label = QLabel(self)
        self.last_row_label = self.add_row(self.last_sync_label)
        self.form.addRow("", self.status)
        data_row = QWidget(self)
        row = QHBoxLayout(data_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.export_button = QPushButton(data_row)
        self.delete_button = QPushButton(data_row)
        row.addWidget(self.export_button)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        self.data_row_label = self.add_row(data_row)
        self.sign_out_button.clicked.connect(self.sign_out_requested)
        self.export_button.clicked.connect(self.export_requested)
        self.delete_button.clicked.connect(self.delete_requested)
        self.sync_box.toggled.connect(lambda on: editor.update(sync_enabled=on))
        accounts.changed.connect(self.retranslate_ui)
        sync.changed.connect(self.retranslate_ui)
        self.retranslate_ui()

    def title(self) -> str:
        return self.tr("Account & sync")

    def retranslate_ui(self) -> None:
        account = self.accounts.account
        self.name_row(self.who_row_label, self.tr("Account:"))
        if account is None:
            self.who_label.setText(self.tr("Not signed in. Sign in from the Account menu."))
        else:
            self.who_label.setText(
                self.tr("Signed in as %1 (%2)").replace("%1", account.name)
                .replace("%2", account.email)
            )  # fmt: skip
        for button in (self.sign_out_button, self.export_button, self.delete_button):
            button.setEnabled(account is not None)
        self.sign_out_button.setText(self.tr("Sign &out"))
        self.sync_box.setText(self.tr("&Sync my library, favourites and collections"))
        self.name_row(self.last_row_label, self.tr("Last sync:"))
        self.last_sync_label.setText(self._last_sync())
        self.name_row(self.data_row_label, self.tr("Your data:"))
        self.export_button.setText(self.tr("&Export my data…"))
        self.delete_button.setText(self.tr("&Delete my account…"))

    def _last_sync(self) -> str:
        status = self.sync.status
        if status is None or status.last_sync_ms is None:
            return self.tr("Never")
        when = QDateTime.fromMSecsSinceEpoch(status.last_sync_ms)
        return QLocale().toString(when, QLocale.FormatType.ShortFormat)
