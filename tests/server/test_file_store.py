"""The local-folder FileStore: content-addressed, atomic, never serves damaged bytes."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.server.conftest import same_on_every_engine
from tests.server.test_runner_cli import run_cli
from weshape_desktop.server import file_store
from weshape_desktop.server.__main__ import READY_PREFIX as READY
from weshape_desktop.server.catalog_source import Catalog, load_catalog
from weshape_desktop.server.file_store import CatalogFileStore, LocalFolderStore

pytestmark = same_on_every_engine  # no database involved


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


def count_hashing(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every sha256 the file stores compute, by the number of bytes hashed."""
    hashed: list[int] = []
    real = hashlib.sha256

    def counting(data: bytes = b"", **kwargs: Any) -> Any:
        hashed.append(len(data))
        return real(data, **kwargs)

    monkeypatch.setattr(file_store.hashlib, "sha256", counting)
    return hashed


def test_a_file_is_hashed_when_new_or_changed_not_on_every_get(
    tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = LocalFolderStore(tmp_path / "files")
    sha = store.put(b"<svg>original</svg>")
    hashed = count_hashing(monkeypatch)
    assert [store.get(sha) for _ in range(3)] == [b"<svg>original</svg>"] * 3
    assert len(hashed) == 1, "once, not per GET"

    # replaced by other bytes of the same size and modification time (even the same inode)
    path = tmp_path / "files" / sha[:2] / sha[2:4] / sha
    stat = path.stat()
    path.unlink()
    path.write_bytes(b"<svg>tampered</svg>")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert store.get(sha) is None and store.get(sha) is None
    assert len(hashed) == 3, "a changed file is hashed again, every time it doesn't match"

    entry = catalog.entries[0]
    catalog_store = CatalogFileStore(catalog)
    hashed.clear()
    assert catalog_store.get(entry.sha256) == catalog_store.get(entry.sha256) is not None
    assert len(hashed) == 1


def test_server_processes_started_together_share_one_folder(tmp_path: Path) -> None:
    """Both copy the sample into the folder at once (temporary files renamed into place)."""
    files = tmp_path / "files"
    processes = [
        run_cli("--demo", "--port", "0", "--files", str(files), "--no-download-gate",
                "--data", str(tmp_path / f"data-{n}"))
        for n in range(2)
    ]  # fmt: skip
    try:
        urls = [p.stdout.readline().removeprefix(READY).strip() for p in processes if p.stdout]
        items = requests.get(f"{urls[0]}/v1/catalog", params={"limit": 200}, timeout=30)
        for item in items.json()["items"]:
            for url in urls:
                data = requests.get(f"{url}/v1/files/{item['sha256']}", timeout=30).content
                assert hashlib.sha256(data).hexdigest() == item["sha256"]
    finally:
        for process in processes:
            process.terminate()
            process.communicate(timeout=30)
    assert not list(files.rglob(".part-*"))
    assert len([p for p in files.rglob("*") if p.is_file()]) == len(load_catalog().files)
