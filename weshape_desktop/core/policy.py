"""The privacy policy the app shows: the bundled copy (offline) and its rendering to HTML."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

POLICY_DIR = Path(__file__).resolve().parents[2] / "resources" / "policy"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SENTENCE_END = (".", ":", "؛", "،", ")")


@dataclass(frozen=True)
class PolicyText:
    version: int
    published: str
    significant: bool
    lang: str
    text: str


def bundled_policy(lang: str, directory: Path = POLICY_DIR) -> PolicyText:
    """The policy shipped with the app, verbatim, in `lang` ("ar" or "en")."""
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
