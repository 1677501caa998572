"""The FileStore on an S3-API object store (DESIGN §14), `s3://bucket/prefix`.

Objects are keyed `<prefix><sha256>` and uploaded once, when the catalog is imported (a HEAD
first: bytes already there are not sent again). The server then *streams* them at
`/v1/files|previews/…` like the local store, rather than redirecting to a pre-signed URL:
- `/v1/files` is gated and records each download for the account; a pre-signed URL works for
  anyone holding it until it expires, so the gate would only guard the redirect;
- ETag, Range/206/416, If-Range, If-None-Match and the immutable caching headers stay the
  server's own (one implementation, files_api.py), so the app's resume and sha256 checks don't
  depend on how an object store or a CDN in front of it words its answers;
- previews are public and immutable: at scale a CDN caches `/v1/previews/…` forever, which
  takes the load off the server as well as a redirect would.
The price is that file bytes pass through the API process (files are at most 10 MB).

Credentials, region and endpoint come from the standard AWS configuration (AWS_ACCESS_KEY_ID,
AWS_SECRET_ACCESS_KEY, AWS_REGION, AWS_ENDPOINT_URL_S3 …); `endpoint` overrides the endpoint for
an S3-compatible server or an emulator.
"""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import urlsplit

import boto3  # type: ignore[import-untyped]
from botocore.config import Config  # type: ignore[import-untyped]
from botocore.exceptions import BotoCoreError, ClientError  # type: ignore[import-untyped]

from weshape_desktop.server.file_store import SHA256_RE, FileStoreUnavailable, HashMemo

CONTENT_TYPE = "image/svg+xml"
# Fail within seconds when the store is down instead of botocore's minute of retries.
CLIENT_CONFIG = Config(
    connect_timeout=5, read_timeout=30, retries={"mode": "standard", "max_attempts": 3}
)
_MISSING = {"404", "NoSuchKey", "NotFound"}


class S3FileStore:
    """Content-addressed files in one bucket under a key prefix; any thread may call it."""

    def __init__(self, client: Any, bucket: str, prefix: str = "") -> None:
        self.client = client
        self.bucket = bucket
        self.prefix = prefix
        self._memo = HashMemo()  # an object is hashed again only when its ETag changes

    @classmethod
    def from_url(cls, url: str, endpoint: str | None = None) -> S3FileStore:
        """`s3://bucket/prefix` with a client from the standard AWS configuration."""
        parts = urlsplit(url)
        if parts.scheme != "s3" or not parts.netloc:
            raise FileStoreUnavailable(f"The file store {url!r} is not an s3://bucket/prefix URL.")
        prefix = parts.path.strip("/")
        client = boto3.client("s3", endpoint_url=endpoint, config=CLIENT_CONFIG)
        return cls(client, parts.netloc, f"{prefix}/" if prefix else "")

    def __str__(self) -> str:
        return f"s3://{self.bucket}/{self.prefix}"

    def _key(self, sha256: str) -> str:
        return self.prefix + sha256

    def _unavailable(self, exc: Exception) -> FileStoreUnavailable:
        return FileStoreUnavailable(f"The file store {self} can't be used: {exc}")

    def close(self) -> None:
        self.client.close()

    def check(self) -> None:
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except (BotoCoreError, ClientError) as exc:
            raise self._unavailable(exc) from exc

    def get(self, sha256: str) -> bytes | None:
        """The object's bytes if they hash to `sha256` (an object overwritten with other bytes
        is not served under the address); hashed again only when the object's ETag changes."""
        if not SHA256_RE.match(sha256):
            return None
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=self._key(sha256))
            data: bytes = answer["Body"].read()
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in _MISSING:
                return None
            raise self._unavailable(exc) from exc
        except BotoCoreError as exc:
            raise self._unavailable(exc) from exc
        return self._memo.verified(sha256, answer.get("ETag") or None, data, sha256)

    def put(self, data: bytes) -> str:
        """Store `data` unless an object with its sha256 is there already; returns the sha256."""
        sha256 = hashlib.sha256(data).hexdigest()
        key = self._key(sha256)
        try:
            try:
                self.client.head_object(Bucket=self.bucket, Key=key)
                return sha256
            except ClientError as exc:
                if exc.response.get("Error", {}).get("Code") not in _MISSING:
                    raise
            self.client.put_object(Bucket=self.bucket, Key=key, Body=data, ContentType=CONTENT_TYPE)
        except (BotoCoreError, ClientError) as exc:
            raise self._unavailable(exc) from exc
        return sha256
