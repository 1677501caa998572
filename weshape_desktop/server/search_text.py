"""One normal form for catalog text and queries: search ignores case and Arabic spelling variants.

Applied to titles and tags at import (the `search_text` column) and to every query, so a plain
portable `LIKE` finds "اسم" in "إسم" and "ACCESS" in "Access denied" (PostgreSQL finds the same
through its full-text index, `prefix_tsquery`).
"""

from __future__ import annotations

import re

from weshape_desktop.core.text import fold

_SPACES = re.compile(r"[\s\x00-\x1f\x7f]+")
# Joins fields in the search column; queries never contain it (control characters become spaces),
# so a match never spans two fields.
FIELD_SEPARATOR = "\x1f"


def normalise(text: str) -> str:
    """`text` folded as the library's search folds it (`core.text.fold`), runs of whitespace and
    control characters collapsed to one space."""
    return _SPACES.sub(" ", fold(text)).strip()


def search_document(titles: list[str], tags: list[str]) -> str:
    """The stored search column for one item: every title and tag, normalised, one per field."""
    fields = (normalise(value) for value in [*titles, *tags])
    return FIELD_SEPARATOR + FIELD_SEPARATOR.join(f for f in fields if f) + FIELD_SEPARATOR


def query_terms(query: str) -> list[str]:
    """The normalised words of a query; an item matches when every word occurs in it."""
    return normalise(query).split(" ") if normalise(query) else []


def prefix_tsquery(terms: list[str]) -> str:
    """A PostgreSQL `tsquery` (its input syntax, not parsed by a text search configuration) that
    matches a document holding every term as the prefix of a lexeme: each term quoted, with
    backslashes and quotes escaped, as `'term':*`."""
    quoted = (term.replace("\\", "\\\\").replace("'", "\\'") for term in terms)
    return " & ".join(f"'{term}':*" for term in quoted)
