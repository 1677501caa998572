"""Using illustrations: the export dialog (recolour, PNG size), the clipboard and drag payloads."""

from typing import TYPE_CHECKING

from weshape_desktop.core.lazy_face import lazy_face

if TYPE_CHECKING:
    from weshape_desktop.ui.export.dialog import ExportDialog as ExportDialog
    from weshape_desktop.ui.export.mime import (
        SVG_MIME as SVG_MIME,
        copy_image_to_clipboard as copy_image_to_clipboard,
        copy_svg_to_clipboard as copy_svg_to_clipboard,
        entries_mime_data as entries_mime_data,
    )

__all__ = [
    "SVG_MIME",
    "ExportDialog",
    "copy_image_to_clipboard",
    "copy_svg_to_clipboard",
    "entries_mime_data",
]

__getattr__ = lazy_face(
    __name__,
    {
        "dialog": ("ExportDialog",),
        "mime": (
            "SVG_MIME",
            "copy_image_to_clipboard",
            "copy_svg_to_clipboard",
            "entries_mime_data",
        ),
    },
)
