"""Bootstrap: command line, logging, language before the first widget, then the main window."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from weshape_desktop import __version__
from weshape_desktop.core.analytics import Analytics, Choice
from weshape_desktop.core.config import LANGUAGES, Settings, choose_language, choose_server
from weshape_desktop.core.paths import AppPaths
from weshape_desktop.ui.crash import CrashHandler, LogScrubber
from weshape_desktop.ui.i18n import Translations
from weshape_desktop.ui.main_window import MainWindow
from weshape_desktop.ui.qt_messages import route_qt_messages
from weshape_desktop.ui.screenshot import SCREENSHOT_VIEWS, Screenshotter
from weshape_desktop.ui.settings import app_analytics, apply_theme
from weshape_desktop.ui.single_instance import SingleInstance

ICON = Path(__file__).resolve().parents[2] / "resources" / "icons" / "weshape.svg"


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(
        prog="weshape-desktop", description="Browse, download and organise weShape illustrations."
    )
    parser.add_argument("--demo", action="store_true", help="run on the bundled demo catalog")
    parser.add_argument("--server", metavar="URL", help="weShape server address")
    parser.add_argument("--lang", choices=LANGUAGES, help="interface language")
    parser.add_argument("--screenshot", metavar="PATH", type=Path, help="save a PNG and exit")
    parser.add_argument(
        "--show", choices=SCREENSHOT_VIEWS, default="catalog", help="view to screenshot"
    )
    parser.add_argument(
        "--size", metavar="WxH", type=window_size, help="window size, e.g. 1024x640"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser.parse_known_args(argv)


def window_size(text: str) -> tuple[int, int]:
    """ "1024x640" → (1024, 640), for argparse."""
    width, sep, height = text.lower().partition("x")
    if not (sep and width.isdigit() and height.isdigit() and int(width) and int(height)):
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, like 1024x640, not {text!r}")
    return int(width), int(height)


def log_file_handler(log_dir: Path) -> logging.Handler:
    """The log file: UTF-8 whatever the locale says (Arabic titles and non-ASCII paths must
    always log), scrubbed of anything shaped like a secret (libraries log URLs and messages)."""
    handler = RotatingFileHandler(
        log_dir / "weshape.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(LogScrubber())
    return handler


def setup_logging(log_dir: Path) -> None:
    logging.basicConfig(level=logging.INFO, handlers=[log_file_handler(log_dir)], force=True)
    route_qt_messages()


def run(argv: list[str]) -> int:
    args, qt_args = parse_args(argv[1:])
    paths = AppPaths.resolve().ensure()
    setup_logging(paths.log_dir)
    settings, settings_problem = Settings.read(paths.settings_file)

    app = QApplication([argv[0], *qt_args])
    app.setApplicationName("weShape Desktop")
    app.setOrganizationName("weShape")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("weshape-desktop")
    app.setWindowIcon(QIcon(str(ICON)))
    crashes = CrashHandler(paths.log_dir, app)
    crashes.install()
    translations = Translations(app)
    translations.apply(choose_language(args.lang, settings.language, QLocale.system().name()))
    apply_theme(app, settings.theme)

    instance = SingleInstance(paths.data_dir, app)
    if not instance.claim():
        print(
            "weshape-desktop: already running with this data folder; "
            "the open window was brought to the front.",
            file=sys.stderr,
        )
        return 1 if args.screenshot else 0
    analytics = app_analytics(paths.config_dir, os.environ)
    windows = Windows(paths, translations, analytics, instance)
    window = windows.open(settings)
    if args.size:
        window.resize(*args.size)
    if args.demo:
        window.start_demo()
    else:
        window.connect_server(choose_server(args.server, os.environ, settings.server_url))
    if args.screenshot:
        Screenshotter(window, args.show, args.screenshot).start()
    else:
        greet(window, analytics, settings_problem)
    try:
        return app.exec()
    finally:
        windows.current.shutdown()
        analytics.close()
        instance.release()
        crashes.uninstall()


def greet(window: MainWindow, analytics: Analytics, settings_problem: str | None) -> None:
    """What a start says: a damaged settings file, then the statistics question until it is
    answered (never when analytics is forced off or unavailable)."""
    if settings_problem is not None:
        window.warn_settings_problem(settings_problem)
    if analytics.choice is Choice.UNASKED and analytics.forced_off is None and analytics.config:
        window.ask_consent()
    else:
        window.record_app_open()  # dropped unless this device said yes


class Windows:
    """The one main window, replaced by a new one on the saved settings when it asks (the
    library moved)."""

    def __init__(
        self,
        paths: AppPaths,
        translations: Translations,
        analytics: Analytics,
        instance: SingleInstance,
    ) -> None:
        self.paths = paths
        self.translations = translations
        self.analytics = analytics
        self.instance = instance
        self.current: MainWindow

    def open(self, settings: Settings) -> MainWindow:
        window = MainWindow(self.paths, settings, self.translations, self.analytics)
        self.instance.activated.connect(window.bring_to_front)
        window.reopen_requested.connect(self._reopen)
        window.show()
        self.current = window
        return window

    def _reopen(self) -> None:
        old = self.current
        self.instance.activated.disconnect(old.bring_to_front)
        new = self.open(Settings.load(self.paths.settings_file))
        new.demo, old.demo = old.demo, new.demo  # a demo server runs on for the new window
        if old.server_url:
            new.connect_server(old.server_url)
        old.close()  # after the new one shows: the last window closing would quit
        old.shutdown()
        old.deleteLater()
