"""What the reliability tests share: a catalog with small and large files, served by the real
server, and the checks that the library folder and database are sound."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from tests.core.downloads.support import Served, serve
from weshape_desktop.core.downloads.queue import PARTS_DIR
from weshape_desktop.core.library import LibraryQuery, LibraryStore
from weshape_desktop.core.svg import sanitize_svg

SEED = int(os.environ.get("WESHAPE_RELIABILITY_SEED", "20261207"))
REPLAY = f"seed {SEED} (replay with WESHAPE_RELIABILITY_SEED={SEED})"


def big_svg(n: int) -> bytes:
    """~300 kB: past the queue's in-memory hold, so its part file is written as it arrives."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{10 + n}" height="10"><!-- '.encode()
        + b"x" * 300_000
        + b' --><rect width="5" height="5"/></svg>'
    )


def serve_mixed(folder: Path, small: int, big: int) -> Iterator[Served]:
    """The real server with `small` generated items and `big` large ones ("big-N")."""
    yield from serve(folder, small, {f"big-{n}": big_svg(n) for n in range(big)})


def stored_forms(served: Served) -> dict[str, bytes]:
    """What the library file of each item must hold: its sanitised SVG, by item id."""
    return {entry.id: sanitize_svg(served.blob(entry.sha256)) for entry in served.catalog.entries}


def visible_files(library: Path) -> dict[str, bytes]:
    """The library folder's files, as a person sees them (the parts folder aside)."""
    return {p.name: p.read_bytes() for p in library.iterdir() if p.name != PARTS_DIR}


def assert_no_bad_visible_file(library: Path, forms: dict[str, bytes], context: str) -> None:
    """Every file in the library folder is a whole, sanitised catalog file."""
    whole = set(forms.values())
    for name, data in visible_files(library).items():
        assert data in whole, f"{context}: {name} is partial or corrupt ({len(data)} bytes)"


def assert_database_sound(database: Path, library: Path, context: str) -> dict[str, bytes]:
    """`integrity_check` is ok and every entry's files are there with their sha256; returns
    the entries' SVG files by item id."""
    with sqlite3.connect(database) as conn:
        result = conn.execute("PRAGMA integrity_check").fetchall()
    conn.close()
    assert result == [("ok",)], f"{context}: integrity_check says {result}"
    store = LibraryStore(database)
    try:
        assert store.recovered_from is None, f"{context}: the database had to be rebuilt"
        entries = store.entries(store.query_ids(LibraryQuery()))
    finally:
        store.close()
    found = {}
    for entry in entries:
        for file in entry.files:
            path = library / file.path
            assert path.is_file(), f"{context}: {entry.item.id}'s file {file.path} is missing"
            data = path.read_bytes()
            assert hashlib.sha256(data).hexdigest() == file.sha256, f"{context}: {file.path}"
            found[entry.item.id] = data
    return found
