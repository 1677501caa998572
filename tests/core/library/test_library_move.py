"""Moving the library folder: copy, verify, then switch — never half-moved."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.tmpfs import tmpfs
from weshape_desktop.core.errors import (
    LibraryMoveCancelledError,
    LibraryMoveFailedError,
    LibraryMoveTargetError,
)
from weshape_desktop.core.library import library_files, move_library


def make_library(folder: Path, files: int = 6, size: int = 20_000) -> dict[Path, bytes]:
    contents = {}
    for n in range(files):
        rel = Path(f"category-{n % 2}") / f"illustration-{n}.svg"
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        data = os.urandom(size)
        (folder / rel).write_bytes(data)
        contents[rel] = data
    return contents


def contents_of(folder: Path) -> dict[Path, bytes]:
    return {rel: (folder / rel).read_bytes() for rel in library_files(folder)}


def test_files_move_with_progress_and_the_old_folder_empties(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new" / "weShape"
    contents = make_library(old)
    seen: list[tuple[int, int]] = []
    assert move_library(old, new, lambda done, total: seen.append((done, total))) == 6
    assert contents_of(new) == contents
    assert library_files(old) == [] and list(old.iterdir()) == []
    assert seen == [(n, 6) for n in range(1, 7)]


@pytest.mark.parametrize("where", ["inside", "same", "parent", "not empty"])
def test_a_target_that_would_mix_libraries_is_refused(tmp_path: Path, where: str) -> None:
    old = tmp_path / "old"
    contents = make_library(old, files=2)
    target = {
        "inside": old / "sub",
        "same": old,
        "parent": tmp_path,
        "not empty": tmp_path / "busy",
    }[where]
    if where == "not empty":
        target.mkdir()
        (target / "mine.txt").write_text("someone's file")
    with pytest.raises(LibraryMoveTargetError):
        move_library(old, target)
    assert contents_of(old) == contents


def test_cancel_halfway_removes_the_copies_and_keeps_the_library(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    contents = make_library(old)
    copied: list[int] = []
    with pytest.raises(LibraryMoveCancelledError):
        move_library(old, new, lambda done, total: copied.append(done), lambda: len(copied) >= 3)
    assert copied == [1, 2, 3]
    assert contents_of(old) == contents
    assert not new.exists()  # it was made for the move, so it goes too


def test_a_full_disk_halfway_removes_the_copies_and_keeps_the_library(tmp_path: Path) -> None:
    old = tmp_path / "old"
    contents = make_library(old, files=6, size=40_000)
    with tmpfs(tmp_path / "small", "size=128k") as small:
        with pytest.raises(LibraryMoveFailedError) as caught:
            move_library(old, small / "weShape")
        assert "still in its old folder" in caught.value.english()
        assert list(small.iterdir()) == []
    assert contents_of(old) == contents


def test_a_read_only_target_changes_nothing(tmp_path: Path) -> None:
    old = tmp_path / "old"
    contents = make_library(old, files=2)
    with tmpfs(tmp_path / "ro", "ro") as read_only, pytest.raises(LibraryMoveFailedError):
        move_library(old, read_only / "weShape")
    assert contents_of(old) == contents


def test_a_copy_that_differs_from_its_original_stops_the_move(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    contents = make_library(old, files=2)
    # Every read of this kernel file gives another answer, as a failing drive might.
    (old / "changing.svg").symlink_to("/proc/sys/kernel/random/uuid")
    with pytest.raises(LibraryMoveFailedError):
        move_library(old, new)
    assert not new.exists()
    assert {rel: data for rel, data in contents_of(old).items() if rel in contents} == contents
