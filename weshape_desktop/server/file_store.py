"""Where file bytes come from, addressed by sha256 (DESIGN §5: an object store can replace it)."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import Protocol

from weshape_desktop.server.catalog_source import Catalog

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")


class FileStore(Protocol):
    def get(self, sha256: str) -> bytes | None:
        """The bytes whose sha256 is `sha256`, or None when the store doesn't have them."""
        ...


class CatalogFileStore:
    """Serves the files a loaded catalog points at (its folder, or the synthetic generator)."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def get(self, sha256: str) -> bytes | None:
        return self.catalog.blob(sha256)


class LocalFolderStore:
    """Content-addressed files in a folder: `<root>/ab/cd/<sha256>`, written atomically."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, sha256: str) -> Path:
        if not SHA256_RE.match(sha256):
            raise ValueError(f"{sha256!r} is not a lowercase hex sha256")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def get(self, sha256: str) -> bytes | None:
        try:
            data = self._path(sha256).read_bytes()
        except (OSError, ValueError):
            return None
        # A damaged file must not be served under its content address.
        return data if hashlib.sha256(data).hexdigest() == sha256 else None

    def put(self, data: bytes) -> str:
        """Store `data`; returns its sha256. Storing the same bytes twice is a no-op."""
        sha256 = hashlib.sha256(data).hexdigest()
        path = self._path(sha256)
        if path.is_file():
            return sha256
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".part-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return sha256
