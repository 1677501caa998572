"""SVG sanitising (DESIGN §11): hostile files are rejected or defused; real ones render alike."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree
from xml.sax.saxutils import escape, quoteattr

import pytest
import tinycss2
from hypothesis import HealthCheck, given, settings, strategies as st

from weshape_desktop.core.svg import UnsafeSvgError, sanitize_svg

CATALOG = Path(__file__).resolve().parents[3] / "resources" / "catalog"

ILLUSTRATION = b"""<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<!-- exported by an editor -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
     width="240" height="160" viewBox="0 0 240 160">
  <inkscape:perspective id="p1"/>
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#7cc6fe"/>
      <stop offset="1" stop-color="#f4faff"/>
    </linearGradient>
    <circle id="dot" r="6" fill="#ffcc00"/>
  </defs>
  <style>.hill { fill: #3a7d44; } .sun > circle { stroke: #f90; }</style>
  <rect width="240" height="160" fill="url(#sky)"/>
  <g class="sun" transform="translate(190 40)"><circle r="18" fill="#ffd23f"/></g>
  <path class="hill" d="M0 160 Q 60 90 120 130 T 240 110 V 160 Z"/>
  <use xlink:href="#dot" x="40" y="40"/>
  <use href="#dot" x="70" y="30"/>
  <text x="12" y="150" font-size="14" fill="#223">weShape &amp; friends</text>
</svg>
"""


def wrap(body: str, extra_ns: str = "") -> bytes:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'{extra_ns} width="100" height="100">{body}</svg>'
    ).encode()


def reason_of(data: bytes, **limits: int) -> str:
    with pytest.raises(UnsafeSvgError) as info:
        sanitize_svg(data, **limits)
    assert isinstance(info.value, ValueError)
    assert info.value.reason and info.value.reason.endswith(".")
    return info.value.reason


def test_billion_laughs_is_rejected() -> None:
    lol = b"""<?xml version="1.0"?>
<!DOCTYPE svg [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<svg xmlns="http://www.w3.org/2000/svg"><text>&lol9;</text></svg>"""
    assert "entities" in reason_of(lol)


def test_external_entity_is_rejected() -> None:
    xxe = b"""<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<svg xmlns="http://www.w3.org/2000/svg"><text>&xxe;</text></svg>"""
    assert "entities" in reason_of(xxe)


def test_script_is_stripped() -> None:
    out = sanitize_svg(
        wrap('<script type="text/javascript">alert(1)</script><rect width="5" height="5"/>')
    )
    assert b"script" not in out and b"alert" not in out
    assert b"<rect" in out


def test_event_attributes_are_stripped() -> None:
    data = wrap('<rect width="5" height="5" onclick="alert(2)" ONMOUSEOVER="x()"/>')
    data = data.replace(b"<svg ", b'<svg onload="alert(1)" ')
    out = sanitize_svg(data)
    assert b"alert" not in out and b"x()" not in out
    assert b'width="5"' in out


def test_foreign_object_is_stripped() -> None:
    body = (
        '<foreignObject width="50" height="50"><body xmlns="http://www.w3.org/1999/xhtml">'
        '<iframe src="https://evil.example/"/></body></foreignObject><circle r="3"/>'
    )
    out = sanitize_svg(wrap(body))
    assert b"foreignObject" not in out and b"iframe" not in out and b"evil" not in out
    assert b"<circle" in out


def test_external_hrefs_are_stripped_and_local_ones_kept() -> None:
    png = "data:image/png;base64,iVBORw0KGgo="
    body = (
        '<defs><circle id="c" r="2"/></defs>'
        '<use xlink:href="https://evil.example/sprite.svg#c"/>'
        '<image href="file:///etc/passwd" width="4" height="4"/>'
        '<a href="javascript:alert(1)"><text>x</text></a>'
        '<image xlink:href="data:image/svg+xml;base64,PHN2Zz4=" width="4" height="4"/>'
        f'<image xlink:href="{png}" width="4" height="4"/>'
        '<use xlink:href="#c"/>'
        '<rect width="4" height="4" style="fill:url(https://evil.example/p.svg#x)"/>'
        "<style>rect { fill: red; } circle { fill: url('https://evil.example/p.svg#x') }</style>"
    )
    out = sanitize_svg(wrap(body)).decode()
    assert "evil" not in out and "passwd" not in out and "javascript" not in out
    assert "svg+xml" not in out
    assert f'xlink:href="{png}"' in out
    assert 'xlink:href="#c"' in out
    assert "rect { fill: red; }" in out


def test_huge_dimensions_are_rejected() -> None:
    huge = b'<svg xmlns="http://www.w3.org/2000/svg" width="50000" height="50000"/>'
    assert "width" in reason_of(huge)
    huge_box = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 50000 50000"/>'
    assert "viewBox" in reason_of(huge_box)
    huge_unit = b'<svg xmlns="http://www.w3.org/2000/svg" width="2000in" height="10"/>'
    assert "width" in reason_of(huge_unit)
    nested = wrap('<svg width="10" height="50000"/>')
    assert "height" in reason_of(nested)


def test_relative_sizes_are_accepted() -> None:
    data = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="auto" viewBox="0,0,24,24"/>'
    )
    assert b'viewBox="0,0,24,24"' in sanitize_svg(data)


def test_six_megabyte_file_is_rejected() -> None:
    padding = "<!--" + "x" * 6_000_000 + "-->"
    data = wrap(padding)
    assert len(data) > 6_000_000
    assert "MB" in reason_of(data)


def test_too_many_elements_are_rejected() -> None:
    data = wrap("<g/>" * 50_001)
    assert len(data) < 5_000_000
    assert "elements" in reason_of(data)
    assert b"<g" in sanitize_svg(wrap("<g/>" * 1000))


def test_non_svg_and_broken_documents_are_rejected() -> None:
    assert "root" in reason_of(b'<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>')
    assert "not an SVG" in reason_of(b'<svg:svg xmlns:svg="urn:not-svg"/>')
    assert "well-formed" in reason_of(b'<svg xmlns="http://www.w3.org/2000/svg"><g></svg>')
    assert "well-formed" in reason_of(b"")


def test_unnamespaced_svg_is_normalised() -> None:
    out = sanitize_svg(b'<svg width="10" height="10"><rect width="10" height="10"/></svg>')
    assert out.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3')


def test_sanitising_is_idempotent() -> None:
    once = sanitize_svg(ILLUSTRATION)
    assert sanitize_svg(once) == once


def render(data: bytes):  # -> QImage; typed loosely so core tests import Qt only here
    qt_gui = pytest.importorskip("PySide6.QtGui")
    qt_svg = pytest.importorskip("PySide6.QtSvg")
    from PySide6.QtCore import QByteArray

    renderer = qt_svg.QSvgRenderer(QByteArray(data))
    assert renderer.isValid()
    size = renderer.defaultSize()
    image = qt_gui.QImage(size, qt_gui.QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = qt_gui.QPainter(image)
    renderer.render(painter)
    painter.end()
    return image


def test_normal_illustration_renders_the_same(qapp) -> None:
    clean = sanitize_svg(ILLUSTRATION)
    assert b"inkscape" not in clean and b"DOCTYPE" not in clean
    before, after = render(ILLUSTRATION), render(clean)
    assert before.size() == after.size()
    assert (after.width(), after.height()) == (240, 160)
    assert before == after


def catalog_samples() -> list[Path]:
    return sorted(CATALOG.rglob("*.svg"))[:25] if CATALOG.is_dir() else []


@pytest.mark.parametrize("path", catalog_samples(), ids=lambda p: p.name)
def test_catalog_illustrations_render_the_same(qapp, path: Path) -> None:
    data = path.read_bytes()
    before, after = render(data), render(sanitize_svg(data))
    assert before.size() == after.size()
    assert before == after


def test_every_catalog_illustration_is_accepted() -> None:
    paths = sorted(CATALOG.rglob("*.svg"))
    assert len(paths) >= 100
    for path in paths:
        sanitize_svg(path.read_bytes())


def test_css_is_cleaned_in_long_styles_and_across_comments() -> None:
    long_rules = "rect { fill: red; } " * 2000  # past the parser's 8 KiB text buffer
    body = (
        f"<style>{long_rules}rect {{ fill: url(https://evil.example/a.svg#p); }}"
        "circle { fill: u<!-- a comment joins the text -->rl(https://evil.example/b.svg#p) }"
        "<![CDATA[ g { fill: url(https://evil.example/c.svg#p) } ]]></style>"
    )
    out = sanitize_svg(wrap(body)).decode()
    assert "evil" not in out
    assert out.count("rect { fill: red; }") == 2000


@pytest.mark.parametrize(
    "body",
    [
        "<style>@\\69mport url(https://evil.example/a.css);</style>",
        "<style>rect { fill: u\\72l(https://evil.example/p.svg#x) }</style>",
        '<rect width="4" height="4" style="fill: u\\72l(https://evil.example/p.svg#x)"/>',
        '<rect width="4" height="4" fill="u\\72l(https://evil.example/p.svg#x)"/>',
        "<style>@import url(https://evil.example/a.css); rect { fill: red; }</style>",
        "<style>@IMPORT 'https://evil.example/a.css';</style>",
        "<style>rect { fill: red }</style><style>@import url(#same-file);</style>",
        '<style>rect { background: image-set("https://evil.example/a.png" 1x) }</style>',
        "<rect style=\"background: -webkit-image-set('https://evil.example/a.png' 1x)\"/>",
        '<style>rect { background: image("https://evil.example/a.png") }</style>',
        '<style>rect { fill: src("https://evil.example/p.svg#x") }</style>',
        "<style>rect { fill: u<g/>rl(https://evil.example/p.svg#x) }</style>",
        "<style>@im<desc>x</desc>port url(https://evil.example/a.css);</style>",
        "<style>rect { fill: red }<script>alert(1)</script></style>",
    ],
)
def test_css_a_browser_could_read_differently_is_refused(body: str) -> None:
    reason = reason_of(wrap(body))
    assert "CSS" in reason or "<style>" in reason


def test_a_css_refusal_says_what_was_refused() -> None:
    """The reason reaches the user in the download's error message."""
    assert reason_of(wrap("<style>@\\69mport url(a.css);</style>")) == (
        "The file's CSS uses an escape (a backslash), which is not allowed."
    )
    assert reason_of(wrap("<style>@IMPORT 'a.css';</style>")) == (
        "The file's CSS uses “@IMPORT”, which is not allowed."
    )


def test_text_and_attributes_keep_their_special_characters() -> None:
    out = sanitize_svg(
        wrap('<text data-note="a&#10;b&#9;c&#13;d">a &lt; b &amp;&amp; c &gt; d</text>')
    )
    text = ElementTree.fromstring(out).find("{http://www.w3.org/2000/svg}text")
    assert text is not None and text.text == "a < b && c > d"
    assert text.get("data-note") == "a\nb\tc\rd"


@pytest.mark.parametrize(
    ("root", "reason"),
    [
        ('height="50000"', "The image height (50000) is larger than 10000 pixels."),
        ('viewBox="0 0 10"', "The image viewBox is not four finite numbers."),
    ],
)
def test_each_dimension_is_checked_on_its_own(root: str, reason: str) -> None:
    assert reason_of(f'<svg xmlns="http://www.w3.org/2000/svg" {root}/>'.encode()) == reason


def test_a_url_left_open_at_the_end_is_cleaned() -> None:
    body = (
        '<rect width="4" height="4" fill="url(https://evil.example/a.svg#p"/>'
        "<style>rect { fill: url( 'https://evil.example/b.svg#p</style>"
    )
    assert "evil" not in sanitize_svg(wrap(body)).decode()


@pytest.mark.parametrize(
    "body",
    [
        "<style>/* url(#a */ rect { fill: url(https://evil.example/p.svg#a) }</style>",
        '<style>rect { content: "url(#a"; fill: url(https://evil.example/p.svg#a) }</style>',
        '<rect width="4" height="4" fill="aurl(#a url(https://evil.example/p.svg#a))"/>',
    ],
)
def test_a_url_that_a_safe_looking_one_would_swallow_is_cleaned(body: str) -> None:
    assert "evil" not in sanitize_svg(wrap(body)).decode()


@pytest.mark.parametrize(
    "animation",
    [
        '<set attributeName="href" to="javascript:alert(1)"/>',
        '<set attributeName="xlink:href" to=" JavaScript:alert(1)"/>',
        '<animate attributeName="href" values="#b;javascript:alert(1)" dur="1s"/>',
        '<animate attributeName="xlink:href" from="https://evil.example/" to="#b" dur="1s"/>',
        '<animate attributeName=" href " by="https://evil.example/" dur="1s"/>',
        '<animateMotion attributeName="href" to="https://evil.example/x.svg#p"/>',
        '<animateTransform attributeName="href" values="data:image/svg+xml,&lt;svg/&gt;"/>',
    ],
)
def test_animations_that_set_an_unsafe_link_are_dropped(animation: str) -> None:
    body = f'<a href="#b"><text id="b">x{animation}</text></a>'
    out = sanitize_svg(wrap(body)).decode()
    assert "attributeName" not in out and "evil" not in out and "avascript" not in out
    assert "svg+xml" not in out and '<a href="#b">' in out


def test_animations_of_local_links_and_colours_are_kept() -> None:
    body = (
        '<use href="#a"><set attributeName="href" to="#b"/></use>'
        '<rect width="4" height="4"><animate attributeName="fill" values="red;blue" dur="1s"/>'
        '<animate attributeName="fill" to="url(https://evil.example/p.svg#x)" dur="1s"/></rect>'
    )
    out = sanitize_svg(wrap(body)).decode()
    assert '<set attributeName="href" to="#b"/>' in out
    assert 'values="red;blue"' in out
    assert 'to="none"' in out and "evil" not in out


def test_xml_base_ping_handlers_and_stylesheet_instructions_are_stripped() -> None:
    body = (
        '<defs><circle id="c" r="2"/></defs>'
        '<g xml:base="https://evil.example/sprites.svg" xml:space="preserve"><use href="#c"/></g>'
        '<handler type="application/ecmascript" ev:event="click">alert(1)</handler>'
        '<a href="#c" ping="https://evil.example/clicked"><text>x</text></a>'
    )
    data = wrap(body, 'xmlns:ev="http://www.w3.org/2001/xml-events"')
    data = b'<?xml-stylesheet type="text/css" href="https://evil.example/a.css"?>' + data
    out = sanitize_svg(data).decode()
    assert "xml:base" not in out and "evil" not in out and "stylesheet" not in out
    assert "handler" not in out and "alert" not in out and "ping" not in out
    assert '<g xml:space="preserve"><use href="#c"/></g>' in out
    assert '<a href="#c"><text>x</text></a>' in out


# -- hostile documents generated from pieces, checked with a real CSS tokenizer ------------------

REFERENCES = [
    "#a",
    " #a",
    "https://evil.example/x.svg#a",
    "//evil.example/y",
    "javascript:alert(1)",
    " JAVASCRIPT:x",
    "data:image/png;base64,AA==",
    "data:image/svg+xml,%3Csvg/%3E",
    "",
]
CSS_PIECES = [
    *REFERENCES, "url(", ")", "(", "u", "rl(", "'", '"', "\\", "\\72", "@import ", "@\\69mport ",
    "image-set(", "-webkit-image-set(", "image(", "src(", " 1x", "/*", "*/", " ", ";", "{", "}",
    "rect", "fill:", "red", "@media screen{", ",", "url(#a", "/* url(#a */", "'url(#a'", "aurl(#a ",
    "url(https://evil.example/x.svg#a)", "url('//evil.example/y')",
]  # fmt: skip
ATTRIBUTES = [
    "href", "xlink:href", "ping", "style", "fill", "filter", "xml:base", "to", "from", "by",
    "values", "attributeName", "transform",
]  # fmt: skip
ANIMATIONS = ("animate", "set", "animateMotion", "animateTransform")
ELEMENTS = [
    *ANIMATIONS, "g", "rect", "a", "use", "image", "style", "handler", "script", "foreignObject",
    "text",
]  # fmt: skip
css = st.lists(st.sampled_from(CSS_PIECES), max_size=10).map("".join)
attribute_value = st.one_of(
    st.sampled_from(REFERENCES), css, st.sampled_from(["href", " xlink:href"])
)
attributes = st.dictionaries(st.sampled_from(ATTRIBUTES), attribute_value, max_size=4)
elements = st.recursive(
    css.map(escape),
    lambda children: st.builds(
        lambda name, attrs, kids: (
            f"<{name}{''.join(f' {k}={quoteattr(v)}' for k, v in attrs.items())}>"
            + "".join(kids)
            + f"</{name}>"
        ),
        st.sampled_from(ELEMENTS),
        attributes,
        st.lists(children, max_size=3),
    ),
    max_leaves=8,
)


def is_safe_reference(value: str) -> bool:
    value = value.strip()
    return (
        value.startswith("#")
        or re.match(r"data:image/(png|jpe?g|gif)[;,]", value, re.I) is not None
    )


def references_in_css(text: str) -> Iterator[str]:
    """What a browser would load from `text`, tokenized as browsers do (escapes decoded)."""
    tokens = list(tinycss2.parse_component_value_list(text))
    while tokens:
        token = tokens.pop()
        if token.type == "url":
            yield token.value
        elif token.type == "at-keyword" and token.lower_value == "import":
            yield "@import"
        elif token.type == "function":
            if token.lower_name in ("url", "src", "image", "image-set", "-webkit-image-set"):
                yield from (t.value for t in token.arguments if t.type == "string")
            tokens += token.arguments
        elif token.type in ("() block", "[] block", "{} block"):
            tokens += token.content


def leaks(document: bytes) -> Iterator[str]:
    """Every way the sanitised `document` could reach outside itself or run code."""
    for element in ElementTree.fromstring(document).iter():
        name = element.tag.rpartition("}")[2]
        if name.lower() in ("script", "handler", "foreignobject"):
            yield name
        if name == "style":
            if len(element):
                yield "an element inside <style>"
            yield from references_in_css(element.text or "")
        for key, value in element.attrib.items():
            local = key.rpartition("}")[2]
            if key == "{http://www.w3.org/XML/1998/namespace}base":
                yield "xml:base"
            if (local == "href" and not is_safe_reference(value)) or local == "ping":
                yield value
            yield from references_in_css(value)
        target = element.get("attributeName", "").strip().rpartition(":")[2]
        if name in ANIMATIONS and target.lower() == "href":
            values = [element.get(key, "") for key in ("from", "to", "by")]
            values += element.get("values", "").split(";")
            yield from (v for v in values if v.strip())


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(elements, max_size=4).map("".join))
def test_a_generated_hostile_document_is_refused_or_harmless(body: str) -> None:
    try:
        out = sanitize_svg(wrap(body))
    except UnsafeSvgError:
        return
    found = [leak for leak in leaks(out) if not is_safe_reference(leak)]
    assert found == [], out.decode()
    sanitize_svg(out)  # and its own output is accepted again
