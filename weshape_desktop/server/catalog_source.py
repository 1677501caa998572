"""Where the reference server's catalog comes from: the vendored sample, a folder, or a synthetic scale-up.

INTERFACE STUB — to be implemented (see the helper brief). The server imports only what is declared here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class CatalogEntry:
    id: str
    title: dict[str, str]  # {"en": ..., "ar": ...}
    tags: dict[str, list[str]]  # {"en": [...], "ar": [...]}
    category: str  # facet id, e.g. "errors"
    style: str  # facet id, e.g. "light"
    accent: str  # "#rrggbb"
    sha256: str
    bytes: int
    width: int
    height: int
    license: str  # SPDX id, e.g. "MIT"
    updated_at: str  # ISO 8601 UTC, e.g. "2024-05-01T00:00:00Z"


@dataclass
class Catalog:
    entries: list[CatalogEntry]
    categories: dict[str, dict[str, str]]  # facet id -> {"en": name, "ar": name}
    styles: dict[str, dict[str, str]]
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason) for --catalog DIR

    def blob(self, sha256: str) -> bytes | None:
        """The file bytes for a sha256 listed in entries, or None."""
        raise NotImplementedError


def sample_catalog_dir() -> Path:
    """resources/catalog in the checkout."""
    return Path(__file__).resolve().parents[2] / "resources" / "catalog"


def load_catalog(directory: Path | None = None) -> Catalog:
    """Load a folder: with manifest.json (documented format) or plain SVG files. None = the sample."""
    raise NotImplementedError


def synthetic_catalog(base: Catalog, n: int, seed: int = 1, cache_dir: Path | None = None) -> Catalog:
    """Scale `base` up to `n` distinct, deterministic items (for benchmarks)."""
    raise NotImplementedError
