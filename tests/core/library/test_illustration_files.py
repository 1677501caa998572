"""Finding, reading and exporting library files: real folders, real file systems (tmpfs)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.sample_entries import ACCESS_DENIED, entry
from tests.tmpfs import tmpfs
from weshape_desktop.core.errors import (
    DiskFullError,
    ExportFailedError,
    ExportNotWritableError,
    LibraryFileMissingError,
    NoSvgFileError,
    UnsafeLibraryFileError,
)
from weshape_desktop.core.library import (
    entry_paths,
    entry_svg_path,
    export_file_name,
    read_entry_svg,
    write_export,
)

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>'
PNG = b"\x89PNG\r\n\x1a\nnot really"


def test_entry_paths_newest_first_and_never_outside_the_folder(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    e = entry(library, files=(("a.svg", SVG), ("b.png", PNG)))
    assert entry_paths(e, library) == [library.resolve() / "b.png", library.resolve() / "a.svg"]
    assert entry_svg_path(e, library) == library.resolve() / "a.svg"

    (tmp_path / "secret.svg").write_bytes(SVG)
    sneaky = replace(e, path="../secret.svg", files=())
    assert entry_paths(sneaky, library) == []
    absolute = replace(e, path=str(tmp_path / "secret.svg"), files=())
    assert entry_svg_path(absolute, library) is None


def test_read_entry_svg_gives_the_sanitised_file(tmp_path: Path) -> None:
    e = entry(tmp_path)
    assert e.path is not None
    assert read_entry_svg(e, tmp_path) == (tmp_path / e.path).read_bytes()


def test_read_entry_svg_strips_what_was_slipped_into_the_folder(tmp_path: Path) -> None:
    hostile = b'<svg xmlns="http://www.w3.org/2000/svg" onload="x()"><script>x()</script></svg>'
    e = entry(tmp_path, files=(("x.svg", hostile),))
    clean = read_entry_svg(e, tmp_path)
    assert b"script" not in clean and b"onload" not in clean


def test_read_entry_svg_refuses_entities_with_a_sentence(tmp_path: Path) -> None:
    xxe = b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>'
    e = entry(tmp_path, files=(("x.svg", xxe),))
    with pytest.raises(UnsafeLibraryFileError) as caught:
        read_entry_svg(e, tmp_path)
    assert caught.value.english().startswith("“Access denied” can't be used because its file")


def test_read_entry_svg_says_what_is_missing(tmp_path: Path) -> None:
    with pytest.raises(NoSvgFileError):
        read_entry_svg(entry(tmp_path, files=()), tmp_path)
    with pytest.raises(NoSvgFileError):
        read_entry_svg(entry(tmp_path, files=(("p.png", PNG),)), tmp_path)
    e = entry(tmp_path)
    assert e.path is not None
    (tmp_path / e.path).unlink()
    with pytest.raises(LibraryFileMissingError) as caught:
        read_entry_svg(e, tmp_path, lang="ar")
    assert "تم رفض الوصول" in caught.value.english()
    assert e.path in caught.value.english()


def test_export_file_names(tmp_path: Path) -> None:
    e = entry(tmp_path)
    assert export_file_name(e, "svg") == f"Access denied-{ACCESS_DENIED}.svg"
    assert export_file_name(e, "png", 512) == f"Access denied-{ACCESS_DENIED} 512px.png"
    assert export_file_name(e, "png", 64, "#00AA11") == (
        f"Access denied-{ACCESS_DENIED} 64px 00aa11.png"
    )
    assert export_file_name(entry(tmp_path, files=()), "svg") == (
        f"Access denied-{ACCESS_DENIED}.svg"
    )


def test_write_export_replaces_atomically(tmp_path: Path) -> None:
    target = tmp_path / "out.svg"
    target.write_bytes(b"old")
    write_export(target, SVG)
    assert target.read_bytes() == SVG
    assert [p.name for p in tmp_path.iterdir()] == ["out.svg"]


def test_write_export_into_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(ExportFailedError) as caught:
        write_export(tmp_path / "gone" / "out.svg", SVG)
    assert "No such file or directory." in caught.value.english()


def test_write_export_to_a_full_disk_leaves_nothing_behind(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "small", "size=64k") as folder:
        with pytest.raises(DiskFullError):
            write_export(folder / "big.png", b"x" * 200_000)
        assert list(folder.iterdir()) == []


def test_write_export_to_a_read_only_folder(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "read-only", "ro") as folder:
        with pytest.raises(ExportNotWritableError) as caught:
            write_export(folder / "out.svg", SVG)
        assert str(folder) in caught.value.english()
