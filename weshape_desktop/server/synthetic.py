"""A synthetic scale-up of a catalog for benchmarks: n distinct, deterministic, valid SVG items.

Item k is a variant of base item `k % B` (B base items) in round `j = k // B`: its fill/stroke
colours are hue-rotated by an amount that depends on (seed, j), odd rounds are mirrored through a
transform group, and a trailing comment names the variant, which makes every item's bytes unique.
Only a compact index (sha256 -> k) is kept; `blob()` regenerates the bytes on demand. Computing the
index means generating and hashing every variant once; with `cache_dir` the digests and sizes are
cached in a small binary file keyed by the generator version, n, seed and the base files' content.
"""

from __future__ import annotations

import colorsys
import hashlib
import os
import re
from array import array
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path

from weshape_desktop.server.catalog_source import (
    COLOUR_RE,
    Catalog,
    CatalogEntry,
    normalise_hex,
    parse_svg,
)

GENERATOR_VERSION = 1
GOLDEN = 0.6180339887498949  # successive rounds land far apart on the colour wheel
AR = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
ROOT_OPEN_RE = re.compile(rb"<svg\b[^>]*>")


@dataclass(frozen=True)
class _Template:
    """A base SVG split around its root element and its colour occurrences."""

    entry: CatalogEntry
    colours: tuple[str, ...]  # the distinct colours, normalised
    parts: tuple[tuple[tuple[str, ...], tuple[int, ...]], ...]  # head, body, tail: chunks + slots
    mirror: str  # transform that mirrors the drawing horizontally, "" if it can't be wrapped

    @classmethod
    def from_svg(cls, entry: CatalogEntry, data: bytes) -> _Template:
        root = parse_svg(data)  # a base that isn't safe, valid SVG is refused, not multiplied
        match = ROOT_OPEN_RE.search(data)
        close = data.rfind(b"</svg>")
        if match and not match.group().endswith(b"/>") and close >= match.end():
            box = (root.get("viewBox") or "").replace(",", " ").split()
            min_x, width = (float(box[0]), float(box[2])) if len(box) == 4 else (0.0, entry.width)
            cuts = [data[: match.end()], data[match.end() : close], data[close:]]
            template = cls._split(entry, cuts, f"translate({2 * min_x + width:g} 0) scale(-1 1)")
            try:  # the byte-level split is a heuristic: keep it only if a wrapped variant parses
                parse_svg(template.render(0, 1, 0))
                return template
            except ValueError:
                pass
        return cls._split(entry, [data, b"", b""], "")

    @classmethod
    def _split(cls, entry: CatalogEntry, cuts: list[bytes], mirror: str) -> _Template:
        colours: dict[str, int] = {}
        parts = []
        for cut in cuts:
            text = cut.decode("utf-8")
            chunks, slots, last = [], [], 0
            for found in COLOUR_RE.finditer(text):
                chunks.append(text[last : found.start("hex")])
                slots.append(colours.setdefault(normalise_hex(found["hex"]), len(colours)))
                last = found.end("hex")
            chunks.append(text[last:])
            parts.append((tuple(chunks), tuple(slots)))
        return cls(entry, tuple(colours), tuple(parts), mirror)

    def render(self, k: int, j: int, seed: int) -> bytes:
        shift = _hue_shift(j, seed)
        mapped = [rotate_hue(c, shift) for c in self.colours]
        head, body, tail = (_fill(chunks, slots, mapped) for chunks, slots in self.parts)
        if self.mirror and j % 2 == 1:
            body = f'<g transform="{self.mirror}">{body}</g>'
        return f"{head}{body}{tail}\n<!-- weshape synthetic variant {k} -->\n".encode()


def _fill(chunks: tuple[str, ...], slots: tuple[int, ...], mapped: list[str]) -> str:
    pairs = zip(chunks, [mapped[s] for s in slots], strict=False)  # chunks has one more
    return "".join(chain.from_iterable(pairs)) + chunks[-1]


def _hue_shift(j: int, seed: int) -> float:
    return ((j + 1) * GOLDEN + seed * 0.1234567) % 1.0


@lru_cache(maxsize=65536)
def rotate_hue(colour: str, shift: float) -> str:
    """Rotate a #rrggbb colour's hue by `shift` turns; greys stay as they are."""
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    h, lightness, s = colorsys.rgb_to_hls(r, g, b)
    if s == 0:
        return colour
    rgb = colorsys.hls_to_rgb((h + shift) % 1.0, lightness, s)
    return "#" + "".join(f"{round(v * 255):02x}" for v in rgb)


class _Generator:
    def __init__(self, templates: list[_Template], seed: int) -> None:
        self.templates, self.seed = templates, seed
        self.index: dict[str, int] = {}

    def render(self, k: int) -> bytes:
        count = len(self.templates)
        return self.templates[k % count].render(k, k // count, self.seed)

    def blob(self, sha256: str) -> bytes | None:
        k = self.index.get(sha256)
        return None if k is None else self.render(k)


def _digests(gen: _Generator, n: int, cache_file: Path | None) -> tuple[bytes, array[int]]:
    """The sha256 digests (32 bytes each, concatenated) and sizes of items 0..n-1."""
    if cache_file is not None and cache_file.is_file():
        raw = cache_file.read_bytes()
        if len(raw) == 36 * n:
            sizes: array[int] = array("I")
            sizes.frombytes(raw[32 * n :])
            return raw[: 32 * n], sizes
    digests, sizes = bytearray(), array("I")
    for k in range(n):
        data = gen.render(k)
        digests += hashlib.sha256(data).digest()
        sizes.append(len(data))
    if cache_file is not None:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        partial = cache_file.with_suffix(f".{os.getpid()}.part")
        partial.write_bytes(bytes(digests) + sizes.tobytes())
        os.replace(partial, cache_file)  # a concurrent or interrupted start never sees half a file
    return bytes(digests), sizes


def synthetic_catalog(
    base: Catalog, n: int, seed: int = 1, cache_dir: Path | None = None
) -> Catalog:
    """Scale `base` up to `n` distinct, deterministic items (for benchmarks)."""
    if n < 0:
        raise ValueError("n must not be negative")
    templates = []
    for entry in base.entries:
        data = base.blob(entry.sha256)
        try:
            if data is not None:
                templates.append(_Template.from_svg(entry, data))
        except ValueError:  # not UTF-8 or not safe SVG: can't be a template, the others still are
            continue
    if not templates and n:
        raise ValueError("the base catalog has no usable SVG to derive synthetic items from")
    gen = _Generator(templates, seed)
    cache_file = None
    if cache_dir is not None:
        key = hashlib.sha256(f"{GENERATOR_VERSION}:{n}:{seed}:".encode())
        for template in templates:
            key.update(template.entry.sha256.encode())
        cache_file = Path(cache_dir) / f"synthetic-{key.hexdigest()[:32]}.bin"
    digests, sizes = _digests(gen, n, cache_file)
    entries = []
    count = len(templates)
    for k in range(n):
        t, j = templates[k % count].entry, k // count
        sha = digests[32 * k : 32 * k + 32].hex()
        gen.index[sha] = k
        number = str(j + 1)
        arabic = number.translate(AR)  # Arabic-Indic digits, as Qt's ar locale shows numbers
        entries.append(
            CatalogEntry(
                id=f"syn-{k:06d}",
                title={"en": f"{t.title['en']} {number}", "ar": f"{t.title['ar']} {arabic}"},
                tags=t.tags,  # shared with the base: 100k copies would cost tens of MB
                category=t.category,
                style=t.style,
                accent=rotate_hue(t.accent, _hue_shift(j, seed)),
                sha256=sha,
                bytes=sizes[k],
                width=t.width,
                height=t.height,
                license=t.license,
                updated_at=t.updated_at,
                source=t.source,
                # The base's variants stay one illustration within each round.
                family=f"syn-{j:04d}-{t.family or t.id}"[:128],
            )
        )
    return Catalog(
        entries=entries,
        categories=dict(base.categories),
        styles=dict(base.styles),
        generator=gen.blob,
    )
