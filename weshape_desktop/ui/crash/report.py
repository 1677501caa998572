"""A crash report a user can send without giving anything away (issue 15): the traceback keeps
files, lines and code but never the values of locals, and every message is scrubbed (`scrub`)."""

from __future__ import annotations

import platform
import sys
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path

from weshape_desktop.ui.crash.scrub import format_traceback

KEEP_REPORTS = 10


def describe_system(versions: Mapping[str, str]) -> Iterator[str]:
    yield f"Python: {platform.python_version()} ({platform.python_implementation()})"
    yield f"Platform: {platform.platform()}"
    yield f"Build: {'bundle' if getattr(sys, 'frozen', False) else 'source'}"
    yield from (f"{name}: {value}" for name, value in versions.items())


def build_report(exc: BaseException, where: str, versions: Mapping[str, str]) -> str:
    """The report's text: when and where, versions and platform, then the scrubbed traceback."""
    lines = [
        "weShape Desktop crash report",
        f"Time: {datetime.now(UTC).isoformat(timespec='seconds')}",
        f"Where: {where}",
        *describe_system(versions),
    ]
    return "\n".join(lines) + "\n\n" + format_traceback(exc)


def save_report(folder: Path, text: str) -> Path:
    """Write `text` as a new report in `folder`, keeping only the last `KEEP_REPORTS`."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"crash-{datetime.now(UTC).strftime('%Y%m%d-%H%M%S-%f')}.txt"
    path.write_text(text, encoding="utf-8")
    for old in sorted(folder.glob("crash-*.txt"))[:-KEEP_REPORTS]:
        old.unlink(missing_ok=True)
    return path
