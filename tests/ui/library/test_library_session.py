"""Opening the library in the background and checking it against the library folder."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.core.library.test_library import corrupt, illustration
from weshape_desktop.core.library import LibraryQuery, LibraryStore, check_existing
from weshape_desktop.ui.library import LibraryCheck, LibrarySession
from weshape_desktop.ui.tasks import TaskRunner


def open_session(
    qtbot, tasks: TaskRunner, db: Path, folder: Path, *, opens: int = 1
) -> LibraryCheck:
    """Open the library and wait for its checks; `opens` = 2 when damage the header check can't
    see is found after it is shown (shown, then shown rebuilt)."""
    session = LibrarySession(tasks, db, folder, parent=tasks)
    session.opened.connect(lambda _store: session.run_checks())  # no view to wait for
    opened: list[LibraryStore] = []
    session.opened.connect(opened.append)
    with qtbot.waitSignal(session.checked, timeout=10_000) as blocker:
        session.open()
    assert session.is_settled() and len(opened) == opens and opened[-1] is session.store
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


def damage_table(db: Path, table: str) -> None:
    """Overwrite the root page of `table` with garbage; the rest of the database stays readable."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    conn.close()
    with db.open("r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\xde\xad\xbe\xef" * (page_size // 4))


def test_a_damaged_database_is_moved_aside_and_rebuilt_from_the_files(
    qtbot, tasks: TaskRunner, tmp_path: Path
) -> None:
    folder, db = library_with_one_file(tmp_path)
    damage_table(db, "library")  # the entries are lost; the catalog cache names the file
    check = open_session(qtbot, tasks, db, folder, opens=2)
    assert check.recovered_from is not None and check.recovered_from.exists()
    assert (check.reimported, check.missing, check.unknown) == (1, (), ())
    store = LibraryStore(db)
    entries = store.query(LibraryQuery())
    store.close()
    assert [(entry.item.id, entry.path) for entry in entries] == [("kept", "kept.svg")]


def test_files_nothing_can_name_after_a_rebuild_are_offered_for_import(
    qtbot, tasks: TaskRunner, tmp_path: Path
) -> None:
    folder, db = library_with_one_file(tmp_path)
    db.write_bytes(b"this is not a database" * 100)  # not even the catalog cache is left
    check = open_session(qtbot, tasks, db, folder)
    assert check.recovered_from is not None and check.recovered_from.exists()
    assert (check.reimported, check.missing, check.unknown) == (0, (), (folder / "kept.svg",))


def test_an_unusable_folder_fails_with_a_sentence(qtbot, tasks: TaskRunner, tmp_path: Path) -> None:
    blocker_file = tmp_path / "file"
    blocker_file.write_text("x")
    session = LibrarySession(tasks, blocker_file / "library.sqlite3", tmp_path, parent=tasks)
    with qtbot.waitSignal(session.failed, timeout=10_000) as blocker:
        session.open()
    assert "library" in blocker.args[0] and session.is_settled() and session.store is None


def damage_an_index(db: Path) -> None:
    """Point an index at another column than its entries were built from: the quick check
    (which doesn't compare indexes with their tables) passes, `integrity_check` doesn't."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute(
        "UPDATE sqlite_master SET sql = 'CREATE INDEX files_sha256 ON files(format)'"
        " WHERE name = 'files_sha256'"
    )
    conn.commit()
    conn.close()
    assert check_existing(db, "quick") and not check_existing(db, "full")


def test_damage_found_by_the_full_check_rebuilds_at_the_next_start(
    qtbot, tasks: TaskRunner, tmp_path: Path
) -> None:
    folder, db = library_with_one_file(tmp_path)
    damage_an_index(db)
    session = LibrarySession(tasks, db, folder, parent=tasks)
    session.opened.connect(lambda _store: session.run_checks())  # no view to wait for
    with qtbot.waitSignal(session.damaged, timeout=10_000):
        session.open()
    session.close()
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
