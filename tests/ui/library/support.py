"""Real libraries for the library view tests: the sample catalog's SVG files copied into a library
folder and recorded in a real LibraryStore, or many synthetic entries for scale."""

from __future__ import annotations

import shutil
from pathlib import Path

from weshape_desktop.core.library import LibraryStore, NewFile
from weshape_desktop.core.models import Illustration
from weshape_desktop.core.paths import AppPaths
from weshape_desktop.server.catalog_source import load_catalog


def sample_items(count: int) -> list[tuple[Illustration, Path]]:
    """The first `count` sample illustrations (the plain light style first: distinct drawings
    that read well on white), each with its SVG file in resources/."""
    catalog = load_catalog()
    order = {"light": 0, "light-hc": 1}
    entries = sorted(catalog.entries, key=lambda e: (order.get(e.style, 2), e.id))[:count]
    out = []
    for e in entries:
        data = {**e.__dict__, "tags": e.tags, "title": e.title}
        out.append((Illustration.from_json(data), catalog.files[e.sha256]))
    return out


def fill_library(store: LibraryStore, library_dir: Path, count: int) -> list[Illustration]:
    """Copy `count` sample SVGs into `library_dir` and record them, oldest first."""
    library_dir.mkdir(parents=True, exist_ok=True)
    items = []
    for item, source in sample_items(count):
        rel = f"{item.id}.svg"
        shutil.copyfile(source, library_dir / rel)
        # One call per file: each gets its own added_at, so "newest first" is well defined.
        store.add_entries([NewFile(item, rel, item.sha256, "svg", item.bytes)])
        items.append(item)
    return items


def fill_app_library(count: int) -> list[Illustration]:
    """`count` sample illustrations in the app's own library (this test's WESHAPE_HOME), put
    there before a window opens it."""
    paths = AppPaths.resolve().ensure()
    store = LibraryStore(paths.library_db)
    try:
        return fill_library(store, paths.default_library_dir, count)
    finally:
        store.close()


def synthetic_item(i: int) -> Illustration:
    return Illustration(
        id=f"syn-{i:06d}",
        title={"en": f"Synthetic {i:06d}", "ar": f"رسم {i:06d}"},
        tags={"en": ("synthetic",), "ar": ("اصطناعي",)},
        category="data",
        style="light",
        accent="#6c5ce7",
        sha256=f"{i:064x}",
        bytes=1000,
        width=100,
        height=100,
        license="MIT",
        updated_at="2024-01-01T00:00:00Z",
    )


def fill_synthetic(store: LibraryStore, count: int) -> None:
    """`count` entries recorded with PNG files only (their previews come from the server)."""
    store.add_entries(
        NewFile(item, f"{item.id}.png", item.sha256, "png", 1000, 256)
        for item in map(synthetic_item, range(count))
    )
