"""The local-folder FileStore: content-addressed, atomic, never serves damaged bytes."""

from __future__ import annotations

import hashlib
from pathlib import Path

from weshape_desktop.server.catalog_source import Catalog
from weshape_desktop.server.file_store import CatalogFileStore, LocalFolderStore


def test_put_then_get(tmp_path: Path) -> None:
    store = LocalFolderStore(tmp_path / "files")
    sha = store.put(b"<svg/>")
    assert sha == hashlib.sha256(b"<svg/>").hexdigest()
    assert store.put(b"<svg/>") == sha  # idempotent
    assert store.get(sha) == b"<svg/>"
    assert (tmp_path / "files" / sha[:2] / sha[2:4] / sha).is_file()
    assert not list((tmp_path / "files").rglob(".part-*"))


def test_missing_damaged_or_malformed_is_none(tmp_path: Path) -> None:
    store = LocalFolderStore(tmp_path)
    sha = store.put(b"original")
    (tmp_path / sha[:2] / sha[2:4] / sha).write_bytes(b"tampered")
    assert store.get(sha) is None
    assert store.get("0" * 64) is None
    assert store.get("../../etc/passwd") is None


def test_catalog_store_serves_catalog_files(catalog: Catalog) -> None:
    entry = catalog.entries[0]
    store = CatalogFileStore(catalog)
    assert store.get(entry.sha256) == catalog.files[entry.sha256].read_bytes()
    assert store.get("f" * 64) is None
