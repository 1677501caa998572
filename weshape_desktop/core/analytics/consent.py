"""Whether this device may send usage statistics (DESIGN §10): asked once, off until yes.

The choice and the random `client_id` are kept per device in the config folder and never synced.
`DO_NOT_TRACK=1`, or a managed file an administrator places (`managed_file()`: `{"analytics":
false}`), forces analytics off whatever the user chose.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import Any

import platformdirs

from weshape_desktop.core.config import write_json_atomic
from weshape_desktop.core.errors import QT_TRANSLATE_NOOP
from weshape_desktop.core.paths import APP_NAME


class Choice(Enum):
    UNASKED = "unasked"
    YES = "yes"
    NO = "no"


@dataclass(frozen=True)
class Consent:
    """This device's answer and its analytics id."""

    choice: Choice
    client_id: str


def managed_file() -> Path:
    """Where an administrator's settings for every user go: /etc/xdg/weshape-desktop/managed.json
    on Linux, /Library/Application Support/weshape-desktop/managed.json on macOS,
    C:\\ProgramData\\weshape-desktop\\managed.json on Windows."""
    return platformdirs.site_config_path(APP_NAME) / "managed.json"


def forced_off_reason(env: Mapping[str, str], managed: Path) -> str | None:
    """Why analytics must stay off whatever the user chose, or None (an English message for the
    settings panel, marked for translation)."""
    if env.get("DO_NOT_TRACK", "").strip() not in ("", "0"):
        return QT_TRANSLATE_NOOP("Analytics", "Off because DO_NOT_TRACK is set on this computer.")
    try:
        settings: Any = json.loads(managed.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        # An administrator's file we can't read: err on the side of not sending.
        return QT_TRANSLATE_NOOP("Analytics", "Off because of your organisation's settings.")
    if not isinstance(settings, dict) or settings.get("analytics", True) is not True:
        return QT_TRANSLATE_NOOP("Analytics", "Off because of your organisation's settings.")
    return None


class ConsentStore:
    """The per-device consent file; a missing or damaged file means "not asked yet"."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> Consent:
        try:
            raw: Any = json.loads(self.path.read_text(encoding="utf-8"))
            consent = Consent(Choice(raw["choice"]), str(uuid.UUID(raw["client_id"])))
        except (OSError, ValueError, KeyError, TypeError):
            consent = Consent(Choice.UNASKED, _new_client_id())
        return consent

    def answer(self, yes: bool) -> Consent:
        """Record the user's answer; "no" also replaces the client id, so what was sent before can
        never be joined to what is sent after a later "yes"."""
        current = self.load()
        choice = Choice.YES if yes else Choice.NO
        consent = replace(current, choice=choice) if yes else Consent(choice, _new_client_id())
        write_json_atomic(
            self.path, {"choice": consent.choice.value, "client_id": consent.client_id}
        )
        return consent


def _new_client_id() -> str:
    return str(uuid.uuid4())
