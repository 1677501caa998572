"""Drag data, the clipboard and PNG rendering for library items, over real sample files."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray
from PySide6.QtGui import QGuiApplication, QImage

from tests.sample_entries import entry
from weshape_desktop.core.svg import sanitize_svg
from weshape_desktop.ui.export import (
    SVG_MIME,
    copy_image_to_clipboard,
    copy_svg_to_clipboard,
    entries_mime_data,
)
from weshape_desktop.ui.previews import png_bytes, render_image, render_png_file

SMALL_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="2" height="1">'
    b'<rect width="2" height="1" fill="#0f0"/></svg>'
)


def local_paths(mime) -> list[Path]:
    return [Path(url.toLocalFile()) for url in mime.urls()]


def test_single_svg_entry_carries_urls_vector_and_bitmap(qapp, tmp_path: Path) -> None:
    library = tmp_path / "library"
    e = entry(library)
    mime = entries_mime_data([e], library)
    assert mime.hasUrls()
    assert {"text/uri-list", SVG_MIME}.issubset(set(mime.formats()))
    [path] = local_paths(mime)
    assert path.is_relative_to(library.resolve()) and path.name == e.path
    assert mime.data(SVG_MIME).data() == path.read_bytes()
    image = mime.imageData()
    assert isinstance(image, QImage) and not image.isNull()
    assert (image.width(), image.height()) == (512, 512)


def test_several_entries_carry_only_the_files_on_disk(qapp, tmp_path: Path) -> None:
    library = tmp_path / "library"
    first = entry(library)
    second = entry(library, "semi-failure-light")
    elsewhere = entry(library, "gravity-chart-light", files=())  # synced, not downloaded here
    gone = entry(library, "gravity-folder-light")
    assert gone.path is not None
    (library / gone.path).unlink()

    mime = entries_mime_data([first, elsewhere, second, gone], library)
    assert [p.name for p in local_paths(mime)] == [first.path, second.path]
    assert not mime.hasFormat(SVG_MIME) and not mime.hasImage()
    assert not entries_mime_data([elsewhere], library).formats()


def test_single_png_entry_carries_its_bitmap(qapp, tmp_path: Path) -> None:
    library = tmp_path / "library"
    png = png_bytes(render_image(SMALL_SVG, 40))
    e = entry(library, files=(("p.png", png),))
    mime = entries_mime_data([e], library)
    assert [p.name for p in local_paths(mime)] == ["p.png"]
    assert not mime.hasFormat(SVG_MIME)
    assert mime.imageData().size().width() == 40


def test_hostile_files_are_sanitised_or_left_as_a_plain_url(qapp, tmp_path: Path) -> None:
    library = tmp_path / "library"
    scripted = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9">'
        b'<script>alert(1)</script><rect width="9" height="9"/></svg>'
    )
    mime = entries_mime_data([entry(library, files=(("s.svg", scripted),))], library)
    assert b"script" not in mime.data(SVG_MIME).data()
    assert mime.data(SVG_MIME).data() == sanitize_svg(scripted)

    xxe = b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>'
    mime = entries_mime_data([entry(library, files=(("x.svg", xxe),))], library)
    assert [p.name for p in local_paths(mime)] == ["x.svg"]
    assert not mime.hasFormat(SVG_MIME) and not mime.hasImage()


def test_copied_svg_pastes_as_vector_and_text(qapp) -> None:
    svg = sanitize_svg(SMALL_SVG)
    copy_svg_to_clipboard(svg)
    pasted = QGuiApplication.clipboard().mimeData()
    assert pasted.data(SVG_MIME).data() == svg
    assert pasted.text() == svg.decode()


def test_copied_image(qapp) -> None:
    copy_image_to_clipboard(render_image(SMALL_SVG, 32))
    assert QGuiApplication.clipboard().image().size().width() == 32


def test_render_png_file_is_the_download_queues_renderer(qapp, tmp_path: Path) -> None:
    target = tmp_path / "out.png"
    render_png_file(SMALL_SVG, 64, target)
    image = QImage(str(target))
    assert (image.width(), image.height()) == (64, 64)
    assert image.pixelColor(32, 32).name() == "#00ff00"
    assert image.pixelColor(32, 4).alpha() == 0  # 2:1 drawn centred, aspect kept


@pytest.mark.parametrize("size", [0, 15, 4097])
def test_render_image_refuses_absurd_sizes(qapp, size: int) -> None:
    with pytest.raises(ValueError):
        render_image(SMALL_SVG, size)


def test_png_bytes_round_trip(qapp) -> None:
    data = png_bytes(render_image(SMALL_SVG, 20))
    assert data.startswith(b"\x89PNG")
    assert QImage.fromData(QByteArray(data)).width() == 20
