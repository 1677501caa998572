"""Settings that outlive a run, and how command line and environment override them."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

LANGUAGES = ("en", "ar")


@dataclass(frozen=True)
class Settings:
    """User settings stored as JSON in the config folder (never secrets)."""

    language: str = ""  # "" = follow the system locale
    server_url: str = ""  # "" = no server configured (demo or offline)
    library_dir: str = ""  # "" = AppPaths.default_library_dir

    @classmethod
    def load(cls, path: Path) -> Settings:
        """Read settings; a missing or unreadable file gives the defaults."""
        try:
            raw: Any = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(raw, dict):
            return cls()
        known = {k: str(v) for k, v in raw.items() if k in cls.__dataclass_fields__}
        settings = cls(**known)
        if settings.language not in ("", *LANGUAGES):
            settings = replace(settings, language="")
        return settings

    def save(self, path: Path) -> None:
        """Write the settings file atomically (`write_json_atomic`)."""
        write_json_atomic(path, asdict(self))


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
