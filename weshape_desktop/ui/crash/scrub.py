"""Scrubbing what reports and logs say (issue 15).

The secrets themselves are not readable here (tokens sit in the keyring, the search text and the
e-mail address in widgets), so text is scrubbed by structure, not by value: anything shaped like a
bearer token, a JWT, a long random token, an e-mail address or a form/query value (a search is
`q=…` in a URL) goes, and the home folder becomes `~`. Exception messages also lose quoted values
(where Python puts data: `KeyError('…')`, `invalid literal …: 'x'`).
"""

from __future__ import annotations

import logging
import re
import traceback
from pathlib import Path

REDACTED = "<redacted>"
_MAX_CHAIN = 5

_SECRET_SHAPES = re.compile(
    r"(?i:\b(?:bearer|basic)\s+\S+)"  # Authorization header values
    r"|\beyJ[\w-]*\.[\w-]*(?:\.[\w-]*)?"  # JWTs: base64url JSON header
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]{20,}"  # opaque tokens: long runs mixing digits, letters
    r"|(?i:\b(?:token|password|secret|code|email|username|q)=[^&\s]+)"  # form and query values
)
_QUOTED = re.compile(r"""'[^']*'|"[^"]*"|«[^»]*»""")


def scrub_path(text: str, home: str | None = None) -> str:
    """`text` with the user's home folder written as `~`."""
    home = str(Path.home()) if home is None else home
    return text.replace(home, "~") if len(home) > 1 else text


def scrub_message(text: str, home: str | None = None) -> str:
    """An exception message without the data it may carry (see the module's docstring)."""
    return _SECRET_SHAPES.sub(REDACTED, _QUOTED.sub(REDACTED, scrub_path(text, home)))


_CAUSE = "\nThe above exception was the direct cause of the following exception:\n\n"
_CONTEXT = "\nDuring handling of the above exception, another exception occurred:\n\n"


def _chain(exc: BaseException) -> list[tuple[BaseException, str]]:
    """`exc` and the exceptions it came from, oldest first, each with the line Python prints
    after it."""
    chain = [(exc, "")]
    while len(chain) < _MAX_CHAIN:
        last = chain[-1][0]
        link = last.__cause__ or (None if last.__suppress_context__ else last.__context__)
        if link is None or any(link is seen for seen, _ in chain):
            break
        chain.append((link, _CAUSE if last.__cause__ is not None else _CONTEXT))
    return chain[::-1]


def format_traceback(exc: BaseException, home: str | None = None) -> str:
    """Python's traceback of `exc` (its chain included), scrubbed. No locals are captured."""
    parts: list[str] = []
    for link, then in _chain(exc):
        stack = traceback.StackSummary.extract(traceback.walk_tb(link.__traceback__))
        parts.append("Traceback (most recent call last):\n")
        parts.extend(scrub_path(line, home) for line in stack.format())
        try:
            message = str(link)
        except Exception:  # a broken __str__ must not stop the report
            message = REDACTED
        kind = type(link)
        parts.append(f"{kind.__module__}.{kind.__qualname__}: {scrub_message(message, home)}\n")
        parts.append(then)
    return "".join(parts)


def scrub_log_text(text: str, home: str | None = None) -> str:
    """A log line without secrets; quoted values stay (log lines quote names, not data)."""
    return _SECRET_SHAPES.sub(REDACTED, scrub_path(text, home))


class LogScrubber(logging.Filter):
    """Scrubs every record a handler writes, tracebacks included."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = scrub_log_text(record.getMessage()), None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = format_traceback(record.exc_info[1]).rstrip("\n")
        return True
