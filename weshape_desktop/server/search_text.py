"""One normal form for catalog text and queries: search ignores case and Arabic spelling variants.

Applied to titles and tags at import (the `search_text` column) and to every query, so a plain
portable `LIKE` finds "اسم" in "إسم" and "ACCESS" in "Access denied".
"""

from __future__ import annotations

import re
import unicodedata

# Harakat, shadda, sukun, superscript alef, Quranic marks; tatweel only stretches letters.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        # Arabic-Indic and Extended Arabic-Indic digits search like ASCII digits.
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
    }
)
_SPACES = re.compile(r"[\s\x00-\x1f\x7f]+")
# Joins fields in the search column; queries never contain it (control characters become spaces),
# so a match never spans two fields.
FIELD_SEPARATOR = "\x1f"


def normalise(text: str) -> str:
    """NFKC, case-folded, Arabic diacritics/tatweel removed, alef/yeh/teh-marbuta forms and digits
    unified, runs of whitespace and control characters collapsed to one space."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS)
    return _SPACES.sub(" ", text).strip()


def search_document(titles: list[str], tags: list[str]) -> str:
    """The stored search column for one item: every title and tag, normalised, one per field."""
    fields = (normalise(value) for value in [*titles, *tags])
    return FIELD_SEPARATOR + FIELD_SEPARATOR.join(f for f in fields if f) + FIELD_SEPARATOR


def query_terms(query: str) -> list[str]:
    """The normalised words of a query; an item matches when every word occurs in it."""
    return normalise(query).split(" ") if normalise(query) else []
