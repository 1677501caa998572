"""The analytics events the app may send, and nothing else (DESIGN §10).

Every event and parameter is on an allow-list of coarse values — enums, version numbers and
counts in buckets — so a search text, a title, a file name, an email or an id can't be sent even
by mistake: `event()` refuses anything else.
"""

from __future__ import annotations

import platform
import re
from collections.abc import Mapping
from typing import Any

from weshape_desktop.core.errors import QT_TRANSLATE_NOOP

BUCKETS = ("0", "1", "2-9", "10-99", "100-999", "1000+")
_FORMATS = frozenset({"svg", "png"})
_LANGUAGES = frozenset({"en", "ar"})
_VERSION = re.compile(r"\d{1,3}\.\d{1,3}\.\d{1,3}")

# event name -> parameter name -> allowed values (a set, or a pattern the whole value matches)
EVENTS: Mapping[str, Mapping[str, frozenset[str] | re.Pattern[str]]] = {
    "app_open": {
        "app_version": _VERSION,
        "language": _LANGUAGES,
        "os": frozenset({"linux", "windows", "macos", "other"}),
    },
    "catalog_search": {"results": frozenset(BUCKETS)},
    "illustration_download": {"format": _FORMATS},
    "export_used": {"format": _FORMATS},
    "language_changed": {"language": _LANGUAGES},
    "sign_in": {"method": frozenset({"password", "browser"})},
    "sync_completed": {"sent": frozenset(BUCKETS), "received": frozenset(BUCKETS)},
}

# What each field of a payload means, for "Show what is sent" (translated in the ui).
FIELD_MEANINGS: Mapping[str, str] = {
    "client_id": QT_TRANSLATE_NOOP(
        "Analytics", "a random number made on this computer, replaced when analytics is turned off"
    ),
    "events": QT_TRANSLATE_NOOP("Analytics", "what happened, by name"),
    "app_version": QT_TRANSLATE_NOOP("Analytics", "this app's version"),
    "language": QT_TRANSLATE_NOOP("Analytics", "the app's language"),
    "os": QT_TRANSLATE_NOOP("Analytics", "the operating system's family"),
    "results": QT_TRANSLATE_NOOP("Analytics", "how many results, as a range"),
    "format": QT_TRANSLATE_NOOP("Analytics", "the file format"),
    "method": QT_TRANSLATE_NOOP("Analytics", "how you signed in"),
    "sent": QT_TRANSLATE_NOOP("Analytics", "how many changes this computer sent, as a range"),
    "received": QT_TRANSLATE_NOOP(
        "Analytics", "how many changes this computer received, as a range"
    ),
}


def bucket(count: int) -> str:
    """A count as a coarse range, so no exact number identifies anybody's library."""
    if count <= 1:
        return BUCKETS[max(count, 0)]
    for limit, label in ((10, "2-9"), (100, "10-99"), (1000, "100-999")):
        if count < limit:
            return label
    return "1000+"


def os_family(system: str | None = None) -> str:
    """ "linux", "windows", "macos" or "other" — never the version or the machine's name."""
    name = (system or platform.system()).lower()
    return {"linux": "linux", "windows": "windows", "darwin": "macos"}.get(name, "other")


def event(name: str, **params: str) -> dict[str, Any]:
    """A GA4 event `{name, params}`; raises ValueError for anything not on the allow-list."""
    allowed = EVENTS.get(name)
    if allowed is None:
        raise ValueError(f"unknown analytics event {name!r}")
    for key, value in params.items():
        rule = allowed.get(key)
        if rule is None:
            raise ValueError(f"{name}: parameter {key!r} is not allowed")
        if not isinstance(value, str) or not (
            rule.fullmatch(value) if isinstance(rule, re.Pattern) else value in rule
        ):
            raise ValueError(f"{name}: {key}={value!r} is not an allowed value")
    return {"name": name, "params": dict(params)}
