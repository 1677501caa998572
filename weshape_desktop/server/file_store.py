"""Where file bytes come from, addressed by sha256 (DESIGN §5: an object store can replace it).

Files are content-addressed: the sha256 in the URL is the ETag, and a file on disk is hashed only
when it is new or has changed since it was last checked (`VerifiedFiles`), not on every GET.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import threading
from pathlib import Path
from typing import Protocol

from weshape_desktop.server.catalog_source import Catalog

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")


class FileStore(Protocol):
    def get(self, sha256: str) -> bytes | None:
        """The bytes whose sha256 is `sha256`, or None when the store doesn't have them."""
        ...

    def reachable(self) -> bool:
        """Whether the store can be read at all now (`/v1/health`)."""
        ...


class VerifiedFiles:
    """Reads files that must hold the bytes of a given sha256 (a damaged or edited file must not
    be served under its content address). Each file is hashed once, and again only when its
    size, inode or times change (ctime too: no one can set it back); any thread may call it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._checked: dict[Path, tuple[int, ...]] = {}  # path -> what it was when hashed

    def read(self, path: Path, sha256: str) -> bytes | None:
        """The bytes of `path` if they have this sha256, else None (also when unreadable)."""
        try:
            with path.open("rb") as fh:
                stat = os.fstat(fh.fileno())
                data = fh.read()
        except OSError:
            return None
        seen = (stat.st_size, stat.st_ino, stat.st_mtime_ns, stat.st_ctime_ns)
        with self._lock:
            if self._checked.get(path) == seen and len(data) == stat.st_size:
                return data
        if hashlib.sha256(data).hexdigest() != sha256:
            return None
        with self._lock:
            self._checked[path] = seen
        return data


class CatalogFileStore:
    """Serves the files a loaded catalog points at (its folder, or the synthetic generator)."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._files = VerifiedFiles()
        self._folders = {path.parent for path in catalog.files.values()}

    def reachable(self) -> bool:
        return all(os.access(folder, os.R_OK | os.X_OK) for folder in self._folders)

    def get(self, sha256: str) -> bytes | None:
        if self.catalog.generator is not None:
            return self.catalog.generator(sha256)
        path = self.catalog.files.get(sha256)
        return None if path is None else self._files.read(path, sha256)


class LocalFolderStore:
    """Content-addressed files in a folder: `<root>/ab/cd/<sha256>`, written atomically."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._files = VerifiedFiles()

    def reachable(self) -> bool:
        return os.access(self.root, os.R_OK | os.X_OK)

    def _path(self, sha256: str) -> Path:
        if not SHA256_RE.match(sha256):
            raise ValueError(f"{sha256!r} is not a lowercase hex sha256")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def get(self, sha256: str) -> bytes | None:
        try:
            path = self._path(sha256)
        except ValueError:
            return None
        return self._files.read(path, sha256)

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
