"""Sanitising untrusted SVG before it is rendered, saved or copied (DESIGN §11).

Everything from the network is untrusted. `sanitize_svg` parses with `defusedxml` (no entity
declarations, no external references), rejects documents that are too big to render safely, and
rebuilds a clean document: SVG elements only, no scripts, no `foreignObject`, no event handlers, no
links that leave the document. The result is serialised by hand so the namespace prefixes are the
ones renderers look for (`xlink:href`, a default SVG namespace) rather than ElementTree's `ns0:`.
"""

from __future__ import annotations

import io
import math
import re
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as DefusedET  # type: ignore[import-untyped]
from defusedxml import DefusedXmlException

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"

_DROPPED_ELEMENTS = frozenset({"script", "foreignobject"})
_SAFE_DATA_URI = re.compile(r"^data:image/(png|jpeg|jpg|gif)[;,]", re.IGNORECASE)
_URL_FUNCTION = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_CSS_IMPORT = re.compile(r"@import[^;]*;?", re.IGNORECASE)
_LENGTH = re.compile(r"^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*([a-zA-Z%]*)\s*$")
# Approximate CSS pixels per unit; enough to judge whether a size is absurd.
_PX_PER_UNIT = {
    "": 1.0,
    "px": 1.0,
    "pt": 4 / 3,
    "pc": 16.0,
    "mm": 96 / 25.4,
    "cm": 96 / 2.54,
    "in": 96.0,
    "em": 16.0,
    "ex": 8.0,
}


class UnsafeSvgError(ValueError):
    """The document can't be rendered safely; `reason` is a short English sentence."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def sanitize_svg(
    data: bytes,
    *,
    max_bytes: int = 5_000_000,
    max_elements: int = 50_000,
    max_dimension: float = 10_000,
) -> bytes:
    """Return a cleaned copy of the SVG document `data`, or raise `UnsafeSvgError`.

    Rejects documents over `max_bytes`, with more than `max_elements` elements, whose root is not
    `<svg>`, that aren't well-formed XML or declare entities, or whose width, height or viewBox
    exceed `max_dimension` pixels. Strips `<script>`, `<foreignObject>`, elements from foreign
    namespaces, `on*` event attributes, and `href`s / CSS `url()`s that are neither a local
    fragment (`#id`) nor an embedded PNG, JPEG or GIF `data:` URI.
    """
    if len(data) > max_bytes:
        raise UnsafeSvgError(
            f"The file is {len(data) / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.1f} MB."
        )
    root = _parse(data, max_elements)
    if _local_name(root.tag) != "svg" or _namespace(root.tag) not in ("", SVG_NS):
        raise UnsafeSvgError("The file is not an SVG image (its root element is not <svg>).")
    for element in root.iter():
        if _namespace(element.tag) in ("", SVG_NS) and _local_name(element.tag) == "svg":
            _check_dimensions(element, max_dimension)
    out: list[str] = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    _serialise(root, out, is_root=True, uses_xlink=_uses_xlink(root))
    return "".join(out).encode("utf-8")


def _parse(data: bytes, max_elements: int) -> Element:
    count = 0
    root: Element | None = None
    try:
        # iterparse lets us stop as soon as the element budget is spent, before building it all.
        for _event, element in DefusedET.iterparse(
            io.BytesIO(data), events=("start",), forbid_dtd=False
        ):
            if root is None:
                root = element
            count += 1
            if count > max_elements:
                raise UnsafeSvgError(
                    f"The file has more than {max_elements} elements, too many to draw safely."
                )
    except DefusedXmlException as exc:
        raise UnsafeSvgError(
            "The file declares XML entities or external references, which are not allowed."
        ) from exc
    except ParseError as exc:
        raise UnsafeSvgError(f"The file is not well-formed XML ({exc}).") from exc
    if root is None:
        raise UnsafeSvgError("The file is empty.")
    return root


def _check_dimensions(element: Element, max_dimension: float) -> None:
    for name in ("width", "height"):
        value = element.get(name)
        if value is None:
            continue
        pixels = _length_in_pixels(value)
        if pixels is not None and (not math.isfinite(pixels) or abs(pixels) > max_dimension):
            raise UnsafeSvgError(
                f"The image {name} ({value.strip()}) is larger than {max_dimension:g} pixels."
            )
    view_box = element.get("viewBox")
    if view_box is not None:
        try:
            numbers = [float(part) for part in re.split(r"[\s,]+", view_box.strip()) if part]
        except ValueError:
            raise UnsafeSvgError("The image viewBox is not a list of numbers.") from None
        if len(numbers) != 4 or not all(math.isfinite(n) for n in numbers):
            raise UnsafeSvgError("The image viewBox is not four finite numbers.")
        if max(abs(n) for n in numbers) > max_dimension:
            raise UnsafeSvgError(f"The image viewBox is larger than {max_dimension:g} units.")


def _length_in_pixels(value: str) -> float | None:
    """Pixels for an absolute length; None for percentages, `auto` and other relative values."""
    match = _LENGTH.match(value)
    if match is None:
        return None
    unit = match.group(2).lower()
    if unit not in _PX_PER_UNIT:
        return None
    return float(match.group(1)) * _PX_PER_UNIT[unit]


def _namespace(tag: str) -> str:
    return tag[1:].partition("}")[0] if tag.startswith("{") else ""


def _local_name(tag: str) -> str:
    return tag.rpartition("}")[2]


def _keep_element(element: Element) -> bool:
    tag = element.tag
    if not isinstance(tag, str):  # comments and processing instructions
        return False
    return _namespace(tag) in ("", SVG_NS) and _local_name(tag).lower() not in _DROPPED_ELEMENTS


def _safe_reference(value: str) -> bool:
    value = value.strip()
    return value.startswith("#") or _SAFE_DATA_URI.match(value) is not None


def _clean_css(text: str) -> str:
    text = _CSS_IMPORT.sub("", text)
    return _URL_FUNCTION.sub(lambda m: m.group(0) if _safe_reference(m.group(2)) else "none", text)


def _clean_attributes(element: Element) -> list[tuple[str, str]]:
    kept: list[tuple[str, str]] = []
    for key, value in element.attrib.items():
        namespace, name = _namespace(key), _local_name(key)
        if name.lower().startswith("on"):
            continue
        if namespace == XLINK_NS:
            qualified = f"xlink:{name}"
        elif namespace == XML_NS:
            qualified = f"xml:{name}"
        elif namespace == "":
            qualified = name
        else:  # editor metadata (inkscape:, sodipodi:, …) means nothing to a renderer
            continue
        if name == "href" and not _safe_reference(value):
            continue
        if "url(" in value.lower():
            value = _clean_css(value)
        kept.append((qualified, value))
    return kept


def _uses_xlink(root: Element) -> bool:
    return any(
        _namespace(key) == XLINK_NS
        for element in root.iter()
        if _keep_element(element)
        for key in element.attrib
    )


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_attribute(value: str) -> str:
    return (
        _escape_text(value)
        .replace('"', "&quot;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
        .replace("\t", "&#9;")
    )


def _serialise(element: Element, out: list[str], *, is_root: bool, uses_xlink: bool) -> None:
    name = _local_name(element.tag)
    attributes = _clean_attributes(element)
    if is_root:
        namespaces = [("xmlns", SVG_NS)]
        if uses_xlink:
            namespaces.append(("xmlns:xlink", XLINK_NS))
        attributes = namespaces + attributes
    out.append(f"<{name}")
    for key, value in attributes:
        out.append(f' {key}="{_escape_attribute(value)}"')
    text = element.text or ""
    if not text and len(element) == 0:
        out.append("/>")
        return
    out.append(">")
    if name == "style":
        text = _clean_css(text)
    out.append(_escape_text(text))
    for child in element:
        if _keep_element(child):
            _serialise(child, out, is_root=False, uses_xlink=uses_xlink)
        # a dropped element's tail is text belonging to its parent, so it stays
        out.append(_escape_text(child.tail or ""))
    out.append(f"</{name}>")
