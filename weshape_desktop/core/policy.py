"""The privacy policy the app shows and the significant-change notice (DESIGN §10).

The newest policy seen from the server is cached in the config folder, so offline the app shows
that, else the bundled copy. What the user acknowledged lives on the server per account when
signed in, and in a file per device (which also remembers what was acknowledged signed in).
"""

from __future__ import annotations

import html
import json
import logging
import re
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any

from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.config import write_json_atomic
from weshape_desktop.core.errors import BadResponseError, WeshapeError

log = logging.getLogger(__name__)
POLICY_DIR = Path(__file__).resolve().parents[2] / "resources" / "policy"
POLICY_LANGUAGES = ("ar", "en")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SENTENCE_END = (".", ":", "؛", "،", ")")


@dataclass(frozen=True)
class PolicyText:
    version: int
    published: str
    significant: bool
    lang: str
    text: str

    @classmethod
    def from_json(cls, data: Any) -> PolicyText:
        """A policy as `/v1/policy` serves it; BadResponseError when it isn't one."""
        try:
            policy = cls(
                int(data["version"]), str(data["published"]), bool(data["significant"]),
                str(data["lang"]), str(data["text"]),
            )  # fmt: skip
        except (KeyError, TypeError, ValueError):
            raise BadResponseError(detail="not a privacy policy") from None
        if policy.lang not in POLICY_LANGUAGES:
            raise BadResponseError(detail=f"a policy in {policy.lang!r}")
        return policy


@dataclass(frozen=True)
class PolicyStatus:
    """The newest policy known (in one language) and the newest version the user acknowledged."""

    policy: PolicyText
    acknowledged: int

    @property
    def needs_notice(self) -> bool:
        """A significant version the user has not acknowledged yet: show the notice."""
        return self.policy.significant and self.policy.version > self.acknowledged


class PolicyFiles:
    """The policy cache and this device's acknowledgement, files in the config folder."""

    def __init__(self, config_dir: Path) -> None:
        self.cache_file = config_dir / "policy-cache.json"
        self.acknowledged_file = config_dir / "policy-acknowledged.json"
        # The cache file's content, kept once read or written: after the first (background)
        # check the viewer reads no file on the GUI thread.
        self._cached: Any = None

    def policy(self, lang: str) -> PolicyText:
        """The newest policy seen in `lang`, else the bundled one."""
        bundled = bundled_policy(lang)
        if self._cached is None:
            self._cached = self._read(self.cache_file) or {}
        try:
            cached = PolicyText.from_json(self._cached[lang])
        except (KeyError, TypeError, BadResponseError):
            return bundled
        return cached if cached.version >= bundled.version and cached.lang == lang else bundled

    def remember(self, policies: list[PolicyText]) -> None:
        """Cache `policies` (one per language) unless a newer version is cached already."""
        if policies[0].version >= self.policy(policies[0].lang).version:
            content = {p.lang: asdict(p) for p in policies}
            write_json_atomic(self.cache_file, content)
            self._cached = content

    def device_acknowledged(self) -> int:
        """The newest version acknowledged on this device; the bundled one counts as read."""
        try:
            version = self._read(self.acknowledged_file)["version"]
        except (KeyError, TypeError):
            version = 0
        bundled = bundled_policy("en").version
        return version if isinstance(version, int) and version > bundled else bundled

    def acknowledge_on_device(self, version: int) -> None:
        if version > self.device_acknowledged():
            write_json_atomic(self.acknowledged_file, {"version": version})

    @staticmethod
    def _read(path: Path) -> Any:
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # missing or damaged: as if never written
            return None


def check_policy(
    api: ApiClient | None, store: PolicyFiles, lang: str, signed_in: bool
) -> PolicyStatus:
    """Fetch the current policy (both languages, cached) and what the user acknowledged: the
    account's version from the server when signed in, else this device's. Offline, the cache
    and the device's file answer. Blocks: run it in the background."""
    acknowledged = store.device_acknowledged()
    if api is not None:
        try:
            store.remember([PolicyText.from_json(api.policy(code)) for code in POLICY_LANGUAGES])
            if signed_in:
                acknowledged = api.policy_acknowledged()
        except WeshapeError as exc:
            log.info("policy check offline: %s", exc.detail or exc)
    return PolicyStatus(store.policy(lang), acknowledged)


def acknowledge_policy(
    api: ApiClient | None, store: PolicyFiles, version: int, signed_in: bool
) -> None:
    """The user read `version`: kept on this device, and on the server for the account when
    signed in (raises when the server can't be told). Blocks: run it in the background."""
    store.acknowledge_on_device(version)
    if signed_in and api is not None:
        api.acknowledge_policy(version)


@cache
def bundled_policy(lang: str, directory: Path = POLICY_DIR) -> PolicyText:
    """The policy shipped with the app, verbatim, in `lang` ("ar" or "en"); read once."""
    meta = json.loads((directory / "policy.json").read_text(encoding="utf-8"))
    text = (directory / f"privacy-policy.{lang}.txt").read_text(encoding="utf-8")
    return PolicyText(
        int(meta["version"]), str(meta["published"]), bool(meta["significant"]), lang, text
    )


def policy_html(text: str) -> str:
    """The policy's words unchanged, laid out: headings, paragraphs, bullets, mailto links.

    A short line that doesn't end like a sentence is a heading; "- " starts a bullet.
    """
    parts: list[str] = []
    in_list = False
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        is_item = line.startswith("- ")
        if in_list and not is_item:
            parts.append("</ul>")
            in_list = False
        body = _linkify(html.escape(line[2:] if is_item else line))
        if is_item:
            if not in_list:
                parts.append("<ul>")
                in_list = True
            parts.append(f"<li>{body}</li>")
        elif len(line) < 60 and not line.endswith(_SENTENCE_END):
            parts.append(f"<h3>{body}</h3>")
        else:
            parts.append(f"<p>{body}</p>")
    if in_list:
        parts.append("</ul>")
    return "\n".join(parts)


def _linkify(escaped: str) -> str:
    return _EMAIL.sub(lambda m: f'<a href="mailto:{m.group(0)}">{m.group(0)}</a>', escaped)
