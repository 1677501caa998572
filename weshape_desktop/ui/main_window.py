"""The main window: a thin composition root (CONVENTIONS habit 5).

It builds the views, wires their signals, owns the shared services (task runner, preview pool, API
client) and remembers its geometry. The views do the work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from weshape_desktop import __version__
from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.catalog_cache import CatalogCache
from weshape_desktop.core.config import LANGUAGES, Settings
from weshape_desktop.core.errors import WeshapeError
from weshape_desktop.core.paths import AppPaths
from weshape_desktop.ui.account import AccountController
from weshape_desktop.ui.account_menu import AccountMenu
from weshape_desktop.ui.catalog_tab import CatalogTab
from weshape_desktop.ui.detail_panel import LARGE_PREVIEW_SIZE
from weshape_desktop.ui.i18n import LANGUAGE_NAMES, Translations
from weshape_desktop.ui.policy_dialog import PolicyDialog
from weshape_desktop.ui.previews import PreviewService
from weshape_desktop.ui.signin_dialog import SignInDialog
from weshape_desktop.ui.tasks import TaskRunner, describe_error


class MainWindow(QMainWindow):
    def __init__(self, paths: AppPaths, settings: Settings, translations: Translations) -> None:
        super().__init__()
        self.paths = paths
        self.settings = settings
        self.translations = translations
        self.api: ApiClient | None = None
        lang = translations.language

        self.tasks = TaskRunner(self)
        self.tasks.error.connect(self.show_error)
        self.previews = PreviewService(paths.cache_dir, "", parent=self)
        self.accounts = AccountController(self.tasks, self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.catalog_tab = CatalogTab(
            self.tasks, self.previews, lang, self.tabs, cache=CatalogCache(paths.catalog_cache_dir)
        )
        self.catalog, self.detail = self.catalog_tab.view, self.catalog_tab.detail
        self.catalog.count_changed.connect(self._show_count)
        self.tabs.addTab(self.catalog_tab, "")
        self.setCentralWidget(self.tabs)
        self.count_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.count_label)
        self._count = 0
        self._build_menus()
        self.retranslate_ui()
        self._window_state = QSettings(
            str(paths.config_dir / "window.ini"), QSettings.Format.IniFormat
        )
        self._restore_geometry()

    # -- server ------------------------------------------------------------------------------

    def connect_server(self, url: str) -> None:
        """Browse the server at `url`; an empty or insecure URL shows why in the banner."""
        if not url:
            self.catalog.banner.show_message(
                self.tr("No weShape server is set. Start the app with --demo or --server URL.")
            )
            return
        try:
            api = ApiClient(url)
        except WeshapeError as exc:
            self.catalog.banner.show_message(describe_error(exc))
            return
        if self.api is not None:
            self.api.close()
        self.api = api
        self.previews.url_template = api.preview_url("{sha256}")
        self.catalog.set_api(api)
        self.accounts.set_api(api)

    def connect_when_ready(self, wait_for_url: Callable[[], str]) -> None:
        """Connect once `wait_for_url` (run in the background) returns the server's URL."""
        self.statusBar().showMessage(self.tr("Starting the demo server…"))

        def ready(url: str) -> None:
            self.statusBar().clearMessage()
            self.connect_server(url)

        def failed(exc: BaseException) -> None:
            self.statusBar().clearMessage()
            self.catalog.banner.show_message(describe_error(exc))

        self.tasks.run(wait_for_url, on_done=ready, on_error=failed)

    # -- views (also used by --screenshot) ---------------------------------------------------

    def view_ready(self, view: str) -> bool:
        """True once `view` is fully painted, previews included."""
        if not self.catalog.is_ready():
            return False
        if view != "detail":
            return True
        if self.detail.item() is None:
            if self.catalog.model.rowCount() == 0:
                return True
            self.catalog.select_row(0)
            return False
        item = self.detail.item()
        return (
            self.previews.pixmap(item.sha256, LARGE_PREVIEW_SIZE) is not None
            or self.previews.failure_reason(item.sha256, LARGE_PREVIEW_SIZE) is not None
        )

    def open_view(self, view: str) -> QWidget:
        """Show `view` and return the widget that displays it (a dialog or this window)."""
        if view == "policy":
            return self.show_policy()
        if view == "signin":
            return self.show_sign_in()
        return self

    def show_sign_in(self, register: bool = False) -> SignInDialog:
        dialog = SignInDialog(self.accounts, self.translations.language, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.policy_requested.connect(self.show_policy)
        if register:
            dialog.show_register()
        dialog.show()
        return dialog

    # -- language ----------------------------------------------------------------------------

    def set_language(self, lang: str) -> None:
        """Switch language at runtime; widgets retranslate on the LanguageChange event."""
        if lang == self.translations.language:
            return
        self.translations.apply(lang)
        self.settings = replace(self.settings, language=lang)
        self.settings.save(self.paths.settings_file)
        self.catalog_tab.set_language(lang)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.quit_action = QAction(self, shortcut=QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.quit_action)
        self.view_menu = bar.addMenu("")
        self.search_action = QAction(self, shortcut=QKeySequence(QKeySequence.StandardKey.Find))
        self.search_action.triggered.connect(self.catalog.focus_search)
        self.view_menu.addAction(self.search_action)
        self.language_menu = self.view_menu.addMenu("")
        group = QActionGroup(self)
        for lang in LANGUAGES:
            action = QAction(LANGUAGE_NAMES[lang], group, checkable=True)
            action.setChecked(lang == self.translations.language)
            action.triggered.connect(lambda _=False, lang=lang: self.set_language(lang))
            self.language_menu.addAction(action)
        self.account_menu = AccountMenu(self.accounts, self)
        self.account_menu.sign_in_requested.connect(lambda register: self.show_sign_in(register))
        bar.addMenu(self.account_menu)
        self.help_menu = bar.addMenu("")
        self.policy_action = QAction(self)
        self.policy_action.triggered.connect(self.show_policy)
        self.help_menu.addAction(self.policy_action)
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self._show_about)
        self.help_menu.addAction(self.about_action)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("weShape Desktop"))
        self.tabs.setTabText(0, self.tr("Catalog"))
        self.file_menu.setTitle(self.tr("&File"))
        self.quit_action.setText(self.tr("&Quit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.search_action.setText(self.tr("&Search the catalog"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.policy_action.setText(self.tr("&Privacy policy"))
        self.about_action.setText(self.tr("&About weShape Desktop"))
        self._show_count(self._count)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- status and messages -----------------------------------------------------------------

    def show_error(self, message: str) -> None:
        """Errors no view handled itself: shown the same way everywhere."""
        self.statusBar().showMessage(message, 15_000)

    def _show_count(self, count: int) -> None:
        self._count = count
        self.count_label.setText(self.tr("%Ln illustration(s)", "", count))

    def show_policy(self) -> PolicyDialog:
        dialog = PolicyDialog(self.translations.language, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About weShape Desktop"),
            self.tr(
                "weShape Desktop %1\nBrowse, download and organise weShape illustrations."
            ).replace("%1", __version__),
        )

    # -- lifetime ----------------------------------------------------------------------------

    def bring_to_front(self) -> None:
        """Another launch with the same data folder asked for this window."""
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()

    def _restore_geometry(self) -> None:
        geometry = self._window_state.value("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 800)
        splitter = self._window_state.value("catalog-splitter")
        if splitter is not None:
            self.catalog_tab.restoreState(splitter)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._window_state.setValue("geometry", self.saveGeometry())
        self._window_state.setValue("catalog-splitter", self.catalog_tab.saveState())
        self._window_state.sync()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop background work: no thread or process outlives the window."""
        self.previews.shutdown()
        self.tasks.wait_idle()
        if self.api is not None:
            self.api.close()
