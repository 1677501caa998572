"""Opening the library in the background and checking it against the library folder."""

from __future__ import annotations

from pathlib import Path

from tests.core.library.test_library import corrupt, illustration
from weshape_desktop.core.library import LibraryQuery, LibraryStore, check_existing
from weshape_desktop.ui.library import LibraryCheck, LibrarySession
from weshape_desktop.ui.tasks import TaskRunner


def open_session(qtbot, tasks: TaskRunner, db: Path, folder: Path) -> LibraryCheck:
    session = LibrarySession(tasks, db, folder, parent=tasks)
    session.opened.connect(lambda _store: session.run_checks())  # no view to wait for
    opened: list[LibraryStore] = []
    session.opened.connect(opened.append)
    with qtbot.waitSignal(session.checked, timeout=10_000) as blocker:
        session.open()
    assert session.is_settled() and opened == [session.store]
    check: LibraryCheck = blocker.args[0]
    assert session.check is check
    session.close()
    return check


def library_with_one_file(tmp_path: Path) -> tuple[Path, Path]:
    """A library folder holding kept.svg and a database that records it."""
    folder, db = tmp_path / "Library", tmp_path / "library.sqlite3"
    folder.mkdir()
    data = b"<svg xmlns='http://www.w3.org/2000/svg' width='4' height='4'/>"
    item = illustration("kept", data=data)
    (folder / "kept.svg").write_bytes(data)
    store = LibraryStore(db)
    store.add_entry(item, "kept.svg", item.sha256, "svg", item.bytes)
    store.close()
    return folder, db


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
    folder, db = library_with_one_file(tmp_path)
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


def test_damage_found_by_the_full_check_rebuilds_at_the_next_start(
    qtbot, tasks: TaskRunner, tmp_path: Path, monkeypatch
) -> None:
    from weshape_desktop.core.library import opening as library_opening

    folder, db = library_with_one_file(tmp_path)
    # A damaged index passes quick_check at open and fails integrity_check later: stand in for
    # it by making the full check report damage (SQLite won't corrupt an index on request).
    real = library_opening.check_existing
    monkeypatch.setattr(
        library_opening,
        "check_existing",
        lambda path, check="quick": check != "full" and real(path, check),
    )
    session = LibrarySession(tasks, db, folder, parent=tasks)
    session.opened.connect(lambda _store: session.run_checks())  # no view to wait for
    with qtbot.waitSignal(session.damaged, timeout=10_000):
        session.open()
    session.close()
    monkeypatch.undo()
    check = open_session(qtbot, tasks, db, folder)
    assert check.recovered_from is not None
    reopened = LibraryStore(db)
    assert reopened.recovered_from is None  # rebuilt once, not at every start
    assert [e.item.id for e in reopened.query(LibraryQuery())] == ["kept"]
    reopened.close()


def damaged_inside(db: Path) -> None:
    """Pad the library so its pages go past the header, then overwrite a third of the file:
    the header check still passes, the quick check doesn't."""
    store = LibraryStore(db)
    for n in range(400):
        item = illustration(f"pad{n}", f"padding {n} " + "x" * 200)
        store.add_entry(item, f"pad{n}.svg", item.sha256, "svg", item.bytes)
    store._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    corrupt(db)
    assert check_existing(db, "header") and not check_existing(db, "quick")


def test_the_library_shows_before_its_checks(qtbot, tasks: TaskRunner, tmp_path: Path) -> None:
    folder, db = library_with_one_file(tmp_path)
    (folder / "kept.svg").unlink()
    session = LibrarySession(tasks, db, folder, parent=tasks)
    with qtbot.waitSignal(session.opened, timeout=10_000) as opened:
        session.open()
    assert session.store is opened.args[0]
    tasks.wait_idle()
    assert not session.is_settled()  # the checks wait for the views' first rows
    with qtbot.waitSignal(session.checked, timeout=10_000) as checked:
        session.run_checks()
    assert checked.args[0].missing == ("kept",)
    session.run_checks()  # done already: nothing runs again
    assert tasks.pending() == 1  # the full check, started after the first ones
    tasks.wait_idle()
    session.close()


def test_damage_found_by_the_quick_check_after_opening_is_rebuilt_at_once(
    qtbot, tasks: TaskRunner, tmp_path: Path
) -> None:
    folder, db = library_with_one_file(tmp_path)
    damaged_inside(db)
    session = LibrarySession(tasks, db, folder, parent=tasks)
    session.opened.connect(lambda _store: session.run_checks())  # no view to wait for
    opened: list[LibraryStore] = []
    session.opened.connect(opened.append)
    with qtbot.waitSignals([session.reopening, session.checked], timeout=10_000):
        session.open()
    check = session.check
    assert check is not None
    assert len(opened) == 2 and session.store is opened[1]  # shown, let go of, shown rebuilt
    assert check.recovered_from is not None and check.recovered_from.exists()
    assert check.reimported == 1 and not check.missing  # kept.svg, from the library folder
    assert [e.item.id for e in session.store.query(LibraryQuery())] == ["kept"]
    tasks.wait_idle()
    session.close()
    assert check_existing(db, "full")
