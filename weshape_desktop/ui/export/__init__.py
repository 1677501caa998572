"""Using illustrations: the export dialog (recolour, PNG size), the clipboard and drag payloads."""

from typing import TYPE_CHECKING

from weshape_desktop.core.lazy_face import lazy_face

if TYPE_CHECKING:
    from weshape_desktop.ui.export.dialog import (
        SIZE_KEY as SIZE_KEY,
        ExportDialog as ExportDialog,
        remembered_png_size as remembered_png_size,
    )
    from weshape_desktop.ui.export.mime import (
        SVG_MIME as SVG_MIME,
        copy_image_to_clipboard as copy_image_to_clipboard,
        copy_svg_to_clipboard as copy_svg_to_clipboard,
        entries_mime_data as entries_mime_data,
        local_file as local_file,
    )

__all__ = [
    "SIZE_KEY",
    "SVG_MIME",
    "ExportDialog",
    "copy_image_to_clipboard",
    "copy_svg_to_clipboard",
    "entries_mime_data",
    "local_file",
    "remembered_png_size",
]

__getattr__ = lazy_face(
    __name__,
    {
        "dialog": ("SIZE_KEY", "ExportDialog", "remembered_png_size"),
        "mime": (
            "SVG_MIME",
            "copy_image_to_clipboard",
            "copy_svg_to_clipboard",
            "entries_mime_data",
            "local_file",
        ),
    },
)
