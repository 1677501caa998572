"""A real reference server per test, over a small catalog whose texts the tests know.

`start_test_server(catalog)` is the one helper; the fixtures below are thin wrappers so a shared
`live_server` fixture can be lifted into tests/conftest.py unchanged.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from weshape_desktop.server.app import create_app
from weshape_desktop.server.catalog_source import Catalog, CatalogEntry
from weshape_desktop.server.runner import ServerThread
from weshape_desktop.server.settings import ServerSettings

SMALL_CATALOG_SIZE = 23

# (en title, ar title, en tags, ar tags) for the first items; the rest are generic.
KNOWN_ITEMS = [
    ("Access denied", "تم رفض الوصول", ["lock", "Security"], ["أمان", "قفل"]),
    ("Name card", "بطاقة إسم", ["identity"], ["هويّة"]),
    ("Cloud upload", "رفع إلى السحابة", ["sync", "100%_done"], ["مكتبة"]),
]
CATEGORIES = {
    "errors": {"en": "Errors", "ar": "أخطاء"},
    "empty": {"en": "Empty states", "ar": "حالات فارغة"},
    "success": {"en": "Success", "ar": "نجاح"},
    "unused": {"en": "Unused", "ar": "غير مستخدمة"},
}
STYLES = {"light": {"en": "Light", "ar": "فاتح"}, "dark": {"en": "Dark", "ar": "داكن"}}


def build_catalog(folder: Path, n: int = SMALL_CATALOG_SIZE) -> Catalog:
    """`n` items with distinct SVG files in `folder`; categories and styles cycle."""
    folder.mkdir(parents=True, exist_ok=True)
    catalog = Catalog(entries=[], categories=dict(CATEGORIES), styles=dict(STYLES))
    for k in range(n):
        if k < len(KNOWN_ITEMS):
            title_en, title_ar, tags_en, tags_ar = KNOWN_ITEMS[k]
        else:
            title_en, title_ar, tags_en, tags_ar = f"Item {k}", f"عنصر {k}", ["generic"], ["عام"]
        svg = (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{100 + k}" height="80">'
            f'<rect width="10" height="10" fill="#e5325d"/><!-- item {k} --></svg>'
        ).encode()
        sha = hashlib.sha256(svg).hexdigest()
        path = folder / f"item-{k}.svg"
        path.write_bytes(svg)
        catalog.files[sha] = path
        catalog.entries.append(
            CatalogEntry(
                id=f"item-{k}",
                title={"en": title_en, "ar": title_ar},
                tags={"en": tags_en, "ar": tags_ar},
                category=("errors", "empty", "success")[k % 3],
                style=("light", "dark")[k % 2],
                accent="#e5325d",
                sha256=sha,
                bytes=len(svg),
                width=100 + k,
                height=80,
                license="MIT",
                updated_at="2026-01-01T00:00:00Z",
            )
        )
    return catalog


def start_test_server(catalog: Catalog, data_dir: Path | None = None) -> ServerThread:
    """A started server over `catalog` on 127.0.0.1 with a free port; stop() it when done.

    Without `data_dir` the database lives in memory."""
    app = create_app(ServerSettings(data_dir=data_dir), catalog=catalog)
    return ServerThread(app).start()


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    return build_catalog(tmp_path / "catalog")


@pytest.fixture
def server_url(catalog: Catalog, tmp_path: Path) -> Iterator[str]:
    server = start_test_server(catalog, tmp_path / "server-data")
    try:
        yield server.url
    finally:
        server.stop()
