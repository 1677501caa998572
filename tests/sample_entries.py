"""Library entries over real sample illustrations, written into a test's library folder."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from weshape_desktop.core.library import LibraryEntry, LibraryFile
from weshape_desktop.core.models import Illustration
from weshape_desktop.core.svg import sanitize_svg

CATALOG = Path(__file__).resolve().parents[1] / "resources" / "catalog"
ACCESS_DENIED = "gravity-access-denied-light"  # accent #ff003d on a white backdrop


def manifest_item(item_id: str) -> dict[str, object]:
    items = json.loads((CATALOG / "manifest.json").read_text(encoding="utf-8"))["items"]
    found: dict[str, object] = next(i for i in items if i["id"] == item_id)
    return found


def illustration(item_id: str = ACCESS_DENIED) -> Illustration:
    return Illustration.from_json(manifest_item(item_id))


def entry(
    library: Path,
    item_id: str = ACCESS_DENIED,
    *,
    files: tuple[tuple[str, bytes], ...] | None = None,
) -> LibraryEntry:
    """An entry for `item_id` whose files (name, bytes; newest last) are written into `library`;
    by default one file: the sanitised sample SVG, as a download stores it. `files=()` gives an
    entry that is not downloaded on this device."""
    item = illustration(item_id)
    if files is None:
        svg = sanitize_svg((CATALOG / str(manifest_item(item_id)["file"])).read_bytes())
        files = ((f"{item.title_in('en')}-{item.id}.svg", svg),)
    library.mkdir(parents=True, exist_ok=True)
    recorded = []
    for name, data in files:
        (library / name).write_bytes(data)
        fmt = name.rsplit(".", 1)[-1]
        recorded.append(LibraryFile(name, fmt, None, "0" * 64, len(data)))
    newest = recorded[-1] if recorded else None
    return LibraryEntry(
        item=item,
        path=newest.path if newest else None,
        format=newest.format if newest else None,
        png_size=None,
        bytes=newest.bytes if newest else 0,
        added_at=datetime.now(UTC),
        favourite=False,
        note="",
        tags=(),
        files=tuple(recorded),
    )
