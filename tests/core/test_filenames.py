"""Local file names can't escape the library folder or spoof an extension (DESIGN §7)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from weshape_desktop.core.filenames import (
    MAX_STEM_BYTES,
    UnsafePathError,
    resolve_inside,
    safe_file_name,
    safe_id,
)

BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def assert_safe(name: str, ext: str, folder: Path) -> None:
    assert "/" not in name and "\\" not in name and "\x00" not in name
    assert not any(c in ':*?"<>|' for c in name)
    assert not any(c in BIDI or unicodedata.category(c).startswith("C") for c in name)
    assert not name.startswith(".")
    assert name.endswith(f".{ext}")
    assert len(name.encode("utf-8")) <= 255
    assert name == unicodedata.normalize("NFC", name)
    assert resolve_inside(folder, name).parent == folder.resolve()


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("../../etc/passwd", "etc passwd-item-1.svg"),
        ("/abs/path", "abs path-item-1.svg"),
        ("C:\\x", "C x-item-1.svg"),
        ("CON", "CON_-item-1.svg"),
        ("nul.txt", "nul_.txt-item-1.svg"),
        ("Lpt9", "Lpt9_-item-1.svg"),
        ("Console", "Console-item-1.svg"),
        ("evil\u202egpj.svg", "evilgpj.svg-item-1.svg"),
        ("", "illustration-item-1.svg"),
        ("  . . ", "illustration-item-1.svg"),
        ("a\tb\n\nc", "a b c-item-1.svg"),
        ("a\u2028b\u2029c", "a b c-item-1.svg"),  # line and paragraph separators
        ("a\ud800b\U000f0000c\u0378d", "abcd-item-1.svg"),  # surrogate, private use, unassigned
        ("a\u200bb\x00c", "ab c-item-1.svg"),  # zero-width space (format), NUL (control)
        (".hidden", "hidden-item-1.svg"),
        ("X marks the spot X", "X marks the spot X-item-1.svg"),
        ("CON .txt", "CON _.txt-item-1.svg"),
        ("aux.tar.gz", "aux_.tar.gz-item-1.svg"),
        ("NulX", "NulX-item-1.svg"),
        ("a" * 149 + ". b", "a" * 149 + "-item-1.svg"),  # no dot or space left at the cut
        ("تم رفض الوصول", "تم رفض الوصول-item-1.svg"),
    ],
)
def test_named_cases(title: str, expected: str, tmp_path: Path) -> None:
    name = safe_file_name(title, "item-1", "svg")
    assert name == expected
    assert_safe(name, "svg", tmp_path)


def test_bidi_override_cannot_spoof_the_extension() -> None:
    name = safe_file_name("invoice\u202egnp.exe", "x", "svg")
    assert "\u202e" not in name
    assert name.endswith("-x.svg")


def test_long_titles_are_cut_between_characters(tmp_path: Path) -> None:
    for char in ("a", "é", "ع", "😀"):
        name = safe_file_name(char * 1000, "item-7", "png")
        stem = name.removesuffix("-item-7.png")
        assert MAX_STEM_BYTES - len(char.encode("utf-8")) < len(stem.encode("utf-8"))
        assert len(stem.encode("utf-8")) <= MAX_STEM_BYTES
        assert set(stem) == {char}
        assert_safe(name, "png", tmp_path)


def test_composed_form() -> None:
    assert safe_file_name("Cafe\u0301", "i", "svg") == "Caf\u00e9-i.svg"


def test_ids_are_sanitised_too() -> None:
    assert safe_file_name("x", "../../evil", "svg") == "x-evil.svg"
    assert safe_id("") == "item"
    assert safe_id("a/b\\c:d") == "a_b_c_d"
    assert safe_id("X-1.X") == "X-1.X"
    assert safe_id("ｉｔｅｍ－７") == "item-7"


def test_copies_keep_the_id_and_extension_last() -> None:
    assert safe_file_name("Cloud", "item-2", "svg", copy=2) == "Cloud (2)-item-2.svg"


def test_only_svg_and_png() -> None:
    with pytest.raises(ValueError):
        safe_file_name("x", "y", "exe")


@pytest.mark.parametrize("resolved", [False, True])
def test_resolve_inside_refuses_escapes(tmp_path: Path, resolved: bool) -> None:
    folder = tmp_path.resolve()
    for name in ("../x.svg", "/etc/passwd", "a/b.svg", "..", "a/../../x.svg", "."):
        with pytest.raises(UnsafePathError, match=re.escape(f"{name!r} leaves the library folder")):
            resolve_inside(folder, name, resolved=resolved)
    (folder / "link.svg").symlink_to("/etc/passwd")
    with pytest.raises(UnsafePathError):
        resolve_inside(folder, "link.svg", resolved=resolved)
    (folder / "inside.svg").symlink_to(folder / "x.svg")
    assert resolve_inside(folder, "inside.svg", resolved=resolved) == folder / "x.svg"
    assert resolve_inside(folder, "x.svg", resolved=resolved) == folder / "x.svg"


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    title=st.text(max_size=400), item_id=st.text(max_size=80), ext=st.sampled_from(["svg", "png"])
)
def test_any_title_gives_a_safe_name(title: str, item_id: str, ext: str, tmp_path: Path) -> None:
    assert_safe(safe_file_name(title, item_id, ext), ext, tmp_path)


@settings(max_examples=200, deadline=None)
@given(title=st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=30))
def test_printable_text_survives(title: str) -> None:
    """Letters and digits in any script stay in the name (it stays legible)."""
    name = safe_file_name(title, "id", "svg")
    for char in unicodedata.normalize("NFC", title):
        if unicodedata.category(char)[0] in "LN" and name.removesuffix("-id.svg") != "illustration":
            assert char in name
