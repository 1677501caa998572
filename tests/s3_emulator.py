"""An S3 API for tests: moto's standalone server (the S3 wire protocol over HTTP on 127.0.0.1),
an emulator, not a real object store — no S3-compatible server is installable here.

`s3_endpoint` is session-wide (moto starts in 0.6 s); each test gets its own bucket through
`new_bucket`. A test must ask for `s3_endpoint` as a fixture argument, not start it midway: the
leftover-thread check would count the emulator's thread as the test's. `file_store_settings`
gives the ServerSettings fields that put a test server's files in the catalog folder, a local
folder or a bucket.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto.server import ThreadedMotoServer

from weshape_desktop.server.s3_store import CLIENT_CONFIG

FILE_STORE_KINDS = ["catalog", "folder", "s3"]
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "emulator",
    "AWS_SECRET_ACCESS_KEY": "emulator",
    "AWS_DEFAULT_REGION": "us-east-1",
}


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """The emulator's URL; the AWS_* variables the server's boto3 client reads point at it."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    with pytest.MonkeyPatch.context() as env:
        for name, value in CREDENTIALS.items():
            env.setenv(name, value)
        try:
            yield f"http://{host}:{port}"
        finally:
            server.stop()


def s3_client(endpoint: str) -> Any:
    """A client of the emulator; close() it when done (keep-alive connections hold threads)."""
    return boto3.client("s3", endpoint_url=endpoint, config=CLIENT_CONFIG)


def new_bucket(endpoint: str) -> str:
    """A fresh, empty bucket's name."""
    name = f"weshape-{uuid.uuid4().hex[:12]}"
    client = s3_client(endpoint)
    try:
        client.create_bucket(Bucket=name)
    finally:
        client.close()
    return name


def file_store_settings(kind: str, folder: Path, endpoint: str) -> dict[str, Any]:
    """ServerSettings fields for a server whose files live in `kind` (FILE_STORE_KINDS): in
    `folder`, or a new bucket on the emulator at `endpoint`."""
    if kind == "folder":
        return {"files": str(folder)}
    if kind == "s3":
        return {"files": f"s3://{new_bucket(endpoint)}/catalog", "s3_endpoint": endpoint}
    return {}
