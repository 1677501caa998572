"""The preview cache's file format: raw premultiplied ARGB32 pixels, LZ4-compressed.

Measured on the sample catalog at 256 px (CPU time per preview): PNG at zlib level 1 costs
1.7 ms to write and 0.5 ms to read, more than QtSvg's render (1.2 ms); LZ4 costs 0.12 ms to
write and 0.06 ms to read, and the files are as small (15 KiB; previews are mostly flat
colour). Files are written to a temporary name and renamed, so readers never see half of one;
a file that doesn't parse reads as missing (the caller renders it again).
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


def image_bytes(image: QImage) -> bytes:
    """The pixels of `image` (ARGB32 premultiplied, no row padding at these widths)."""
    if image.format() != _FORMAT:
        image = image.convertToFormat(_FORMAT)
    return image.constBits().tobytes()


def image_from_bytes(pixels: bytes, width: int, height: int) -> QImage | None:
    """A QImage owning a copy of `pixels` (as `image_bytes` gives them); None if they don't fit."""
    if (
        not (0 < width <= _MAX_SIDE and 0 < height <= _MAX_SIDE)
        or len(pixels) != width * height * 4
    ):
        return None
    return QImage(pixels, width, height, width * 4, _FORMAT).copy()


def write_preview(pixels: bytes, width: int, height: int, path: Path) -> None:
    """Write an image's pixels (as `image_bytes` gives them) to `path` atomically. Raises
    OSError."""
    data = _HEADER.pack(_MAGIC, width, height) + lz4.block.compress(pixels, store_size=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def read_preview(path: Path) -> QImage | None:
    """The image in `path`, or None if it is missing or damaged."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if len(data) < _HEADER.size:
        return None
    magic, width, height = _HEADER.unpack_from(data)
    if magic != _MAGIC or not (0 < width <= _MAX_SIDE and 0 < height <= _MAX_SIDE):
        return None
    try:
        pixels = lz4.block.decompress(data[_HEADER.size :], uncompressed_size=width * height * 4)
    except lz4.block.LZ4BlockError:
        return None
    return image_from_bytes(pixels, width, height)
