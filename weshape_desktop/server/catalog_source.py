"""Where the reference server's catalog comes from: the vendored sample, a folder, or a synthetic
scale-up.

A folder is either described by a `manifest.json` (format documented in resources/catalog/README.md)
or is just SVG files. Entries that fail validation are left out and listed in `Catalog.skipped` with
a reason a person can act on; a broken manifest as a whole raises `CatalogError`. File bytes are
read from disk only when asked for (`Catalog.blob`), so a large folder costs metadata only.
"""

from __future__ import annotations

import colorsys
import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import (
    DefusedXmlException,  # type: ignore[import-untyped]
    ElementTree as SafeET,
)

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = 1
MAX_FILE_BYTES = 10 * 1024 * 1024  # an illustration, not a poster; bigger files are skipped
SVG_NS_ROOT = "{http://www.w3.org/2000/svg}svg"
LANGS = ("en", "ar")

# Colour-bearing attributes and style properties followed by a hex colour (#rgb or #rrggbb).
COLOUR_RE = re.compile(
    r"(?P<prop>\b(?:fill|stroke|stop-color|flood-color|lighting-color)\s*(?:=\s*[\"']\s*|:\s*))"
    r"(?P<hex>#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3}))(?![0-9a-zA-Z])"
)
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,127}$")
ACCENT_RE = re.compile(r"^#[0-9a-f]{6}$")
LENGTH_RE = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(px)?\s*$")


class CatalogError(ValueError):
    """The catalog folder as a whole can't be used (e.g. an unreadable manifest)."""


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
    source: str = ""  # where the file comes from, e.g. "@gravity-ui/illustrations@2.1.1"
    # The id shared by the style variants of one illustration; "" means the entry's own id.
    family: str = ""


@dataclass
class Catalog:
    entries: list[CatalogEntry]
    categories: dict[str, dict[str, str]]  # facet id -> {"en": name, "ar": name}
    styles: dict[str, dict[str, str]]
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason) for --catalog DIR
    files: dict[str, Path] = field(default_factory=dict, repr=False)  # sha256 -> file on disk
    generator: Callable[[str], bytes | None] | None = field(default=None, repr=False)

    def blob(self, sha256: str) -> bytes | None:
        """The file bytes for a sha256 listed in entries, or None."""
        if self.generator is not None:
            return self.generator(sha256)
        path = self.files.get(sha256)
        if path is None:
            return None
        try:
            data = path.read_bytes()
        except OSError:
            return None
        # A file edited after loading must not be served under its old content address.
        return data if hashlib.sha256(data).hexdigest() == sha256 else None


def sample_catalog_dir() -> Path:
    """resources/catalog in the checkout."""
    return Path(__file__).resolve().parents[2] / "resources" / "catalog"


def load_catalog(directory: Path | None = None) -> Catalog:
    """Load a folder: with manifest.json (documented format) or plain SVG files. None: sample."""
    root = Path(directory if directory is not None else sample_catalog_dir()).resolve()
    if not root.is_dir():
        raise CatalogError(f"The catalog folder {root} does not exist or is not a folder.")
    if (root / MANIFEST_NAME).is_file():
        return _load_manifest(root)
    return _load_plain_folder(root)


# --- SVG facts ------------------------------------------------------------------------------------


def parse_svg(data: bytes) -> Element:
    """Parse untrusted SVG bytes safely (no entities, no external references); root is <svg>."""
    try:
        root: Element = SafeET.fromstring(data)
    except (DefusedXmlException, ParseError) as exc:  # entities, DTDs, external refs, bad XML
        name = type(exc).__name__
        raise ValueError(f"not a well-formed, safe SVG document ({name}: {exc})") from exc
    if root.tag not in (SVG_NS_ROOT, "svg"):
        raise ValueError(f"the root element is <{root.tag}>, not <svg>")
    return root


def svg_dimensions(root: Element) -> tuple[int, int]:
    """Intrinsic size from width/height (unitless or px), else from the viewBox."""
    width, height = (_length(root.get(name)) for name in ("width", "height"))
    if width and height:
        return round(width), round(height)
    parts = (root.get("viewBox") or "").replace(",", " ").split()
    if len(parts) == 4:
        try:
            vb_w, vb_h = float(parts[2]), float(parts[3])
        except ValueError:
            vb_w = vb_h = 0.0
        if vb_w > 0 and vb_h > 0:
            return round(vb_w), round(vb_h)
    raise ValueError("no usable width/height attributes or viewBox")


def _length(value: str | None) -> float | None:
    match = LENGTH_RE.match(value or "")
    return float(match.group(1)) if match else None


def normalise_hex(colour: str) -> str:
    """'#ABC' or '#AABBCC' -> '#aabbcc'."""
    digits = colour.lstrip("#").lower()
    return "#" + ("".join(c * 2 for c in digits) if len(digits) == 3 else digits)


def is_chromatic(colour: str) -> bool:
    """False for whites, greys and near-blacks: colours that can't be an illustration's accent."""
    _, saturation, value = _hsv(colour)
    return saturation >= 0.2 and value >= 0.2


def dominant_accent(text: str) -> str:
    """The most used chromatic fill/stroke colour (#rrggbb), ties going to the more saturated one;
    the most used colour when there is no chromatic one."""
    counts = Counter(normalise_hex(m.group("hex")) for m in COLOUR_RE.finditer(text))
    chromatic = [(n, _saturation(c), c) for c, n in counts.items() if is_chromatic(c)]
    if chromatic:
        return max(chromatic)[2]
    return max((n, c) for c, n in counts.items())[1] if counts else "#000000"


def _hsv(colour: str) -> tuple[float, float, float]:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return colorsys.rgb_to_hsv(r, g, b)


def _saturation(colour: str) -> float:
    return _hsv(colour)[1]


def _iso_mtime(path: Path) -> str:
    stamp = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).replace(microsecond=0)
    return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")


# --- folders --------------------------------------------------------------------------------------


def _read_svg(path: Path) -> tuple[bytes, Element]:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ValueError(f"file is {size} bytes, over the {MAX_FILE_BYTES}-byte limit")
    data = path.read_bytes()
    return data, parse_svg(data)


def _slug(stem: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:120]
    return slug or "item"


def _load_plain_folder(root: Path) -> Catalog:
    catalog = Catalog(entries=[], categories={}, styles={})
    catalog.categories["uncategorized"] = {"en": "Uncategorized", "ar": "غير مصنفة"}
    catalog.styles["default"] = {"en": "Default", "ar": "افتراضي"}
    ids: set[str] = set()
    for path in sorted(root.iterdir()):
        if path.suffix.lower() != ".svg" or not path.is_file():
            continue
        try:
            real = path.resolve()  # a link is served as what it points at, if that is inside
            if not real.is_relative_to(root):
                raise ValueError("the file links to a place outside the catalog folder")
            data, svg = _read_svg(real)
            width, height = svg_dimensions(svg)
        except (OSError, ValueError) as exc:
            catalog.skipped.append((path.name, str(exc)))
            continue
        base_id = item_id = _slug(path.stem)
        counter = 2
        while item_id in ids:
            item_id, counter = f"{base_id}-{counter}", counter + 1
        ids.add(item_id)
        title = re.sub(r"[-_\s]+", " ", path.stem).strip() or path.stem
        title = title[:1].upper() + title[1:]
        sha = hashlib.sha256(data).hexdigest()
        catalog.files[sha] = real
        catalog.entries.append(
            CatalogEntry(
                id=item_id,
                title={"en": title, "ar": title},
                tags={"en": [], "ar": []},
                category="uncategorized",
                style="default",
                accent=dominant_accent(data.decode("utf-8", "replace")),
                sha256=sha,
                bytes=len(data),
                width=width,
                height=height,
                license="NOASSERTION",
                updated_at=_iso_mtime(real),
            )
        )
    return catalog


def _names(value: Any, what: str) -> dict[str, dict[str, str]]:
    """Facet declarations: {"id": {"en": name, "ar": name}}."""
    if not isinstance(value, dict):
        raise CatalogError(f"manifest.json: '{what}' must be an object of facet id -> names.")
    for key, names in value.items():
        if not (isinstance(names, dict) and all(_text(names.get(lang)) for lang in LANGS)):
            raise CatalogError(
                f"manifest.json: {what} '{key}' needs non-empty 'en' and 'ar' names."
            )
    return {key: {lang: names[lang] for lang in LANGS} for key, names in value.items()}


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _load_manifest(root: Path) -> Catalog:
    try:
        manifest = json.loads((root / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CatalogError(f"{root / MANIFEST_NAME} can't be read as JSON: {exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        raise CatalogError(f'{root / MANIFEST_NAME}: expected an object with "format": 1.')
    items = manifest.get("items")
    if not isinstance(items, list):
        raise CatalogError(f"{root / MANIFEST_NAME}: 'items' must be a list.")
    catalog = Catalog(
        entries=[],
        categories=_names(manifest.get("categories", {}), "categories"),
        styles=_names(manifest.get("styles", {}), "styles"),
    )
    ids: set[str] = set()
    for index, item in enumerate(items):
        label = (
            str(item.get("file", f"items[{index}]"))
            if isinstance(item, dict)
            else f"items[{index}]"
        )
        try:
            entry, path = _manifest_entry(root, item, catalog, ids)
        except (OSError, ValueError) as exc:
            catalog.skipped.append((label, str(exc)))
            continue
        ids.add(entry.id)
        catalog.files[entry.sha256] = path
        catalog.entries.append(entry)
    return catalog


def _manifest_entry(
    root: Path, item: Any, catalog: Catalog, ids: set[str]
) -> tuple[CatalogEntry, Path]:
    if not isinstance(item, dict):
        raise ValueError("an item must be a JSON object")
    item_id = item.get("id")
    if not (isinstance(item_id, str) and ID_RE.match(item_id)):
        raise ValueError(f"id {item_id!r} is not a lowercase ASCII slug (a-z, 0-9, '-')")
    if item_id in ids:
        raise ValueError(f"id '{item_id}' is used by an earlier item")
    rel = item.get("file")
    if not isinstance(rel, str) or not rel.strip() or Path(rel).is_absolute():
        raise ValueError("'file' must be a path relative to the catalog folder")
    path = (root / rel).resolve()
    if not path.is_relative_to(root):
        raise ValueError("'file' points outside the catalog folder")
    if not path.is_file():
        raise ValueError("the file does not exist")
    data, svg = _read_svg(path)
    sha = hashlib.sha256(data).hexdigest()
    if item.get("sha256") != sha:
        raise ValueError(f"sha256 does not match the file (file has {sha})")
    if item.get("bytes") != len(data):
        raise ValueError(f"'bytes' does not match the file size ({len(data)})")
    title, tags = item.get("title"), item.get("tags", {"en": [], "ar": []})
    if not (isinstance(title, dict) and all(_text(title.get(lang)) for lang in LANGS)):
        raise ValueError("'title' needs non-empty 'en' and 'ar' texts")
    if not (
        isinstance(tags, dict)
        and all(isinstance(tags.get(lang, []), list) for lang in LANGS)
        and all(_text(tag) for lang in LANGS for tag in tags.get(lang, []))
    ):
        raise ValueError("'tags' must map 'en' and 'ar' to lists of non-empty strings")
    for facet, declared in (("category", catalog.categories), ("style", catalog.styles)):
        if item.get(facet) not in declared:
            raise ValueError(f"{facet} {item.get(facet)!r} is not declared in the manifest")
    family = item.get("family", item_id)
    if not (isinstance(family, str) and ID_RE.match(family)):
        raise ValueError(f"family {family!r} is not a lowercase ASCII slug (a-z, 0-9, '-')")
    accent = str(item.get("accent") or dominant_accent(data.decode("utf-8", "replace"))).lower()
    if not ACCENT_RE.match(accent):
        raise ValueError(f"accent {accent!r} is not a #rrggbb colour")
    width, height = item.get("width"), item.get("height")
    if not (isinstance(width, int) and isinstance(height, int) and width > 0 and height > 0):
        width, height = svg_dimensions(svg)
    entry = CatalogEntry(
        id=item_id,
        title={lang: title[lang] for lang in LANGS},
        tags={lang: list(tags.get(lang, [])) for lang in LANGS},
        category=item["category"],
        style=item["style"],
        accent=accent,
        sha256=sha,
        bytes=len(data),
        width=width,
        height=height,
        license=str(item.get("license") or "NOASSERTION"),
        updated_at=str(item.get("updated_at") or _iso_mtime(path)),
        source=str(item.get("source") or ""),
        family=family,
    )
    return entry, path
