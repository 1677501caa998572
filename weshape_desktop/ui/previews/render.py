"""Rendering library SVGs to PNG for export, the clipboard and the download queue (DESIGN §1, §3).

One item on demand, so in-process (on a worker thread when it writes a file); the drawing itself
is `preview_worker.render_svg_image`, the same code that draws previews.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage

from weshape_desktop.core.errors import PngExportError
from weshape_desktop.core.library import write_export
from weshape_desktop.ui.previews.worker import render_svg_file, render_svg_image

MIN_PNG_SIZE = 16
MAX_PNG_SIZE = 4096
DEFAULT_PNG_SIZE = 1024  # what a PNG download or export starts at


def render_png_file(data: bytes, size: int, path: Path) -> None:
    """`core.downloads.RenderPng` for the download queue: a size×size PNG of SVG `data` at `path`.

    Raises ValueError (the queue reports it as `PngExportError`) or OSError."""
    render_svg_file(data, size, str(path))


def render_image(svg: bytes, size: int) -> QImage:
    """SVG `svg` centred in a transparent size×size image; ValueError with an English reason."""
    if not MIN_PNG_SIZE <= size <= MAX_PNG_SIZE:
        raise ValueError(f"The size must be between {MIN_PNG_SIZE} and {MAX_PNG_SIZE} pixels.")
    return render_svg_image(svg, size)


def png_bytes(image: QImage) -> bytes:
    """`image` encoded as PNG."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise ValueError("The image could not be encoded as PNG.")
    data: QByteArray = buffer.data()
    return bytes(data.data())


def save_png(svg: bytes, size: int, target: Path, title: str) -> None:
    """Render `svg` at `size` px and write it to `target` atomically. Raises `PngExportError`
    (naming `title`) when it can't be drawn, and the errors of `write_export` for the disk."""
    try:
        data = png_bytes(render_image(svg, size))
    except ValueError as exc:
        raise PngExportError(title, str(exc)) from exc
    write_export(target, data)
