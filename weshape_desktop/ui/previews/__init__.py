"""Previews: rendered by a pool of worker processes, cached on disk, visible tiles first (DESIGN
§3); and rendering for export."""

from typing import TYPE_CHECKING

from weshape_desktop.core.lazy_face import lazy_face

if TYPE_CHECKING:
    from weshape_desktop.ui.previews.render import (
        DEFAULT_PNG_SIZE as DEFAULT_PNG_SIZE,
        MAX_PNG_SIZE as MAX_PNG_SIZE,
        MIN_PNG_SIZE as MIN_PNG_SIZE,
        png_bytes as png_bytes,
        render_image as render_image,
        render_png_file as render_png_file,
        save_png as save_png,
    )
    from weshape_desktop.ui.previews.service import PreviewService as PreviewService
    from weshape_desktop.ui.previews.worker import (
        SanitisedCache as SanitisedCache,
        render_preview as render_preview,
        render_svg_file as render_svg_file,
    )

__all__ = [
    "DEFAULT_PNG_SIZE",
    "MAX_PNG_SIZE",
    "MIN_PNG_SIZE",
    "PreviewService",
    "SanitisedCache",
    "png_bytes",
    "render_image",
    "render_png_file",
    "render_preview",
    "render_svg_file",
    "save_png",
]

__getattr__ = lazy_face(
    __name__,
    {
        "render": (
            "DEFAULT_PNG_SIZE",
            "MAX_PNG_SIZE",
            "MIN_PNG_SIZE",
            "png_bytes",
            "render_image",
            "render_png_file",
            "save_png",
        ),
        "service": ("PreviewService",),
        "worker": ("SanitisedCache", "render_preview", "render_svg_file"),
    },
)
