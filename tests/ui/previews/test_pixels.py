"""Previews look the same through the pipeline (worker processes, sanitising, the LZ4 cache) as
the sample catalog's files drawn directly by a plain QSvgRenderer."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QByteArray, QRectF, QSizeF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from weshape_desktop.ui.previews import PreviewService

CATALOG = Path(__file__).resolve().parents[3] / "resources" / "catalog"
SIZE = 160  # the grid's preview size
# Sanitising rebuilds the document (attributes re-serialised, unknown parts dropped), which
# could move an antialiased edge's coverage by a rounding step; anything more is a real change.
# On all 100 sample files the difference is 0 today.
MAX_CHANNEL_DIFFERENCE = 2


def reference(data: bytes, size: int) -> QImage:
    """The file drawn as a bare QtSvg loop draws it: no sanitising, no cache; centred, aspect
    kept, as previews are."""
    renderer = QSvgRenderer(QByteArray(data))
    natural = QSizeF(renderer.defaultSize())
    if natural.isEmpty():
        natural = renderer.viewBoxF().size()
    scale = min(size / natural.width(), size / natural.height())
    width, height = natural.width() * scale, natural.height() * scale
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    renderer.render(painter, QRectF((size - width) / 2, (size - height) / 2, width, height))
    painter.end()
    return image


def max_difference(a: QImage, b: QImage) -> int:
    a = a.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    b = b.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    assert (a.width(), a.height()) == (b.width(), b.height())
    return max(abs(x - y) for x, y in zip(a.constBits(), b.constBits(), strict=True))


def test_previews_match_a_plain_qsvgrenderer_from_the_workers_and_from_the_disk_cache(
    qtbot, tmp_path: Path
) -> None:
    files = sorted(CATALOG.rglob("*.svg"))[::10]  # a sample across both sets
    assert len(files) >= 8
    keys = {f"{n:064x}": path for n, path in enumerate(files, start=1)}
    service = PreviewService(tmp_path / "cache", "file:///unused/{sha256}")
    try:
        with qtbot.waitSignals([service.ready] * len(keys), timeout=60_000):
            for sha256, path in keys.items():
                service.request(sha256, SIZE, url=path.as_uri())
        fresh = {sha256: service.pixmap(sha256, SIZE) for sha256 in keys}
    finally:
        service.shutdown()
    assert not multiprocessing.active_children()
    cached = PreviewService(tmp_path / "cache", "file:///unused/{sha256}")  # memory empty
    for sha256, path in keys.items():
        expected = reference(path.read_bytes(), SIZE)
        from_disk = cached.pixmap(sha256, SIZE)
        for pixmap in (fresh[sha256], from_disk):
            assert pixmap is not None, path.name
            assert max_difference(pixmap.toImage(), expected) <= MAX_CHANNEL_DIFFERENCE, path.name
