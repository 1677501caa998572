"""The catalog as last seen online, kept on disk so it can be browsed offline (issue 4).

What is kept: catalog pages and facets, keyed by the configured server URL, the query (every
`CatalogQuery` field), the page's cursor and its size, each with the time it was fetched. Only the
first pages of a query are worth keeping — offline, people look at the start of the catalog or of a
search, not at page 40 — so the cache keeps the first `DEFAULT_QUERY_PAGES` pages of the default
query (no search, no filter: what the app shows at start, so the page that matters most) and the
first `QUERY_PAGES` of any other query; later pages are not saved.

The store is small and safe to lose: one JSON file per entry in the app's cache folder (0700),
written to a temporary file and renamed into place, so a reader never sees half a file. A file that
is damaged, of another format version or for another key is a miss, never an error. Past
`max_entries` files or `max_bytes` bytes, the oldest entries go first, other queries' pages before
the default query's pages and the facets.

Nothing personal is kept: the catalog is public and its requests carry no token, and the search text
is not written in clear (files are named by a hash of their key).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from weshape_desktop.core.errors import BadResponseError
from weshape_desktop.core.models import CatalogPage, CatalogQuery, Facets

# Bump when the file layout changes: older files then read as misses. 2: one item per family,
# with its variants (pages of format 1 hold every variant as its own item).
FORMAT = 2
DEFAULT_QUERY_PAGES = 5  # 300 items at the grid's 60 per page
QUERY_PAGES = 2
MAX_ENTRIES = 250
MAX_BYTES = 12 * 1024 * 1024
TEMP_SUFFIX = ".tmp"
STALE_TEMP_S = 3600.0  # a temporary file this old belongs to a writer that died

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CachedPage:
    """A catalog page from the cache and when it was fetched from the server (UTC)."""

    page: CatalogPage
    fetched_at: datetime


@dataclass(frozen=True)
class CachedFacets:
    """The categories and styles from the cache and when they were fetched (UTC)."""

    facets: Facets
    fetched_at: datetime


class CatalogDiskCache:
    """Catalog pages and facets on disk under `folder`. Safe to use from several threads."""

    def __init__(
        self,
        folder: Path,
        *,
        max_entries: int = MAX_ENTRIES,
        max_bytes: int = MAX_BYTES,
        default_query_pages: int = DEFAULT_QUERY_PAGES,
        query_pages: int = QUERY_PAGES,
    ) -> None:
        self.folder = Path(folder)
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._default_query_pages = default_query_pages
        self._query_pages = query_pages

    # -- pages -------------------------------------------------------------------------------

    def pages_kept(self, query: CatalogQuery) -> int:
        """How many leading pages of `query` the cache keeps."""
        return self._default_query_pages if query == CatalogQuery() else self._query_pages

    def save_page(
        self,
        server: str,
        query: CatalogQuery,
        cursor: str | None,
        limit: int,
        page_number: int,
        page: CatalogPage,
        fetched_at: datetime | None = None,
    ) -> bool:
        """Keep `page` (the `page_number`th of `query`, from 0) if it is one of the first pages.

        Returns whether it was written; a full or read-only disk is logged, never raised.
        """
        if page_number >= self.pages_kept(query):
            return False
        name, digest = _page_name(server, query, cursor, limit)
        return self._write(name, digest, "page", page.to_json(), fetched_at)

    def load_page(
        self, server: str, query: CatalogQuery, cursor: str | None, limit: int
    ) -> CachedPage | None:
        """The page saved for this key, or None (not cached, damaged, or an older format)."""
        name, digest = _page_name(server, query, cursor, limit)
        found = self._read(name, digest, "page")
        if found is None:
            return None
        body, fetched_at = found
        try:
            return CachedPage(CatalogPage.from_json(body), fetched_at)
        except BadResponseError as exc:
            log.info("catalog cache: ignoring %s: %s", name, exc.detail)
            return None

    # -- facets ------------------------------------------------------------------------------

    def save_facets(self, server: str, facets: Facets, fetched_at: datetime | None = None) -> bool:
        """Keep the facets of `server`; returns whether they were written."""
        name, digest = _name("facets", {"server": server})
        return self._write(name, digest, "facets", facets.to_json(), fetched_at)

    def load_facets(self, server: str) -> CachedFacets | None:
        """The facets saved for `server`, or None."""
        name, digest = _name("facets", {"server": server})
        found = self._read(name, digest, "facets")
        if found is None:
            return None
        body, fetched_at = found
        try:
            return CachedFacets(Facets.from_json(body), fetched_at)
        except BadResponseError as exc:
            log.info("catalog cache: ignoring %s: %s", name, exc.detail)
            return None

    # -- size --------------------------------------------------------------------------------

    def usage(self) -> tuple[int, int]:
        """(entries, bytes) on disk now."""
        entries = self._entries()
        return len(entries), sum(size for _, _, size, _ in entries)

    # -- files -------------------------------------------------------------------------------

    def _write(
        self, name: str, digest: str, field: str, body: Any, fetched_at: datetime | None
    ) -> bool:
        fetched_at = fetched_at or datetime.now(UTC)
        record = {"format": FORMAT, "key": digest, "fetched_at": fetched_at.isoformat()}
        record[field] = body
        data = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode()
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=TEMP_SUFFIX)
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(data)
                os.replace(temp, self.folder / name)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
            # Eviction goes by file time: make it the fetch time.
            stamp = fetched_at.timestamp()
            os.utime(self.folder / name, (stamp, stamp))
            self._evict()
        except OSError as exc:
            log.warning("catalog cache: %s not saved: %s", name, exc)
            return False
        return True

    def _read(self, name: str, digest: str, field: str) -> tuple[Any, datetime] | None:
        try:
            with (self.folder / name).open("rb") as f:
                record = json.load(f)
            if record.get("format") != FORMAT or record.get("key") != digest:
                return None
            fetched_at = datetime.fromisoformat(record["fetched_at"])
            if fetched_at.tzinfo is None:
                raise ValueError("fetched_at without a time zone")
            return record[field], fetched_at
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            log.info("catalog cache: ignoring %s: %s", name, exc)
            return None

    def _entries(self) -> list[tuple[bool, float, int, str]]:
        """(protected, mtime, size, path) of every entry; sweeps temp files of dead writers."""
        entries: list[tuple[bool, float, int, str]] = []
        now = time.time()
        try:
            scan = list(os.scandir(self.folder))
        except OSError:  # not created yet, or not a folder: nothing cached
            return entries
        for entry in scan:
            try:
                stat = entry.stat()
            except FileNotFoundError:  # evicted by another thread meanwhile
                continue
            if entry.name.endswith(TEMP_SUFFIX):
                if now - stat.st_mtime > STALE_TEMP_S:
                    Path(entry.path).unlink(missing_ok=True)
            elif entry.name.endswith(".json"):
                protected = not entry.name.startswith("page-")
                entries.append((protected, stat.st_mtime, stat.st_size, entry.path))
        return entries

    def _evict(self) -> None:
        entries = sorted(self._entries())  # other queries' pages first, oldest first
        count, total = len(entries), sum(size for _, _, size, _ in entries)
        for _, _, size, path in entries:
            if count <= self.max_entries and total <= self.max_bytes:
                break
            Path(path).unlink(missing_ok=True)
            count, total = count - 1, total - size


def _page_name(server: str, query: CatalogQuery, cursor: str | None, limit: int) -> tuple[str, str]:
    kind = "home" if query == CatalogQuery() else "page"
    key = {"server": server, "query": asdict(query), "cursor": cursor, "limit": limit}
    return _name(kind, key)


def _name(kind: str, key: dict[str, Any]) -> tuple[str, str]:
    """The file name for `key` and the digest stored inside to check it on reading."""
    canonical = json.dumps(key, sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256(canonical.encode()).hexdigest()
    return f"{kind}-{digest[:32]}.json", digest
