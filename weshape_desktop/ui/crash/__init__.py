"""Crash reports: unhandled exceptions end in a scrubbed report file and a short dialog."""

from weshape_desktop.ui.crash.dialog import CrashDialog
from weshape_desktop.ui.crash.handler import CrashHandler, record_crash, report_crash
from weshape_desktop.ui.crash.report import build_report
from weshape_desktop.ui.crash.scrub import LogScrubber, scrub_log_text, scrub_message

__all__ = [
    "CrashDialog",
    "CrashHandler",
    "LogScrubber",
    "build_report",
    "record_crash",
    "report_crash",
    "scrub_log_text",
    "scrub_message",
]
