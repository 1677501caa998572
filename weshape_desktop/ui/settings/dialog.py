"""Edit → Preferences (DESIGN §10): one dialog, a list of sections beside the chosen one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from weshape_desktop.core.analytics import Analytics
from weshape_desktop.core.config import Settings
from weshape_desktop.ui.account import AccountController
from weshape_desktop.ui.settings.account_page import AccountPage
from weshape_desktop.ui.settings.library_page import LibraryPage
from weshape_desktop.ui.settings.page import SettingsEditor, SettingsPage
from weshape_desktop.ui.settings.pages import AdvancedPage, DownloadsPage, GeneralPage
from weshape_desktop.ui.settings.privacy import PrivacyPage
from weshape_desktop.ui.sync import SyncController
from weshape_desktop.ui.tasks import TaskRunner

SECTIONS = ("general", "library", "downloads", "account", "privacy", "advanced")


@dataclass(frozen=True)
class SettingsServices:
    """What the sections show and act on, owned by the window."""

    tasks: TaskRunner
    analytics: Analytics
    accounts: AccountController
    sync: SyncController
    window_state: QSettings  # holds the PNG size the export dialog shares
    library_dir: Path
    preview_cache: Path
    language: str


class SettingsDialog(QDialog):
    """`settings_changed(dict)` after every change (`{field: value}`, applied and saved by the
    window); the pages' own signals ask the window for what it does (move the library, sign
    out…)."""

    settings_changed = Signal(dict)

    def __init__(
        self, settings: Settings, services: SettingsServices, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.editor = SettingsEditor(settings, self)
        self.editor.changed.connect(self.settings_changed)
        self.sections = QListWidget(self)
        self.stack = QStackedWidget(self)
        self.general = GeneralPage(self.editor, services.language, self.stack)
        self.library = LibraryPage(
            services.library_dir, services.preview_cache, services.tasks, self.stack
        )
        self.downloads = DownloadsPage(self.editor, services.window_state, self.stack)
        self.account = AccountPage(self.editor, services.accounts, services.sync, self.stack)
        self.privacy = PrivacyPage(services.analytics, services.tasks, self.stack)
        self.advanced = AdvancedPage(self.editor, services.tasks, self.stack)
        for page in self.pages():
            self.stack.addWidget(page)
            self.sections.addItem("")
        self.sections.setFixedWidth(170)
        self.sections.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self.sections)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)
        self.resize(720, 460)
        self.sections.setCurrentRow(0)
        self.retranslate_ui()

    def pages(self) -> list[SettingsPage]:
        return [
            self.general,
            self.library,
            self.downloads,
            self.account,
            self.privacy,
            self.advanced,
        ]

    def show_section(self, name: str) -> None:
        self.sections.setCurrentRow(SECTIONS.index(name))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Preferences"))
        self.sections.setAccessibleName(self.tr("Sections"))
        for row, page in enumerate(self.pages()):
            self.sections.item(row).setText(page.title())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
