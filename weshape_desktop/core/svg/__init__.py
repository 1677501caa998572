"""SVG text: making it safe to keep and show (DESIGN §11), and recolouring its accent."""

from typing import TYPE_CHECKING

from weshape_desktop.core.lazy_face import lazy_face

if TYPE_CHECKING:
    from weshape_desktop.core.svg.recolour import (
        count_colour as count_colour,
        hex_colour as hex_colour,
        parse_colour as parse_colour,
        recolour_svg as recolour_svg,
    )
    from weshape_desktop.core.svg.safety import (
        UnsafeSvgError as UnsafeSvgError,
        sanitize_svg as sanitize_svg,
    )

__all__ = [
    "UnsafeSvgError",
    "count_colour",
    "hex_colour",
    "parse_colour",
    "recolour_svg",
    "sanitize_svg",
]

__getattr__ = lazy_face(
    __name__,
    {
        "recolour": ("count_colour", "hex_colour", "parse_colour", "recolour_svg"),
        "safety": ("UnsafeSvgError", "sanitize_svg"),
    },
)
