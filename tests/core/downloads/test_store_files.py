"""Storing a file in the library folder (core.downloads.files): an unnamed file named once it is
whole (Linux's O_TMPFILE), or a temp file renamed where the file system has no unnamed files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from weshape_desktop.core.downloads.files import DownloadFolder


@pytest.mark.parametrize("unnamed", [True, False], ids=["unnamed-file", "temp-file"])
def test_a_stored_file_gets_a_free_name_and_nothing_is_left_behind(
    tmp_path: Path, unnamed: bool
) -> None:
    library = tmp_path / "library"
    library.mkdir()
    folder = DownloadFolder(library)
    folder.make_parts_dir()
    assert folder.unnamed_files, "Linux with /proc: unnamed files"
    folder.unnamed_files = unnamed

    first = folder.store(b"<svg>a</svg>", "Cat", "item-1", "svg")
    again = folder.store(b"<svg>a</svg>", "Cat", "item-1", "svg")
    other = folder.store(b"<svg>b</svg>", "Cat", "item-1", "svg")

    assert first == again == library / "Cat-item-1.svg", "identical bytes keep their name"
    assert other == library / "Cat (2)-item-1.svg"
    assert (first.read_bytes(), other.read_bytes()) == (b"<svg>a</svg>", b"<svg>b</svg>")
    assert sorted(library.iterdir()) == sorted([first, other, folder.parts_dir])
    assert list(folder.parts_dir.iterdir()) == []
    umask = os.umask(0)
    os.umask(umask)
    assert first.stat().st_mode & 0o777 == 0o644 & ~umask
