"""Accent recolouring: only paint changes, in every form the same colour can be written."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import given, strategies as st

from weshape_desktop.core.svg import count_colour, parse_colour, recolour_svg, sanitize_svg

CATALOG = Path(__file__).resolve().parents[3] / "resources" / "catalog"
ACCENT = "#5b6cff"


def doc(body: str, root_attrs: str = "") -> bytes:
    return f'<svg xmlns="http://www.w3.org/2000/svg"{root_attrs}>{body}</svg>'.encode()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('<path fill="#5b6cff"/>', '<path fill="#00aa11"/>'),
        ('<path fill="#5B6CFF"/>', '<path fill="#00aa11"/>'),
        ('<path stroke="rgb(91, 108, 255)"/>', '<path stroke="#00aa11"/>'),
        ('<path fill="rgb(91 108 255)"/>', '<path fill="#00aa11"/>'),
        ('<path fill="rgba(91,108,255,0.5)"/>', '<path fill="rgba(0, 170, 17, 0.5)"/>'),
        ('<path fill="#5b6cff80"/>', '<path fill="#00aa1180"/>'),
        ('<stop stop-color="#5b6cff"/>', '<stop stop-color="#00aa11"/>'),
        (
            '<path style="fill:#5b6cff;stroke:#000"/>',
            '<path style="fill:#00aa11;stroke:#000"/>',
        ),
        (
            '<path style="stroke: #5B6CFF ; opacity:.5"/>',
            '<path style="stroke: #00aa11 ; opacity:.5"/>',
        ),
        (
            "<style>.a{fill:#5b6cff}\n.b { stroke : #5b6cff; }</style>",
            "<style>.a{fill:#00aa11}\n.b { stroke : #00aa11; }</style>",
        ),
        ('<path fill="url(#g) #5b6cff"/>', '<path fill="url(#g) #00aa11"/>'),
        ("<g fill='#5b6cff'/>", "<g fill='#00aa11'/>"),
    ],
)
def test_replaces_paint_in_every_form(body: str, expected: str) -> None:
    uses = expected.count("#00aa11") + expected.count("rgba(0, 170, 17,")
    assert count_colour(doc(body), ACCENT) == uses > 0
    assert recolour_svg(doc(body), ACCENT, "#00AA11") == doc(expected)


def test_short_hex_forms_match_the_same_colour() -> None:
    svg = doc('<path fill="#f00"/><path fill="#FF0000"/><path fill="#f00f"/>')
    assert count_colour(svg, "#ff0000") == 3
    assert count_colour(svg, "#F00") == 3
    assert recolour_svg(svg, "#f00", "#123456") == doc(
        '<path fill="#123456"/><path fill="#123456"/><path fill="#123456ff"/>'
    )


@pytest.mark.parametrize(
    "body",
    [
        '<path id="5b6cff" fill="#000"/>',
        '<use href="#5b6cff"/>',
        '<path fill="url(#abc)"/>',  # #abc is an id here, not the colour #aabbcc
        '<path class="#5b6cff" d="M0 0"/>',
        '<text>fill="#5b6cff" is my favourite</text>',
        "<style>#5b6cff{fill:#000}</style>",
        '<path fill="#5b6cff0"/>',  # not a colour at all
        '<path fill="#5b6cfe"/>',  # close, but another colour
        '<path fill="rgb(91,108,256)"/>',
        '<path fill-rule="evenodd" data-fill="#5b6cff"/>',
        "<style/><g/><style>.x{opacity:1}</style>",
    ],
)
def test_leaves_non_paint_and_other_colours_alone(body: str) -> None:
    svg = doc(body)
    colour = "#aabbcc" if "abc" in body else ACCENT
    assert count_colour(svg, colour) == 0
    assert recolour_svg(svg, colour, "#00aa11") is svg


def test_style_sheet_selectors_that_look_like_colours_stay() -> None:
    svg = doc("<style>#abc, a:hover{fill:#abc}</style>")
    assert recolour_svg(svg, "#aabbcc", "#010203") == doc(
        "<style>#abc, a:hover{fill:#010203}</style>"
    )


def test_custom_properties_and_color_are_paint() -> None:
    svg = doc('<g style="--accent:#5b6cff;color:#5b6cff"><path fill="currentColor"/></g>')
    assert count_colour(svg, ACCENT) == 2


@pytest.mark.parametrize("bad", ["", "blue", "#12", "#12345g", "rgb(1,2)", "rgb(300,0,0)"])
def test_rejects_what_is_not_a_colour(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_colour(bad)
    with pytest.raises(ValueError):
        recolour_svg(doc(""), ACCENT, bad)


def test_rejects_non_utf8() -> None:
    with pytest.raises(ValueError):
        count_colour(b"<svg>\xff</svg>", ACCENT)


def sample_items() -> list[dict[str, str]]:
    items: list[dict[str, str]] = json.loads((CATALOG / "manifest.json").read_text())["items"]
    return items


def test_every_sample_accent_is_used_as_paint_and_recolours_away() -> None:
    items = sample_items()
    assert len(items) == 100
    for item in items:
        clean = sanitize_svg((CATALOG / item["file"]).read_bytes())
        uses = count_colour(clean, item["accent"])
        assert uses > 0, f"{item['id']}: accent {item['accent']} not found"
        out = recolour_svg(clean, item["accent"], "#01fe02")
        assert count_colour(out, item["accent"]) == 0
        assert count_colour(out, "#01fe02") == uses + count_colour(clean, "#01fe02")
        assert len(out) <= len(clean) + 6 * uses


# -- properties ----------------------------------------------------------------------------------

PALETTE = ["#5b6cff", "#e5325d", "#ffffff", "#000000", "#aabbcc"]
hex_digits = st.text("0123456789abcdefABCDEF", min_size=3, max_size=8)


def spelling(colour: str) -> st.SearchStrategy[str]:
    r, g, b = parse_colour(colour)
    forms = [colour, colour.upper(), f"rgb({r},{g},{b})", f"rgb({r}, {g}, {b})"]
    if all(c % 17 == 0 for c in (r, g, b)):
        forms.append("#" + "".join(f"{c // 17:x}" for c in (r, g, b)))
    return st.sampled_from(forms)


@st.composite
def painted_element(draw: st.DrawFn) -> tuple[str, str]:
    colour = draw(st.sampled_from(PALETTE))
    where = draw(st.sampled_from(["fill", "stroke", "style-fill", "style-stroke"]))
    text = draw(spelling(colour))
    ident = draw(hex_digits)  # ids that look like colours must never change
    paint = f'style="{where[6:]}:{text}"' if where.startswith("style-") else f'{where}="{text}"'
    return colour, f'<path id="{ident}" {paint} d="M0 0h1"/>'


@given(st.lists(painted_element(), max_size=12), st.sampled_from(PALETTE), st.sampled_from(PALETTE))
def test_recolour_changes_exactly_the_uses_of_the_old_colour(
    elements: list[tuple[str, str]], old: str, new: str
) -> None:
    svg = sanitize_svg(doc("".join(body for _, body in elements)))
    placed = {c: sum(colour == c for colour, _ in elements) for c in PALETTE}
    assert count_colour(svg, old) == placed[old]

    out = recolour_svg(svg, old, new)
    if old == new or not placed[old]:
        assert out == svg
        return
    assert count_colour(out, old) == 0
    assert count_colour(out, new) == placed[old] + placed[new]
    for other in set(PALETTE) - {old, new}:
        assert count_colour(out, other) == placed[other]
    ids = [e.get("id") for e in ElementTree.fromstring(svg).iter()]
    assert [e.get("id") for e in ElementTree.fromstring(out).iter()] == ids
    assert recolour_svg(out, old, new) == out  # nothing left to change


xml_text = st.text(st.characters(min_codepoint=32, exclude_categories=("Cs",)), max_size=200)


@given(xml_text, st.sampled_from(PALETTE))
def test_text_content_never_changes(text: str, colour: str) -> None:
    svg = sanitize_svg(doc("<text>" + text.replace("<", "&lt;").replace("&", "&amp;") + "</text>"))
    assert recolour_svg(svg, colour, "#010203") is svg
