"""Qt's own messages (`qt.svg: … Could not resolve property` on real-world files, font and
platform notes) go to the app's log, not the user's terminal."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def route_qt_messages(sink: Callable[[int, str], None] | None = None) -> None:
    """Send every Qt message to `sink(level, text)`; by default the "qt" logger."""
    logger = logging.getLogger("qt")
    emit = sink or logger.log

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        category = context.category or "qt"
        emit(_LEVELS.get(kind, logging.WARNING), f"{category}: {message}")

    qInstallMessageHandler(handler)
