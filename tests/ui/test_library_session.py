"""Opening the library in the background and checking it against the library folder."""

from __future__ import annotations

from pathlib import Path

from tests.core.test_library import illustration
from weshape_desktop.core.library import LibraryStore
from weshape_desktop.ui.library_session import LibraryCheck, LibrarySession
from weshape_desktop.ui.tasks import TaskRunner


def open_session(qtbot, tasks: TaskRunner, db: Path, folder: Path) -> LibraryCheck:
    session = LibrarySession(tasks, db, folder, parent=tasks)
    with qtbot.waitSignal(session.opened, timeout=10_000) as blocker:
        session.open()
    assert session.is_settled() and session.store is blocker.args[0].store
    check: LibraryCheck = blocker.args[0]
    session.close()
    return check


def test_a_new_library_is_created_with_its_folder(qtbot, tasks: TaskRunner, tmp_path: Path) -> None:
    check = open_session(qtbot, tasks, tmp_path / "db" / "library.sqlite3", tmp_path / "Library")
    assert (tmp_path / "Library").is_dir()
    assert check.recovered_from is None and not check.missing and not check.unknown


def test_missing_and_unknown_files_are_reported(qtbot, tasks: TaskRunner, tmp_path: Path) -> None:
    folder, db = tmp_path / "Library", tmp_path / "library.sqlite3"
    folder.mkdir()
    store = LibraryStore(db)
    gone = illustration("gone")
    store.add_entry(gone, "gone.svg", gone.sha256, "svg", gone.bytes)
    store.close()
    (folder / "stray.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    check = open_session(qtbot, tasks, db, folder)
    assert check.missing == ("gone",)
    assert check.unknown == (folder / "stray.svg",)


def test_a_damaged_database_is_moved_aside_and_rebuilt_from_the_files(
    qtbot, tasks: TaskRunner, tmp_path: Path
) -> None:
    folder, db = tmp_path / "Library", tmp_path / "library.sqlite3"
    folder.mkdir()
    data = b"<svg xmlns='http://www.w3.org/2000/svg' width='4' height='4'/>"
    item = illustration("kept", data=data)
    (folder / "kept.svg").write_bytes(data)
    store = LibraryStore(db)
    store.add_entry(item, "kept.svg", item.sha256, "svg", item.bytes)
    store.close()
    db.write_bytes(b"this is not a database" * 100)
    check = open_session(qtbot, tasks, db, folder)
    assert check.recovered_from is not None and check.recovered_from.exists()
    assert not check.missing


def test_an_unusable_folder_fails_with_a_sentence(qtbot, tasks: TaskRunner, tmp_path: Path) -> None:
    blocker_file = tmp_path / "file"
    blocker_file.write_text("x")
    session = LibrarySession(tasks, blocker_file / "library.sqlite3", tmp_path, parent=tasks)
    with qtbot.waitSignal(session.failed, timeout=10_000) as blocker:
        session.open()
    assert "library" in blocker.args[0] and session.is_settled() and session.store is None
