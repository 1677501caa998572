"""Text shown to people in either direction, and one folding of it for search.

Pure and dependency-free: the reference server uses `fold` too (DESIGN §2), so the catalog's
search and the library's treat the same strings the same way.
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
        # Arabic-Indic and Extended Arabic-Indic (Persian, Urdu) digits fold to ASCII digits.
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
    }
)


def fold(text: str) -> str:
    """`text` as search compares it: NFKC, case-folded, Arabic diacritics and tatweel removed,
    the alef forms, ى/ي and ة/ه unified, Arabic-Indic digits as ASCII digits.

    >>> fold("القَاعِدَةُ إلى ٣ ＡＢ")
    'القاعده الي 3 ab'
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    return _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS)


def isolate(text: str) -> str:
    """`text` (a file name, a path, a name the user typed) wrapped in FSI…PDI, so it keeps its own
    direction inside a sentence of the other one (GLOSSARY-ar: Latin identifiers stay LTR)."""
    return f"\u2068{text}\u2069"
