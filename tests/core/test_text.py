"""One folding of text for search, shared by the library and the catalog's server."""

from __future__ import annotations

import re

from hypothesis import given, strategies as st

from weshape_desktop.core.library.search import tokens
from weshape_desktop.core.text import fold, isolate
from weshape_desktop.server.search_text import normalise

# Arabic with its marks and digits, its presentation forms, Latin, full-width Latin, spaces.
ARABIC_AND_LATIN = st.text(
    st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(min_codepoint=0xFB50, max_codepoint=0xFDFF),
        st.characters(min_codepoint=0xFE70, max_codepoint=0xFEFF),
        st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E),
        st.sampled_from("AaÉéßİıfiﬁ0123456789 \t\n-_"),
    ),
    max_size=30,
)


@given(ARABIC_AND_LATIN)
def test_the_library_and_the_catalog_search_fold_the_same_words(text: str) -> None:
    assert tokens(text) == re.findall(r"\w+", normalise(text))


@given(ARABIC_AND_LATIN)
def test_folding_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


def test_fold_unifies_what_people_type_differently() -> None:
    assert fold("القَاعِدَةُ إلى ٣ ۴") == "القاعده الي 3 4"
    assert fold("ＤＥＳＫ ﻻ ﬁle") == "desk لا file"


def test_isolate_keeps_a_name_in_its_own_direction() -> None:
    assert isolate("report.svg") == "\u2068report.svg\u2069"
