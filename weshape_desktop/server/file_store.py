"""Where file bytes come from, addressed by sha256 (DESIGN §5: an object store can replace it).

Files are content-addressed: the sha256 in the URL is the ETag, and a file on disk is hashed only
when it is new or has changed since it was last checked (`VerifiedFiles`), not on every GET.
Three stores: the loaded catalog's own files (the default), a local folder and an S3 bucket
(s3_store.py); the last two are filled by `publish_catalog_files` before the catalog is imported.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Protocol

from weshape_desktop.server.catalog_source import Catalog

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
PUBLISH_THREADS = 8  # uploads to an object store are round trips: overlap them


class FileStoreUnavailable(OSError):
    """The store can't be reached or refuses us (down, wrong credentials, no such bucket)."""


class FileStore(Protocol):
    def get(self, sha256: str) -> bytes | None:
        """The bytes whose sha256 is `sha256`, or None when the store doesn't have them.
        Raises FileStoreUnavailable when the store can't be asked."""
        ...

    def check(self) -> None:
        """Raise FileStoreUnavailable, saying why, unless the store can be used now."""
        ...

    def close(self) -> None:
        """Release connections (the app calls it when it shuts down)."""
        ...


class WritableFileStore(FileStore, Protocol):
    def put(self, data: bytes) -> str:
        """Store `data` (a no-op when the store has it already); returns its sha256."""
        ...


def publish_catalog_files(store: WritableFileStore, catalog: Catalog) -> int:
    """Put every file of `catalog` into `store`; the number of files. Call it before the
    catalog is imported: when it raises (FileStoreUnavailable, or a catalog file unreadable),
    no item may point at a file the store lacks."""
    shas = sorted({entry.sha256 for entry in catalog.entries})

    def publish(sha256: str) -> None:
        data = catalog.blob(sha256)
        if data is None:
            raise FileStoreUnavailable(f"The catalog file with sha256 {sha256} can't be read.")
        store.put(data)

    with ThreadPoolExecutor(PUBLISH_THREADS, thread_name_prefix="publish") as pool:
        for _ in pool.map(publish, shas):  # re-raises the first failure
            pass
    return len(shas)


class HashMemo:
    """Checks bytes against their sha256, remembering which version of them matched (a file's
    stat, an object's ETag) so unchanged bytes are hashed once, not on every GET; any thread
    may call it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._matched: dict[object, object] = {}  # key -> the version whose bytes matched

    def verified(self, key: object, version: object, data: bytes, sha256: str) -> bytes | None:
        """`data` if it hashes to `sha256` (known when `version` of `key` matched before)."""
        with self._lock:
            if version is not None and self._matched.get(key) == version:
                return data
        if hashlib.sha256(data).hexdigest() != sha256:
            return None
        with self._lock:
            self._matched[key] = version
        return data


class VerifiedFiles:
    """Reads files that must hold the bytes of a given sha256 (a damaged or edited file must not
    be served under its content address). Each file is hashed once, and again only when its
    size, inode or times change (ctime too: no one can set it back)."""

    def __init__(self) -> None:
        self._memo = HashMemo()

    def read(self, path: Path, sha256: str) -> bytes | None:
        """The bytes of `path` if they have this sha256, else None (also when unreadable)."""
        try:
            with path.open("rb") as fh:
                stat = os.fstat(fh.fileno())
                data = fh.read()
        except OSError:
            return None
        seen = (stat.st_size, stat.st_ino, stat.st_mtime_ns, stat.st_ctime_ns)
        return self._memo.verified(path, seen if len(data) == stat.st_size else None, data, sha256)


class CatalogFileStore:
    """Serves the files a loaded catalog points at (its folder, or the synthetic generator)."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._files = VerifiedFiles()
        self._folders = {path.parent for path in catalog.files.values()}

    def get(self, sha256: str) -> bytes | None:
        if self.catalog.generator is not None:
            return self.catalog.generator(sha256)
        path = self.catalog.files.get(sha256)
        return None if path is None else self._files.read(path, sha256)

    def check(self) -> None:
        """The catalog's folders must be readable; a missing file is a 404, not an outage."""
        for folder in self._folders:
            if not os.access(folder, os.R_OK | os.X_OK):
                raise FileStoreUnavailable(f"The catalog folder {folder} can't be read.")

    def close(self) -> None:
        """Nothing to release: files are opened per read."""


class LocalFolderStore:
    """Content-addressed files in a folder: `<root>/ab/cd/<sha256>`, written atomically."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._files = VerifiedFiles()

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

    def check(self) -> None:
        if not os.access(self.root, os.R_OK | os.X_OK) or not self.root.is_dir():
            raise FileStoreUnavailable(f"The file store folder {self.root} can't be read.")

    def close(self) -> None:
        """Nothing to release: files are opened per read."""

    def put(self, data: bytes) -> str:
        """Store `data`; returns its sha256. Storing the same bytes twice is a no-op. Several
        processes may put at once: each writes its own temporary file and renames it into
        place atomically, so a reader sees all of a file or none of it."""
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
