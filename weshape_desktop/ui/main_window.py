"""The main window: a thin composition root (CONVENTIONS habit 5).

It builds the views, wires their signals, owns the shared services (task runner, preview pool, API
client) and remembers its geometry. The views do the work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from weshape_desktop import __version__
from weshape_desktop.core.analytics import Analytics, bucket, os_family
from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.catalog import CatalogDiskCache
from weshape_desktop.core.config import LANGUAGES, Settings
from weshape_desktop.core.demo_server import DemoCatalog
from weshape_desktop.core.errors import WeshapeError
from weshape_desktop.core.models import Illustration
from weshape_desktop.core.paths import AppPaths
from weshape_desktop.core.policy import PolicyFiles
from weshape_desktop.ui.account import (
    AccountButton,
    AccountController,
    AccountData,
    AccountMenu,
    SignInDialog,
)
from weshape_desktop.ui.catalog import CatalogTab
from weshape_desktop.ui.downloads import (
    DownloadNotice,
    DownloadRequests,
    DownloadsController,
    DownloadsDock,
)
from weshape_desktop.ui.export import remembered_png_size
from weshape_desktop.ui.grid import LARGE_PREVIEW_SIZE, TileSizeSlider
from weshape_desktop.ui.i18n import LANGUAGE_NAMES, Translations
from weshape_desktop.ui.library import LibrarySession, LibraryTab
from weshape_desktop.ui.policy import PolicyDialog, PolicyNotice, PolicyWatcher
from weshape_desktop.ui.previews import PreviewService, render_png_file
from weshape_desktop.ui.settings import (
    ConsentDialog,
    LibraryMove,
    SettingsDialog,
    SettingsServices,
    apply_theme,
)
from weshape_desktop.ui.sync import SyncController, SyncPrompts, SyncStatusWidget
from weshape_desktop.ui.tasks import TaskRunner, describe_error


class MainWindow(QMainWindow):
    """`reopen_requested()` asks the app for a new window on the saved settings (after the
    library moved: every view and service follows the new folder)."""

    reopen_requested = Signal()

    def __init__(
        self,
        paths: AppPaths,
        settings: Settings,
        translations: Translations,
        analytics: Analytics,
    ) -> None:
        super().__init__()
        self.paths = paths
        self.settings = settings
        self.translations = translations
        self.analytics = analytics
        self.api: ApiClient | None = None
        self.server_url = ""
        self.demo = DemoCatalog(paths.data_dir / "demo-server")
        self._settings_dialog: SettingsDialog | None = None
        self.library_dir = paths.library_dir(settings.library_dir)
        self._counts: dict[QWidget, int] = {}  # per tab: what its grid shows
        # Offline at start with a library to show: open it rather than a catalog that can't load.
        self._library_first = False
        self._seen_online = False
        self._window_state = QSettings(
            str(paths.config_dir / "window.ini"), QSettings.Format.IniFormat
        )
        self._build_ui()
        self._connect()
        self.catalog_tab.download_buttons.set_png_size(remembered_png_size(self._window_state))
        self.catalog_zoom.remember(self._window_state, "catalog-tile-size")
        self.library_zoom.remember(self._window_state, "library-tile-size")
        self._build_menus()
        self.retranslate_ui()
        self._restore_geometry()
        self._on_tab_changed()
        self.library.open()

    def _build_ui(self) -> None:
        """The shared services, the two tabs and the downloads dock."""
        lang = self.translations.language
        self.tasks = TaskRunner(self)
        self.previews = PreviewService(self.paths.cache_dir, "", parent=self)
        self.accounts = AccountController(self.tasks, self)
        self.account_data = AccountData(self.accounts, self)
        self.sync = SyncController(self.tasks, self.accounts, self)
        self.sync_prompts = SyncPrompts(self.sync, self)
        self.policies = PolicyFiles(self.paths.config_dir)
        self.policy_watcher = PolicyWatcher(
            self.tasks,
            self.policies,
            self.accounts,
            lambda: self.translations.language,
            self.show_policy,
            self,
        )
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        cache = CatalogDiskCache(self.paths.catalog_cache_dir)
        self.catalog_tab = CatalogTab(self.tasks, self.previews, lang, self.tabs, cache=cache)
        self.catalog, self.detail = self.catalog_tab.view, self.catalog_tab.detail
        self.tabs.addTab(self.catalog_tab, "")
        self.setCentralWidget(self.tabs)

        self.library = LibrarySession(self.tasks, self.paths.library_db, self.library_dir, self)
        self.library_tab = LibraryTab(self.tasks, self.previews, self.library_dir, lang, self.tabs)
        self.tabs.addTab(self.library_tab, "")

        self.downloads = DownloadsController(self.tasks, self)
        self.downloads_dock = DownloadsDock(self.downloads, lang, self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.downloads_dock)
        self.downloads_dock.hide()  # opened on request, or when a download fails
        self.download_notice = DownloadNotice(self.tabs)
        self.download_requests = DownloadRequests(
            self.accounts, self.show_sign_in, self._enqueue_download, self
        )
        self.sync_status = SyncStatusWidget(self.sync, self)
        self.statusBar().addPermanentWidget(self.sync_status)
        self.count_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.count_label)
        # Each tab's grid-size slider, shown (and its shortcuts live) while its tab is.
        self.catalog_zoom = TileSizeSlider(self.catalog.grid, self)
        self.library_zoom = TileSizeSlider(self.library_tab.view.grid, self)
        self.statusBar().addPermanentWidget(self.catalog_zoom)
        self.statusBar().addPermanentWidget(self.library_zoom)

    def _connect(self) -> None:
        self.tasks.error.connect(self.show_error)
        self.catalog.count_changed.connect(lambda n: self._set_count(self.catalog_tab, n))
        self.catalog.server_answered.connect(self._note_online)
        self.library_tab.use_session(self.library)
        self.library.checked.connect(lambda _check: self._start_downloads())
        self.library_tab.view.count_changed.connect(lambda n: self._set_count(self.library_tab, n))
        self.catalog.offline_changed.connect(self._on_offline_changed)
        self.library_tab.message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.catalog.facets_loaded.connect(self.library_tab.set_facets)
        self.catalog_tab.drag_out.use(self.library_dir, self.downloads, self.download_requests)
        for source in (
            self.catalog_tab.download_buttons,
            self.catalog_tab.selection.buttons,
            self.library_tab,
        ):
            source.download_requested.connect(
                lambda item, fmt, size: self.download_requests.request(item, fmt, size or None)
            )
        self.downloads.finished.connect(lambda _state: self.library_tab.refresh())
        # The catalog marks what the library holds; downloads and edits change that.
        self.library.opened.connect(self.catalog_tab.set_library)
        self.library.reopening.connect(lambda: self.catalog_tab.set_library(None))
        self.downloads.finished.connect(lambda _state: self.catalog_tab.refresh_owned())
        self.library_tab.edited.connect(self.catalog_tab.refresh_owned)
        self.catalog_tab.download_buttons.show_in_library.connect(self._show_in_library)
        self._connect_sync()
        self._connect_analytics()
        self.downloads_dock.show_in_library.connect(self._show_in_library)
        self.downloads.finished.connect(self.download_notice.downloaded)
        self.downloads.failed.connect(lambda _state: self.downloads_dock.show())
        self.download_notice.show_requested.connect(self._show_in_library)
        self.library_tab.view.browse_catalog_action.triggered.connect(
            lambda: self.tabs.setCurrentWidget(self.catalog_tab)
        )
        self.tabs.currentChanged.connect(self._on_tab_changed)

    def _connect_analytics(self) -> None:
        # Only coarse values reach `record` (the allow-list refuses others); before "yes" it
        # drops them at once.
        record = self.analytics.record
        self.catalog.searched.connect(lambda n: record("catalog_search", results=bucket(n)))
        self.library_tab.exported.connect(lambda fmt: record("export_used", format=fmt))
        self.accounts.signed_in.connect(lambda method: record("sign_in", method=method))
        self.sync.completed.connect(
            lambda sent, received: record(
                "sync_completed", sent=bucket(sent), received=bucket(received)
            )
        )

    def _connect_sync(self) -> None:
        # Sync writes the library like the download queue: once the library is checked.
        self.library.checked.connect(lambda _check: self._sync_library())
        self.library.reopening.connect(lambda: self.sync.set_library(None, self.library_dir))
        self.library_tab.edited.connect(self.sync.library_edited)
        self.downloads.finished.connect(lambda _state: self.sync.library_edited())
        self.sync.arrived.connect(self._queue_arrivals)
        self.sync.library_changed.connect(self.library_tab.refresh)
        self.sync.library_changed.connect(self.catalog_tab.refresh_owned)
        self.catalog.offline_changed.connect(lambda offline: offline or self.sync.network_back())
        self.account_data.message.connect(lambda text: self.statusBar().showMessage(text, 15_000))

    def _sync_library(self) -> None:
        """Sync follows the open library, unless sync is turned off in the preferences."""
        store = self.library.store if self.settings.sync_enabled else None
        self.sync.set_library(store, self.library_dir)

    # -- server ------------------------------------------------------------------------------

    def connect_server(self, url: str) -> None:
        """Browse the server at `url`; an empty or insecure URL shows why in the banner."""
        if not url:
            self._offer_servers(
                self.tr("No weShape server is set. Try the demo catalog, or set your server.")
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
        self.server_url = url
        self.previews.url_template = api.preview_url("{sha256}")
        self.catalog.set_api(api)
        self.accounts.set_api(api)
        self.policy_watcher.set_api(api)
        self._start_downloads()

    def _offer_servers(self, text: str) -> None:
        """Without a server a Retry can't help: offer the demo catalog and a server address."""
        self.catalog.banner.show_choices(
            text,
            [
                (lambda: self.tr("Start the demo catalog"), self.start_demo),
                (lambda: self.tr("Set the server…"), lambda: self.show_settings("advanced")),
            ],
        )

    def start_demo(self) -> None:
        """Browse the embedded demo catalog (`--demo`, or the banner's button)."""
        self.catalog.banner.set_busy(True)
        self.connect_when_ready(self.demo.wait_url)

    def connect_when_ready(self, wait_for_url: Callable[[], str]) -> None:
        """Connect once `wait_for_url` (run in the background) returns the server's URL."""
        self.statusBar().showMessage(self.tr("Starting the demo server…"))

        def ready(url: str) -> None:
            self.statusBar().clearMessage()
            self.connect_server(url)

        def failed(exc: BaseException) -> None:
            self.statusBar().clearMessage()
            self._offer_servers(describe_error(exc))

        self.tasks.run(wait_for_url, on_done=ready, on_error=failed)

    # -- library and downloads ---------------------------------------------------------------

    def _start_downloads(self) -> None:
        """The queue needs both the server and the checked library; whichever comes second
        starts it."""
        store = self.library.store
        if self.api is None or store is None or self.library.check is None:
            return
        if self.downloads.is_running():
            self.downloads.set_api(self.api)
        else:
            self.downloads.start(
                self.api,
                self.library_dir,
                store,
                render_png_file,
                concurrency=self.settings.parallel_downloads,
            )

    def _enqueue_download(self, item: Illustration, fmt: str, png_size: int | None) -> None:
        if not self.downloads.is_running():
            self.show_error(
                self.tr("Downloads start once the library is open and the server is set.")
            )
            return
        self.downloads.enqueue(item, fmt, png_size)
        self.analytics.record("illustration_download", format=fmt)
        self.download_notice.expect(item.id)

    def _queue_arrivals(self, items: list[Illustration]) -> None:
        """Entries synced from another computer: this one downloads their files itself."""
        if self.downloads.is_running():
            self.downloads.enqueue_all(items)

    def _focus_search(self) -> None:
        library = self.tabs.currentWidget() is self.library_tab
        edit = self.library_tab.view.filters.search_edit if library else self.catalog.search_edit
        edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        edit.selectAll()

    def _on_tab_changed(self) -> None:
        # Ctrl+D favourites in the library (its panel's shortcut) and downloads in the catalog.
        self.download_action.setEnabled(self.tabs.currentWidget() is self.catalog_tab)
        self.catalog_zoom.setVisible(self.tabs.currentWidget() is self.catalog_tab)
        self.library_zoom.setVisible(self.tabs.currentWidget() is self.library_tab)
        self._show_count()

    def _show_in_library(self, item_id: str) -> None:
        self.tabs.setCurrentWidget(self.library_tab)
        self.library_tab.show_item(item_id)

    def download_current(self) -> None:
        """Ctrl+D: the catalog's selected illustration, as SVG."""
        item = self.catalog.current_item()
        if isinstance(item, Illustration):
            fmt = self.settings.download_format
            png_size = self.catalog_tab.download_buttons.png_size if fmt == "png" else None
            self.download_requests.request(item, fmt, png_size)

    # -- views (also used by --screenshot) ---------------------------------------------------

    def view_ready(self, view: str) -> bool:
        """True once `view` is fully painted, previews included."""
        if view == "policy-notice" and self.policy_watcher.last_status is None:
            return False  # the notice shows the newest policy: the first check tells which
        if view == "library":
            self.tabs.setCurrentWidget(self.library_tab)
            return self.library.is_settled() and self.library_tab.is_ready()
        self.tabs.setCurrentWidget(self.catalog_tab)
        if not self.catalog.is_ready():
            return False
        if view == "downloads":
            self.downloads_dock.show()
        if view != "detail":
            return True
        if self.detail.item() is None:
            if self.catalog.model.rowCount() == 0:
                return True
            self.catalog.grid.select_row(0)
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
        if view == "policy-notice":
            return self.show_policy_notice()
        if view == "signin":
            return self.show_sign_in()
        if view == "settings":
            return self.show_settings()
        if view == "consent":
            return self.ask_consent()
        return self

    def show_sign_in(self, register: bool = False) -> SignInDialog:
        lang = self.translations.language
        dialog = SignInDialog(
            self.accounts,
            lang,
            self,
            self.policies.policy(lang).version,
            demo=self.demo.serves(self.server_url),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.policy_requested.connect(self.show_policy)
        if register:
            dialog.show_register()
        dialog.show()
        return dialog

    # -- preferences and usage statistics ------------------------------------------------------

    def show_settings(self, section: str = "general") -> SettingsDialog:
        """Edit → Preferences: one dialog at a time, brought forward when open."""
        if self._settings_dialog is None:
            services = SettingsServices(
                self.tasks, self.analytics, self.accounts, self.sync, self._window_state,
                self.library_dir, self.paths.preview_cache_dir, self.translations.language,
            )  # fmt: skip
            dialog = SettingsDialog(self.settings, services, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.destroyed.connect(lambda: setattr(self, "_settings_dialog", None))
            dialog.settings_changed.connect(self.apply_settings)
            dialog.library.move_requested.connect(self.move_library)
            dialog.account.sign_out_requested.connect(self.account_menu.ask_sign_out)
            dialog.account.export_requested.connect(self.account_data.export)
            dialog.account.delete_requested.connect(self.account_data.delete)
            dialog.privacy.policy_requested.connect(self.show_policy)
            dialog.downloads.png_spin.valueChanged.connect(
                self.catalog_tab.download_buttons.set_png_size
            )
            self._settings_dialog = dialog
        self._settings_dialog.show_section(section)
        self._settings_dialog.show()
        self._settings_dialog.raise_()
        return self._settings_dialog

    def apply_settings(self, changes: dict[str, Any]) -> None:
        """Apply the preferences' changes at once and save them."""
        old, self.settings = self.settings, replace(self.settings, **changes)
        self.settings.save(self.paths.settings_file)
        if self.settings.language and self.settings.language != old.language:
            self.set_language(self.settings.language)
        if self.settings.theme != old.theme:
            app = QApplication.instance()
            assert isinstance(app, QApplication)
            apply_theme(app, self.settings.theme)
        if self.settings.server_url != old.server_url and self.settings.server_url:
            self.connect_server(self.settings.server_url)
        if self.settings.sync_enabled != old.sync_enabled:
            self._sync_library()

    def ask_consent(self) -> ConsentDialog:
        """The first-run question about usage statistics (shown by the app while unanswered)."""
        dialog = ConsentDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.answered.connect(self._consent_answered)
        dialog.policy_requested.connect(self.show_policy)
        dialog.show()
        return dialog

    def _consent_answered(self, yes: bool) -> None:
        def answer() -> None:
            self.analytics.answer(yes)
            self.record_app_open()  # dropped after "no"

        self.tasks.run(answer)

    def record_app_open(self) -> None:
        self.analytics.record(
            "app_open",
            app_version=__version__,
            language=self.translations.language,
            os=os_family(),
        )

    def move_library(self, target: Path) -> LibraryMove:
        """Move the library's files to `target`, then reopen the window on it. Nothing writes
        to the library meanwhile; a cancel or failure reopens it in the old folder, whole."""
        self.downloads.stop()
        self.sync.set_library(None, self.library_dir)
        self.library.close()
        move = LibraryMove(self.tasks, self)
        move.finished.connect(self._library_moved)
        move.failed.connect(self._library_not_moved)
        move.start(self.library_dir, target)
        return move

    def _library_moved(self, target: Path) -> None:
        self.settings = replace(self.settings, library_dir=str(target))
        self.settings.save(self.paths.settings_file)
        self.reopen_requested.emit()

    def _library_not_moved(self, reason: str) -> None:
        self._warn(self.tr("The library was not moved"), reason)
        self.reopen_requested.emit()

    def warn_settings_problem(self, problem: str) -> QMessageBox:
        """The settings file was damaged: say so (the defaults are in use), never crash."""
        return self._warn(self.tr("Settings"), QCoreApplication.translate("Settings", problem))

    def _warn(self, title: str, text: str) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # window-modal, without a nested event loop
        return box

    # -- language ----------------------------------------------------------------------------

    def set_language(self, lang: str) -> None:
        """Switch language at runtime; widgets retranslate on the LanguageChange event."""
        if lang == self.translations.language:
            return
        self.translations.apply(lang)
        self.settings = replace(self.settings, language=lang)
        self.settings.save(self.paths.settings_file)
        self.analytics.record("language_changed", language=lang)
        self.catalog_tab.set_language(lang)
        self.library_tab.set_language(lang)
        self.downloads_dock.set_language(lang)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.download_action = QAction(self, shortcut=QKeySequence("Ctrl+D"))
        self.download_action.triggered.connect(self.download_current)
        self.file_menu.addAction(self.download_action)
        self.open_folder_action = QAction(self)
        self.open_folder_action.triggered.connect(self._open_library_folder)
        self.file_menu.addAction(self.open_folder_action)
        self.file_menu.addSeparator()
        self.quit_action = QAction(self, shortcut=QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu("")
        self.preferences_action = QAction(self, shortcut=_preferences_shortcut())
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.preferences_action.triggered.connect(lambda: self.show_settings())
        self.edit_menu.addAction(self.preferences_action)
        self.view_menu = bar.addMenu("")
        self.search_action = QAction(self, shortcut=QKeySequence(QKeySequence.StandardKey.Find))
        self.search_action.triggered.connect(self._focus_search)
        self.view_menu.addAction(self.search_action)
        self.downloads_action = self.downloads_dock.toggleViewAction()
        self.downloads_action.setShortcut(QKeySequence("Ctrl+J"))
        # The dock renames this action after its title when that is retranslated: keep the &-key.
        self.downloads_dock.windowTitleChanged.connect(
            lambda: self.downloads_action.setText(self.tr("&Downloads"))
        )
        self.view_menu.addAction(self.downloads_action)
        self.language_menu = self.view_menu.addMenu("")
        group = QActionGroup(self)
        for lang in LANGUAGES:
            action = QAction(LANGUAGE_NAMES[lang], group, checkable=True)
            action.setChecked(lang == self.translations.language)
            action.triggered.connect(lambda _=False, lang=lang: self.set_language(lang))
            self.language_menu.addAction(action)
        self.account_menu = AccountMenu(self.accounts, self)
        self.account_menu.sign_in_requested.connect(lambda register: self.show_sign_in(register))
        self.account_menu.sync_requested.connect(self.sync.sync_now)
        self.account_menu.export_requested.connect(self.account_data.export)
        self.account_menu.delete_requested.connect(self.account_data.delete)
        bar.addMenu(self.account_menu)
        self.account_button = AccountButton(self.accounts, self.account_menu, self.tabs)
        self.account_button.sign_in_requested.connect(self.show_sign_in)
        self.tabs.setCornerWidget(self.account_button)
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
        self.tabs.setTabText(1, self.tr("Library"))
        self.file_menu.setTitle(self.tr("&File"))
        self.quit_action.setText(self.tr("&Quit"))
        self.download_action.setText(self.tr("&Download the selected illustration"))
        self.open_folder_action.setText(self.tr("&Open the library folder"))
        self.downloads_action.setText(self.tr("&Downloads"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.preferences_action.setText(self.tr("&Preferences…"))
        self.view_menu.setTitle(self.tr("&View"))
        self.search_action.setText(self.tr("&Search"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.policy_action.setText(self.tr("&Privacy policy"))
        self.about_action.setText(self.tr("&About weShape Desktop"))
        self._show_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- status and messages -----------------------------------------------------------------

    def show_error(self, message: str) -> None:
        """Errors no view handled itself: shown the same way everywhere."""
        self.statusBar().showMessage(message, 15_000)

    def _set_count(self, tab: QWidget, count: int) -> None:
        self._counts[tab] = count
        self._show_count()
        if tab is self.library_tab:
            self._open_library_if_offline()

    def _on_offline_changed(self, offline: bool) -> None:
        if offline and not self._seen_online:
            self._library_first = True
            self._open_library_if_offline()
        elif not offline:
            self._seen_online = True
            self._library_first = False
            self.policy_watcher.check()  # a version published while we were offline

    def _note_online(self) -> None:
        # A session that starts online never sees an offline → online change: its first answer
        # from the server is what says "online", so a later cut keeps the user where they are.
        self._seen_online = True
        self._library_first = False

    def _open_library_if_offline(self) -> None:
        if self._library_first and self._counts.get(self.library_tab, 0) > 0:
            self._library_first = False
            self.tabs.setCurrentWidget(self.library_tab)
            self.statusBar().showMessage(
                self.tr("You're offline. Your library works as usual."), 10_000
            )

    def _show_count(self) -> None:
        count = self._counts.get(self.tabs.currentWidget())
        self.count_label.setText("" if count is None else self.tr("%Ln illustration(s)", "", count))

    def _open_library_folder(self) -> None:
        self.library_dir.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.library_dir)))

    def show_policy(self) -> PolicyDialog:
        dialog = PolicyDialog(self.policies, self.translations.language, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def show_policy_notice(self) -> PolicyNotice:
        """The significant-change notice for the newest policy known (also for screenshots)."""
        return self.policy_watcher.show_notice(self.policies.policy(self.translations.language))

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
        state = self._window_state.value("state")
        if state is not None:
            self.restoreState(state)
        for key, splitter in (
            ("catalog-splitter", self.catalog_tab),
            ("library-splitter", self.library_tab.splitter),
            ("library-sidebar", self.library_tab.view.splitter),
        ):
            saved = self._window_state.value(key)
            if saved is not None:
                splitter.restoreState(saved)
        self.tabs.setCurrentIndex(int(self._window_state.value("tab", 0)))
        self.catalog.set_sort(str(self._window_state.value("catalog-sort", "")))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.library_tab.flush()
        self._window_state.setValue("geometry", self.saveGeometry())
        self._window_state.setValue("state", self.saveState())
        self._window_state.setValue("catalog-splitter", self.catalog_tab.saveState())
        self._window_state.setValue("library-splitter", self.library_tab.splitter.saveState())
        self._window_state.setValue("library-sidebar", self.library_tab.view.splitter.saveState())
        self._window_state.setValue("tab", self.tabs.currentIndex())
        self._window_state.setValue("catalog-sort", self.catalog.sort())
        self._window_state.sync()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop background work: no thread or process outlives the window."""
        self.sync.shutdown()
        self.downloads.stop()
        self.previews.shutdown()
        # Work in flight gets a moment to finish (a refreshed token must reach the keyring);
        # requests still waiting on a server that never answers are then aborted, not waited for.
        if not self.tasks.shutdown(msecs=2000) and self.api is not None:
            self.api.close()
        self.tasks.wait_idle()
        self.library.close()
        if self.api is not None:
            self.api.close()
        self.demo.stop()


def _preferences_shortcut() -> QKeySequence:
    """The platform's Preferences key, or Ctrl+, where it names none (Windows)."""
    standard = QKeySequence(QKeySequence.StandardKey.Preferences)
    return standard if not standard.isEmpty() else QKeySequence("Ctrl+,")
