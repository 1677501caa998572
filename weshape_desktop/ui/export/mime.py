"""Library items leaving the app: drag data and the clipboard (DESIGN §1).

Drags carry file URLs (file managers, most apps) and, for a single item, the picture itself:
`image/svg+xml` (vector editors such as Inkscape) and image data (apps that only take bitmaps).
Copied SVG goes out as `image/svg+xml` and plain text, which Figma and Inkscape paste as vectors.
Everything inline is sanitised first (DESIGN §11); files are small and local, so this runs on the
GUI thread when a drag starts.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QClipboard, QGuiApplication, QImage

from weshape_desktop.core.library import LibraryEntry, entry_paths
from weshape_desktop.core.svg import UnsafeSvgError, sanitize_svg
from weshape_desktop.ui.previews import render_image

SVG_MIME = "image/svg+xml"
DRAG_IMAGE_SIZE = 512

log = logging.getLogger(__name__)


def local_file(entry: LibraryEntry, library_dir: Path) -> Path | None:
    """The entry's newest file that is on disk here, or None."""
    return next((p for p in entry_paths(entry, library_dir) if p.is_file()), None)


def entries_mime_data(
    entries: Sequence[LibraryEntry], library_dir: Path, image_size: int = DRAG_IMAGE_SIZE
) -> QMimeData:
    """Drag data for `entries`: `text/uri-list` of the files on disk (entries without one are
    left out); for a single entry also its picture — `image/svg+xml` and image data rendered at
    `image_size` px for an SVG, the image data for a PNG."""
    mime = QMimeData()
    files = [path for entry in entries if (path := local_file(entry, library_dir)) is not None]
    if files:
        mime.setUrls([QUrl.fromLocalFile(str(path)) for path in files])
    if len(entries) == 1 and len(files) == 1:
        _add_picture(mime, files[0], image_size)
    return mime


def _add_picture(mime: QMimeData, path: Path, image_size: int) -> None:
    try:
        data = path.read_bytes()
        if path.suffix.lower() == ".png":
            image = QImage.fromData(data, "PNG")
            if not image.isNull():
                mime.setImageData(image)
            return
        clean = sanitize_svg(data)
        image = render_image(clean, image_size)
    except (OSError, UnsafeSvgError, ValueError) as exc:  # the URL alone still works
        log.warning("no inline picture for %s: %s", path.name, exc)
        return
    mime.setData(SVG_MIME, clean)
    mime.setImageData(image)


def svg_mime_data(svg: bytes) -> QMimeData:
    """`image/svg+xml` plus the same document as plain text."""
    mime = QMimeData()
    mime.setData(SVG_MIME, svg)
    mime.setText(svg.decode("utf-8"))
    return mime


def copy_svg_to_clipboard(svg: bytes, clipboard: QClipboard | None = None) -> None:
    """Put the (already sanitised) SVG document `svg` on the clipboard, to paste as vectors."""
    (clipboard or QGuiApplication.clipboard()).setMimeData(svg_mime_data(svg))


def copy_image_to_clipboard(image: QImage, clipboard: QClipboard | None = None) -> None:
    """Put a bitmap on the clipboard (Qt offers it as image/png and the platform's formats)."""
    (clipboard or QGuiApplication.clipboard()).setImage(image)
