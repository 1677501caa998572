"""Recolouring an illustration's accent colour before export (DESIGN §1).

The input is already sanitised (`svg_safety.sanitize_svg`), so a careful regex walk over the text
is enough and keeps the file byte-for-byte as it was everywhere else. A colour is only changed
where it is *paint*: the value of a paint attribute (`fill`, `stroke`, `stop-color`, …) or of a
paint property in a `style` attribute or a `<style>` sheet. Ids, `href`s, `url(#…)` references,
CSS id selectors and text content are never touched, even when they look like a colour.

The same colour is recognised as `#rgb`, `#rrggbb` (any case; with an alpha digit pair `#rgba` /
`#rrggbbaa` the alpha is kept) and `rgb(r, g, b)` / `rgba(r, g, b, a)` with integer channels.
"""

from __future__ import annotations

import re
from collections.abc import Callable

RGB = tuple[int, int, int]

# Presentation attributes and CSS properties whose value is a colour. `color` feeds
# `currentColor`; custom properties (`--accent: #…`) are how themed sheets declare colours.
PAINT_NAMES = frozenset({"fill", "stroke", "stop-color", "flood-color", "lighting-color", "color"})

_TAG = re.compile(r"<[^>]*>")
_STYLE_SHEET = re.compile(r"(<style\b[^>]*(?<!/)>)(.*?)(</style\s*>)", re.IGNORECASE | re.DOTALL)
_ATTRIBUTE = re.compile(r"(?<=\s)([\w:.-]+)(\s*=\s*)(\"[^\"]*\"|'[^']*')")
_DECLARATION = re.compile(r"(-{0,2}[A-Za-z_][\w-]*)(\s*:\s*)([^;{}]*)")
_URL = re.compile(r"url\([^)]*\)", re.IGNORECASE)
_HEX = re.compile(
    r"(?<![\w#&-])#([0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3,4})(?![\w-])",
)
_CHANNEL = r"\s*(\d{1,3})\s*"
_RGB_FUNCTION = re.compile(
    rf"\brgba?\({_CHANNEL}[,\s]{_CHANNEL}[,\s]{_CHANNEL}(?:[,/]\s*([0-9.]+%?)\s*)?\)",
    re.IGNORECASE,
)
_COLOUR_TEXT = re.compile(r"^\s*#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\s*$")


def parse_colour(colour: str) -> RGB:
    """The (r, g, b) of a `#rgb`, `#rrggbb` or `rgb(r, g, b)` colour; ValueError otherwise."""
    match = _COLOUR_TEXT.match(colour)
    if match:
        digits = match.group(1)
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))
    function = _RGB_FUNCTION.fullmatch(colour.strip())
    if function and function.group(4) is None:
        channels = tuple(int(function.group(i)) for i in (1, 2, 3))
        if all(c <= 255 for c in channels):
            return (channels[0], channels[1], channels[2])
    raise ValueError(f"not a colour: {colour!r:.40}")


def hex_colour(rgb: RGB) -> str:
    """`#rrggbb` in lower case."""
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def count_colour(svg: bytes, colour: str) -> int:
    """How many times `colour` is used as paint in the SVG document `svg` (UTF-8)."""
    found = 0

    def count(match: re.Match[str]) -> str:
        nonlocal found
        found += 1
        return match.group(0)

    _rewrite(_decode(svg), parse_colour(colour), count)
    return found


def recolour_svg(svg: bytes, old: str, new: str) -> bytes:
    """`svg` with every paint use of colour `old` replaced by colour `new`.

    Other colours and everything that isn't paint stay byte-for-byte the same; when `old` isn't
    used as paint (see `count_colour`), or `new` is the same colour, the very same bytes come
    back. Colours are `#rgb`,
    `#rrggbb` or `rgb(r, g, b)`; ValueError for anything else.
    """
    target = parse_colour(old)
    replacement = parse_colour(new)
    if target == replacement:  # nothing to change; don't respell the colour either
        return svg
    changed = False

    def replace(match: re.Match[str]) -> str:
        nonlocal changed
        changed = True
        return _format_like(match, replacement)

    text = _rewrite(_decode(svg), target, replace)
    return text.encode("utf-8") if changed else svg


def _decode(svg: bytes) -> str:
    try:
        return svg.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError("The SVG document is not UTF-8 text.") from exc


Replace = Callable[[re.Match[str]], str]


def _rewrite(text: str, target: RGB, replace: Replace) -> str:
    """Call `replace` for each paint use of `target` in `text`; splice in what it returns."""

    def in_value(value: str) -> str:
        return _replace_in_value(value, target, replace)

    def in_css(css: str) -> str:
        return _DECLARATION.sub(
            lambda m: (
                m.group(1) + m.group(2) + in_value(m.group(3))
                if _is_paint_property(m.group(1))
                else m.group(0)
            ),
            css,
        )

    def in_attribute(match: re.Match[str]) -> str:
        name, equals, quoted = match.groups()
        if name in PAINT_NAMES:
            value = in_value(quoted[1:-1])
        elif name == "style":
            value = in_css(quoted[1:-1])
        else:
            return match.group(0)
        return f"{name}{equals}{quoted[0]}{value}{quoted[-1]}"

    def in_tag(match: re.Match[str]) -> str:
        return _ATTRIBUTE.sub(in_attribute, match.group(0))

    def in_chunk(chunk: str) -> str:
        return _TAG.sub(in_tag, chunk)

    # <style> sheets hold CSS between tags; everything else is tags (attributes) and text.
    out: list[str] = []
    position = 0
    for sheet in _STYLE_SHEET.finditer(text):
        out.append(in_chunk(text[position : sheet.start()]))
        out.append(in_chunk(sheet.group(1)) + in_css(sheet.group(2)) + sheet.group(3))
        position = sheet.end()
    out.append(in_chunk(text[position:]))
    return "".join(out)


def _is_paint_property(name: str) -> bool:
    name = name.lower()
    return name in PAINT_NAMES or name.startswith("--")


def _replace_in_value(value: str, target: RGB, replace: Replace) -> str:
    """Colour tokens in a paint value, skipping `url(...)` references (`url(#abc)` is an id)."""

    def colour(match: re.Match[str]) -> str:
        return replace(match) if _match_rgb(match) == target else match.group(0)

    pieces: list[str] = []
    position = 0
    for url in _URL.finditer(value):
        pieces.append(_recolour_plain(value[position : url.start()], colour))
        pieces.append(url.group(0))
        position = url.end()
    pieces.append(_recolour_plain(value[position:], colour))
    return "".join(pieces)


def _recolour_plain(text: str, colour: Replace) -> str:
    return _RGB_FUNCTION.sub(colour, _HEX.sub(colour, text))


def _match_rgb(match: re.Match[str]) -> RGB | None:
    if match.re is _HEX:
        digits = match.group(1)
        if len(digits) <= 4:
            digits = "".join(c * 2 for c in digits)
        return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))
    channels = (int(match.group(1)), int(match.group(2)), int(match.group(3)))
    return channels if all(c <= 255 for c in channels) else None


def _format_like(match: re.Match[str], rgb: RGB) -> str:
    """`rgb` written in place of `match`, keeping any alpha the original had."""
    if match.re is _HEX:
        digits = match.group(1)
        if len(digits) in (4, 8):
            alpha = digits[-1] * 2 if len(digits) == 4 else digits[-2:]
            return hex_colour(rgb) + alpha
        return hex_colour(rgb)
    alpha = match.group(4)
    if alpha is not None:
        return "rgba({}, {}, {}, {})".format(*rgb, alpha)
    return hex_colour(rgb)
