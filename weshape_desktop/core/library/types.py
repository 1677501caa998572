"""The library's value types: what queries return and take (DESIGN §6), and small SQL helpers."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from weshape_desktop.core.models import Illustration

SortKey = Literal["added", "title", "position"]
_CHUNK = 500  # ids per IN (...) list, well under SQLite's variable limit


@dataclass(frozen=True)
class LibraryFile:
    """One downloaded file of an entry on this device."""

    path: str  # relative to the library folder, '/'-separated
    format: str  # "svg" | "png"
    png_size: int | None
    sha256: str
    bytes: int


@dataclass(frozen=True)
class NewFile:
    """A downloaded file to record (`LibraryStore.add_entries`); `source_sha256` is the catalog
    file it was made from (the item's sha256 when downloaded; None when not known)."""

    item: Illustration
    rel_path: str
    sha256: str
    format: str
    bytes: int
    png_size: int | None = None
    source_sha256: str | None = None


@dataclass(frozen=True)
class LibraryEntry:
    """An illustration in the user's library. `path`/`format`/`png_size`/`bytes` describe the most
    recently added file (None/0 for an entry synced from another device and not downloaded here);
    `files` lists all of them."""

    item: Illustration
    path: str | None
    format: str | None
    png_size: int | None
    bytes: int
    added_at: datetime
    favourite: bool
    note: str
    tags: tuple[str, ...]
    files: tuple[LibraryFile, ...] = ()


@dataclass(frozen=True)
class LibraryQuery:
    """What the library grid shows. `sort="position"` is the collection's own order (only with
    `collection_id`; otherwise it sorts like "added")."""

    text: str = ""
    tag: str = ""
    category: str = ""
    collection_id: str = ""
    favourites_only: bool = False
    format: str = ""  # "svg" or "png": entries with a file of that format on this device
    sort: SortKey = "added"
    lang: str = "en"
    descending: bool = True


@dataclass(frozen=True)
class Collection:
    id: str
    name: str
    count: int


@dataclass(frozen=True)
class LibraryCounts:
    """What the library holds, by what the sidebar filters on: each with its entry count."""

    total: int
    favourites: int
    formats: tuple[tuple[str, int], ...]  # ("png" | "svg", entries with such a file), by name
    tags: tuple[tuple[str, int], ...]
    categories: tuple[tuple[str, int], ...]
    collections: tuple[Collection, ...]


@dataclass(frozen=True)
class DownloadRow:
    """A row of the `downloads` table: a persisted queue entry, which `core.downloads` reads back
    as a `StoredDownload`."""

    item_id: str
    fmt: str
    png_size: int | None
    state: str
    error: str
    bytes_done: int
    created_at: datetime


def to_datetime(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, tz=UTC)


def chunks(values: Sequence[str], size: int = _CHUNK) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def marks(values: Sequence[object]) -> str:
    return ",".join("?" * len(values))


ITEM_COLUMNS = (
    "id, title_en, title_ar, tags_en, tags_ar, category, style, accent, sha256, bytes, width,"
    " height, license, updated_at"
)


def illustration_from_row(row: Sequence[Any]) -> Illustration:
    """An `Illustration` from an `items` row selected with `ITEM_COLUMNS`."""
    (id_, t_en, t_ar, g_en, g_ar, category, style, accent, sha, size, w, h, lic, updated) = row
    return Illustration(
        id=id_,
        title={"en": t_en, "ar": t_ar},
        tags={"en": tuple(json.loads(g_en)), "ar": tuple(json.loads(g_ar))},
        category=category,
        style=style,
        accent=accent,
        sha256=sha,
        bytes=size,
        width=w,
        height=h,
        license=lic,
        updated_at=updated,
    )


def row_from_illustration(item: Illustration) -> tuple[Any, ...]:
    """The `items` row of `item`, in `ITEM_COLUMNS` order (`illustration_from_row` reversed)."""
    return (
        item.id,
        item.title.get("en", ""),
        item.title.get("ar", ""),
        json.dumps(list(item.tags.get("en", ())), ensure_ascii=False),
        json.dumps(list(item.tags.get("ar", ())), ensure_ascii=False),
        item.category,
        item.style,
        item.accent,
        item.sha256,
        item.bytes,
        item.width,
        item.height,
        item.license,
        item.updated_at,
    )


def clean_tag(name: str) -> str:
    """A tag name as stored: runs of whitespace made one space, none at the ends."""
    return " ".join(name.split())


def now_ms() -> int:
    """Now, in milliseconds since the epoch (how the database stores times)."""
    return time.time_ns() // 1_000_000
