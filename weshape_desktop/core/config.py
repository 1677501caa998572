"""Settings that outlive a run, and how command line and environment override them."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from weshape_desktop.core.errors import QT_TRANSLATE_NOOP

LANGUAGES = ("en", "ar")


THEMES = ("system", "light", "dark")
FORMATS = ("svg", "png")
MAX_PARALLEL_DOWNLOADS = 8


@dataclass(frozen=True)
class Settings:
    """User settings stored as JSON in the config folder (never secrets). Keys this version
    doesn't know (written by a newer one) are kept in `extra` and written back."""

    language: str = ""  # "" = follow the system locale
    theme: str = "system"
    server_url: str = ""  # "" = no server configured (demo or offline)
    library_dir: str = ""  # "" = AppPaths.default_library_dir
    parallel_downloads: int = 4
    download_format: str = "svg"  # what Ctrl+D downloads (the PNG size is the export dialog's)
    sync_enabled: bool = True
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)

    @classmethod
    def load(cls, path: Path) -> Settings:
        """Read settings; a missing or unreadable file gives the defaults."""
        return cls.read(path)[0]

    @classmethod
    def read(cls, path: Path) -> tuple[Settings, str | None]:
        """The settings and, when the file was damaged or hand-edited into values that make no
        sense, an English message for the user (marked for translation); the values that made
        no sense are replaced by their defaults. A missing file is no problem."""
        try:
            raw: Any = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(), None
        except (OSError, ValueError):
            raw = None
        if not isinstance(raw, dict):
            return cls(), _DAMAGED
        defaults, values, extra = cls(), {}, {}
        for key, value in raw.items():
            if key not in _STORED:
                extra[key] = value
            elif _valid(key, value, type(getattr(defaults, key))):
                values[key] = value
        settings = cls(**values, extra=extra)
        known = sum(1 for key in raw if key in _STORED)
        return settings, (_DAMAGED if len(values) < known else None)

    def save(self, path: Path) -> None:
        """Write the settings file atomically (`write_json_atomic`)."""
        write_json_atomic(path, {**self.extra, **{key: getattr(self, key) for key in _STORED}})


_STORED = tuple(f.name for f in fields(Settings) if f.name != "extra")


_DAMAGED = QT_TRANSLATE_NOOP(
    "Settings",
    "The settings file could not be read, so some settings are back to their defaults.",
)
_CHOICES: Mapping[str, tuple[str, ...]] = {
    "language": ("", *LANGUAGES),
    "theme": THEMES,
    "download_format": FORMATS,
}
_RANGES: Mapping[str, tuple[int, int]] = {
    "parallel_downloads": (1, MAX_PARALLEL_DOWNLOADS),
}


def _valid(key: str, value: Any, kind: type[object]) -> bool:
    # bool is an int in Python: compare exact types so `true` is never a download count.
    if type(value) is not kind:
        return False
    if key in _CHOICES:
        return value in _CHOICES[key]
    if key in _RANGES:
        low, high = _RANGES[key]
        return isinstance(value, int) and low <= value <= high
    return True


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON so a crash never leaves half a file; a failed write (a full disk) leaves the
    old file as it was and no temporary file behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, indent=2)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def choose_language(cli: str | None, saved: str, system_locale: str) -> str:
    """`--lang`, else the saved choice, else the system locale if we have it, else English."""
    for candidate in (cli or "", saved, system_locale.split("_")[0].split("-")[0]):
        if candidate in LANGUAGES:
            return candidate
    return "en"


def choose_server(cli: str | None, env: Mapping[str, str], saved: str) -> str:
    """`--server`, else `WESHAPE_SERVER`, else the saved server URL."""
    return (cli or env.get("WESHAPE_SERVER") or saved).rstrip("/")
