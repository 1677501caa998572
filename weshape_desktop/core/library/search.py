"""Library full-text search (DESIGN §6): the text the FTS5 index holds, and MATCH expressions.

FTS5's `unicode61 remove_diacritics 2` tokenizer folds case and Latin accents, but knows nothing of
Arabic spelling: the same word is typed with or without tashkeel and tatweel, with any of the alef
forms, with ى for ي or ة for ه, and with Arabic-Indic digits. So both the indexed text and the
query go through `core.text.fold()` first (the catalog's search on the server folds the same
way), and the index stores only the folded text. Arabic words
with the article are indexed a second time without it, so "قاعدة" finds "القاعدة". Every query term
is a prefix (`term*`), so results follow typing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from weshape_desktop.core.text import fold

TOKENIZER = "unicode61 remove_diacritics 2"
PREFIX_INDEX = "1 2 3"  # FTS5 prefix indexes: short prefixes, typed first, stay fast at 100k

_TOKEN = re.compile(r"\w+")
_ARTICLE = ("ال", "وال", "بال", "فال", "كال", "لل")
_MIN_STEM = 2  # don't strip an article that would leave less than this


def tokens(text: str) -> list[str]:
    """The words of normalised `text` (what a user means by one search term each)."""
    return _TOKEN.findall(fold(text))


def index_text(parts: Iterable[str]) -> str:
    """The normalised text to index for an entry: titles, catalog tags, user tags, note.

    Arabic words carrying the article (ال and its proclitic forms) are added once more without it.
    """
    words: list[str] = []
    # One fold for all the parts (a space between them joins nothing under NFKC): a first sync
    # indexes thousands of entries at once.
    for word in tokens(" ".join(parts)):
        words.append(word)
        if word.startswith(_ARTICLE):
            for article in _ARTICLE:
                if word.startswith(article) and len(word) - len(article) >= _MIN_STEM:
                    words.append(word[len(article) :])
                    break
    return " ".join(words)


def match_expression(text: str) -> str | None:
    """An FTS5 MATCH expression for what the user typed: every word, as a prefix, ANDed.

    Returns None when `text` has no words (only punctuation or spaces): the caller then doesn't
    filter by text at all. Words are quoted, so FTS5 syntax in the input (AND, NEAR, `"`, `*`,
    `-`, `:`) is searched for as text, never interpreted.
    """
    words = tokens(text)
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words)
