"""The rule for deleting removed entries' files: only files strictly inside the library folder."""

from __future__ import annotations

from pathlib import Path

from tests.tmpfs import remount, tmpfs
from weshape_desktop.core.library import delete_library_files


def library_with(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "Library"
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(b"<svg/>")
    return folder


def test_files_inside_are_deleted_and_gone_ones_are_fine(tmp_path: Path) -> None:
    folder = library_with(tmp_path, "a.svg", "sub/b.png", "keep.svg")
    removal = delete_library_files(folder, ["a.svg", "sub/b.png", "already-gone.svg"])
    assert (removal.deleted, removal.failed, removal.outside) == (2, (), ())
    assert sorted(p.name for p in folder.rglob("*") if p.is_file()) == ["keep.svg"]


def test_nothing_outside_the_folder_is_ever_deleted(tmp_path: Path) -> None:
    folder = library_with(tmp_path, "a.svg")
    victim = tmp_path / "victim.txt"
    victim.write_text("mine")
    (folder / "link.svg").symlink_to(victim)
    (folder / "dirlink").symlink_to(tmp_path, target_is_directory=True)
    hostile = ["../victim.txt", str(victim), "link.svg", "dirlink/victim.txt", ".", ""]
    removal = delete_library_files(folder, hostile)
    assert removal.deleted == 0
    assert set(removal.outside) == set(hostile)
    assert victim.read_text() == "mine" and (folder / "a.svg").exists()


def test_a_file_that_cannot_be_deleted_is_reported(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "Library", "size=64k") as folder:
        (folder / "a.svg").write_bytes(b"<svg/>")
        remount(folder, "ro")
        removal = delete_library_files(folder, ["a.svg"])
        assert (removal.deleted, removal.failed) == (0, ("a.svg",))
        assert (folder / "a.svg").exists()
