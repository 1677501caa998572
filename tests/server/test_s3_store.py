"""The S3 FileStore against moto's S3 emulator: uploaded once, never serves other bytes under an
address, and an unreachable store is a clear error — at startup, in check(), and per GET."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlalchemy as sa

from tests.s3_emulator import new_bucket, s3_client
from tests.scripted_http import refused_url
from tests.server.conftest import CHEAP_HASHING, build_catalog, database_url, start_test_server
from tests.server.test_file_store import count_hashing
from tests.server.test_runner_cli import run_cli, serving
from weshape_desktop.server.app import create_app
from weshape_desktop.server.catalog_source import load_catalog
from weshape_desktop.server.file_store import FileStoreUnavailable, LocalFolderStore
from weshape_desktop.server.s3_store import S3FileStore
from weshape_desktop.server.settings import ServerSettings


@pytest.fixture
def store(s3_endpoint: str) -> Iterator[S3FileStore]:
    s3 = S3FileStore(s3_client(s3_endpoint), new_bucket(s3_endpoint), "files/")
    yield s3
    s3.close()


def count_puts(store: S3FileStore) -> list[str]:
    """The keys of every PutObject the store's client sends from now on."""
    keys: list[str] = []
    store.client.meta.events.register(
        "before-call.s3.PutObject", lambda params, **_: keys.append(params["url_path"])
    )
    return keys


def test_put_uploads_once_then_get_serves_the_bytes(store: S3FileStore) -> None:
    puts = count_puts(store)
    sha = store.put(b"<svg/>")
    assert sha == hashlib.sha256(b"<svg/>").hexdigest()
    assert store.put(b"<svg/>") == sha
    assert len(puts) == 1 and puts[0].endswith(f"/files/{sha}"), "a HEAD found it the 2nd time"
    assert store.get(sha) == b"<svg/>"
    assert store.get("0" * 64) is None
    assert store.get("../../etc/passwd") is None
    store.check()


def test_an_object_is_hashed_once_and_again_only_when_overwritten(
    store: S3FileStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    sha = store.put(b"original")
    hashed = count_hashing(monkeypatch)
    assert [store.get(sha) for _ in range(3)] == [b"original"] * 3
    assert len(hashed) == 1, "once, not per GET"
    store.client.put_object(Bucket=store.bucket, Key=f"files/{sha}", Body=b"tampered")
    assert store.get(sha) is None, "other bytes under the address are refused"
    assert len(hashed) == 2


def test_an_unreachable_store_or_missing_bucket_says_so(s3_endpoint: str, tmp_path: Path) -> None:
    for url, endpoint in (("s3://weshape/files", refused_url()), ("s3://absent", s3_endpoint)):
        store = S3FileStore.from_url(url, endpoint)
        try:
            with pytest.raises(FileStoreUnavailable, match=f"The file store {url}/? can't be"):
                store.check()
            with pytest.raises(FileStoreUnavailable):
                store.get("a" * 64)
        finally:
            store.close()
    with pytest.raises(FileStoreUnavailable, match="can't be read"):
        LocalFolderStore(tmp_path / "absent").check()
    with pytest.raises(FileStoreUnavailable, match="not an s3://bucket/prefix URL"):
        S3FileStore.from_url("s3:///prefix")


def s3_settings(endpoint: str, bucket: str, **fields: Any) -> ServerSettings:
    return ServerSettings(
        files=f"s3://{bucket}/catalog", s3_endpoint=endpoint, **CHEAP_HASHING, **fields
    )


def test_the_server_does_not_start_on_an_unreachable_store(
    s3_endpoint: str, tmp_path: Path
) -> None:
    catalog = build_catalog(tmp_path / "catalog", 3)
    with pytest.raises(FileStoreUnavailable, match="s3://absent/catalog"):
        create_app(s3_settings(s3_endpoint, "absent"), catalog=catalog)
    args = ("--files", "s3://absent/catalog", "--s3-endpoint", s3_endpoint)
    process = run_cli(*args, "--port", "0", "--data", str(tmp_path / "data"))
    out, err = process.communicate(timeout=60)
    assert process.returncode == 2 and out == ""
    assert "weshape-server: The file store s3://absent/catalog/ can't be used" in err


def test_the_cli_serves_the_sample_from_a_bucket(s3_endpoint: str, tmp_path: Path) -> None:
    bucket = new_bucket(s3_endpoint)
    args = ("--files", f"s3://{bucket}/sample", "--s3-endpoint", s3_endpoint)
    with serving(*args, "--demo", "--no-download-gate", "--data", str(tmp_path)) as cli:
        item = requests.get(f"{cli.url}/v1/catalog", timeout=30).json()["items"][0]
        data = requests.get(f"{cli.url}/v1/files/{item['sha256']}", timeout=30).content
    assert hashlib.sha256(data).hexdigest() == item["sha256"]
    client = s3_client(s3_endpoint)
    try:
        keys = client.list_objects_v2(Bucket=bucket, Prefix="sample/")["KeyCount"]
    finally:
        client.close()
    assert keys == len(set(load_catalog().files))


def imported_ids(data_dir: Path) -> list[str]:
    engine = sa.create_engine(database_url(data_dir))
    try:
        with engine.connect() as conn:
            ids = conn.execute(sa.text("SELECT id FROM illustrations ORDER BY position")).scalars()
            return list(ids)
    finally:
        engine.dispose()


def test_a_failed_upload_leaves_the_imported_catalog_as_it_was(
    s3_endpoint: str, tmp_path: Path
) -> None:
    bucket, data = new_bucket(s3_endpoint), tmp_path / "data"
    before = build_catalog(tmp_path / "before", 3)
    start_test_server(before, data, files=f"s3://{bucket}/catalog", s3_endpoint=s3_endpoint).stop()
    after = build_catalog(tmp_path / "after", 6)
    after.files[after.entries[5].sha256].unlink()  # its upload fails
    with pytest.raises(FileStoreUnavailable):
        create_app(
            s3_settings(s3_endpoint, bucket, data_dir=data, db_url=database_url(data)),
            catalog=after,
        )
    assert imported_ids(data) == [entry.id for entry in before.entries]


def test_a_store_gone_while_serving_is_a_503(s3_endpoint: str, tmp_path: Path) -> None:
    catalog, bucket = build_catalog(tmp_path / "catalog", 2), new_bucket(s3_endpoint)
    server = start_test_server(catalog, files=f"s3://{bucket}/catalog", s3_endpoint=s3_endpoint)
    preview = f"{server.url}/v1/previews/{catalog.entries[0].sha256}"
    client = s3_client(s3_endpoint)
    try:
        assert requests.get(preview, timeout=10).status_code == 200
        objects = client.list_objects_v2(Bucket=bucket)["Contents"]
        client.delete_objects(
            Bucket=bucket, Delete={"Objects": [{"Key": o["Key"]} for o in objects]}
        )
        client.delete_bucket(Bucket=bucket)
        response = requests.get(preview, timeout=30)
    finally:
        client.close()
        server.stop()
    assert response.status_code == 503 and response.headers["Retry-After"] == "30"
    assert response.json()["error"] == "store_unavailable"
