"""The preview cache's file format: raw premultiplied ARGB32 pixels, LZ4-compressed.

Measured on the sample catalog at 256 px (CPU time per preview): PNG at zlib level 1 costs
1.7 ms to write and 0.5 ms to read, more than QtSvg's render (1.2 ms); LZ4 costs 0.12 ms to
write and 0.06 ms to read, and the files are as small (15 KiB; previews are mostly flat
colour). The same bytes cross the pipe from a worker to the app: 17× less to copy than the
pixels. Files are written to a temporary name and renamed, so readers never see half of one; a
file that doesn't parse reads as missing (the caller renders it again).
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

import lz4.block
from PySide6.QtGui import QImage

SUFFIX = ".argb.lz4"
_MAGIC = b"WSP1"
_HEADER = struct.Struct("<4sHH")  # magic, width, height
_FORMAT = QImage.Format.Format_ARGB32_Premultiplied
_MAX_SIDE = 4096  # PreviewService's largest size: a damaged header can't ask for more memory


def encode_preview(image: QImage) -> bytes:
    """`image` in the cache format."""
    if image.format() != _FORMAT:
        image = image.convertToFormat(_FORMAT)
    # constBits has no row padding at these formats' widths (4 bytes a pixel)
    pixels = image.constBits()
    header = _HEADER.pack(_MAGIC, image.width(), image.height())
    return header + lz4.block.compress(pixels, store_size=False)


def decode_preview(data: bytes) -> QImage | None:
    """The image `encode_preview` gave `data` for; None if `data` is damaged."""
    if len(data) < _HEADER.size:
        return None
    magic, width, height = _HEADER.unpack_from(data)
    if magic != _MAGIC or not (0 < width <= _MAX_SIDE and 0 < height <= _MAX_SIDE):
        return None
    try:
        pixels = lz4.block.decompress(
            memoryview(data)[_HEADER.size :], uncompressed_size=width * height * 4
        )
    except lz4.block.LZ4BlockError:
        return None
    if len(pixels) != width * height * 4:
        return None
    return QImage(pixels, width, height, width * 4, _FORMAT)  # holds a reference to `pixels`


def write_preview(data: bytes, path: Path) -> None:
    """Write encoded preview `data` to `path` atomically. Raises OSError."""
    temporary = f"{path.parent}/.{path.name}.{os.getpid()}.tmp"
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    except FileNotFoundError:  # the first preview in this folder
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)
    os.replace(temporary, path)


def read_preview(path: str | Path) -> QImage | None:
    """The image in `path`, or None if it is missing or damaged."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return None
    return decode_preview(data)
