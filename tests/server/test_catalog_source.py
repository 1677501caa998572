"""Catalog sources: the vendored sample, folders (manifest or plain SVGs), synthetic scale-up."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray
from PySide6.QtSvg import QSvgRenderer

from tests.server.conftest import same_on_every_engine
from weshape_desktop.server.catalog_source import (
    Catalog,
    CatalogError,
    dominant_accent,
    load_catalog,
    parse_svg,
    sample_catalog_dir,
)
from weshape_desktop.server.synthetic import synthetic_catalog

pytestmark = same_on_every_engine  # no database involved

ARABIC = re.compile(r"[\u0600-\u06ff]")
SVG_SQUARE = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 80">'
    b'<rect width="120" height="80" fill="#f2f2f2"/><circle cx="40" cy="40" r="30" fill="#ff8800"/>'
    b'<circle cx="90" cy="40" r="20" fill="#FF8800"/><path d="M0 0h10v10z" stroke="#0064fa"/></svg>'
)
SVG_SIZED = b'<svg xmlns="http://www.w3.org/2000/svg" width="64px" height="48"><g/></svg>'


@pytest.fixture(scope="module")
def sample() -> Catalog:
    return load_catalog(None)


def _renders(data: bytes) -> bool:
    return QSvgRenderer(QByteArray(data)).isValid()


def test_sample_loads_every_manifest_item(sample: Catalog) -> None:
    manifest = json.loads((sample_catalog_dir() / "manifest.json").read_text(encoding="utf-8"))
    assert len(sample.entries) == len(manifest["items"]) > 0
    assert sample.skipped == []


def test_sample_blobs_match_their_sha256_and_size_and_render(sample: Catalog) -> None:
    for entry in sample.entries:
        data = sample.blob(entry.sha256)
        assert data is not None, entry.id
        assert hashlib.sha256(data).hexdigest() == entry.sha256
        assert len(data) == entry.bytes
        assert _renders(data), entry.id


def test_sample_texts_are_bilingual(sample: Catalog) -> None:
    for entry in sample.entries:
        assert entry.title["en"].strip() and ARABIC.search(entry.title["ar"]), entry.id
        assert 3 <= len(entry.tags["en"]) <= 6 and 3 <= len(entry.tags["ar"]) <= 6, entry.id
        assert any(ARABIC.search(tag) for tag in entry.tags["ar"]), entry.id


def test_sample_ids_are_unique_slugs_and_facets_are_declared(sample: Catalog) -> None:
    ids = [entry.id for entry in sample.entries]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", item_id) for item_id in ids)
    for entry in sample.entries:
        assert entry.category in sample.categories and entry.style in sample.styles
        assert re.fullmatch(r"#[0-9a-f]{6}", entry.accent)
        assert entry.width > 0 and entry.height > 0 and entry.license == "MIT"
    for names in [*sample.categories.values(), *sample.styles.values()]:
        assert names["en"].strip() and ARABIC.search(names["ar"])


def test_blob_of_unknown_sha_is_none(sample: Catalog) -> None:
    assert sample.blob("0" * 64) is None


def test_plain_folder_loads_valid_svgs_and_skips_the_rest(tmp_path: Path) -> None:
    (tmp_path / "not_found-page.svg").write_bytes(SVG_SQUARE)
    (tmp_path / "sized.SVG").write_bytes(SVG_SIZED)
    (tmp_path / "broken.svg").write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'><g></svg>")
    (tmp_path / "page.svg").write_bytes(b"<html><body>not an illustration</body></html>")
    (tmp_path / "bomb.svg").write_bytes(
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaa">]><svg>&a;</svg>'
    )
    (tmp_path / "sizeless.svg").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"/>')
    (tmp_path / "notes.txt").write_text("ignored: not an .svg")

    catalog = load_catalog(tmp_path)

    by_id = {entry.id: entry for entry in catalog.entries}
    assert sorted(by_id) == ["not-found-page", "sized"]
    page = by_id["not-found-page"]
    assert page.title == {"en": "Not found page", "ar": "Not found page"}
    assert page.tags == {"en": [], "ar": []}
    assert (page.category, page.style) == ("uncategorized", "default")
    assert (page.width, page.height, page.bytes) == (120, 80, len(SVG_SQUARE))
    assert page.sha256 == hashlib.sha256(SVG_SQUARE).hexdigest()
    assert page.accent == "#ff8800"
    assert (by_id["sized"].width, by_id["sized"].height) == (64, 48)
    assert catalog.blob(page.sha256) == SVG_SQUARE
    assert "uncategorized" in catalog.categories and "default" in catalog.styles
    skipped = dict(catalog.skipped)
    assert set(skipped) == {"broken.svg", "page.svg", "bomb.svg", "sizeless.svg"}
    assert "not <svg>" in skipped["page.svg"]
    assert "well-formed" in skipped["broken.svg"]
    assert "viewBox" in skipped["sizeless.svg"]
    assert all(reason.strip() for reason in skipped.values())


def test_plain_folder_refuses_symlinks_that_lead_outside(tmp_path: Path) -> None:
    folder, outside = tmp_path / "catalog", tmp_path / "private"
    folder.mkdir()
    outside.mkdir()
    (outside / "secret.svg").write_bytes(SVG_SIZED)
    (folder / "own.svg").write_bytes(SVG_SQUARE)
    (folder / "escape.svg").symlink_to(outside / "secret.svg")
    (folder / "up.svg").symlink_to(Path("..") / "private" / "secret.svg")
    (folder / "alias.svg").symlink_to("own.svg")  # inside the folder: fine

    catalog = load_catalog(folder)

    assert sorted(entry.id for entry in catalog.entries) == ["alias", "own"]
    assert hashlib.sha256(SVG_SIZED).hexdigest() not in catalog.files
    skipped = dict(catalog.skipped)
    assert set(skipped) == {"escape.svg", "up.svg"}
    assert all("outside the catalog folder" in reason for reason in skipped.values())


def test_blob_refuses_a_file_changed_after_loading(tmp_path: Path) -> None:
    (tmp_path / "a.svg").write_bytes(SVG_SQUARE)
    catalog = load_catalog(tmp_path)
    (tmp_path / "a.svg").write_bytes(SVG_SQUARE.replace(b"#ff8800", b"#00ff88"))
    assert catalog.blob(catalog.entries[0].sha256) is None


def _manifest_item(item_id: str, file: str, data: bytes, **changes: object) -> dict:
    item = {
        "id": item_id,
        "file": file,
        "title": {"en": "Empty box", "ar": "صندوق فارغ"},
        "tags": {"en": ["empty", "box", "search"], "ar": ["فارغ", "صندوق", "بحث"]},
        "category": "empty",
        "style": "light",
        "accent": "#ff8800",
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
        "width": 120,
        "height": 80,
        "license": "MIT",
        "updated_at": "2024-05-01T00:00:00Z",
    }
    item.update(changes)
    return item


def _write_manifest(folder: Path, items: list[dict]) -> None:
    manifest = {
        "format": 1,
        "categories": {"empty": {"en": "Empty states", "ar": "حالات فارغة"}},
        "styles": {"light": {"en": "Light", "ar": "فاتح"}},
        "items": items,
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")


def test_manifest_skips_items_that_escape_mismatch_or_break_rules(tmp_path: Path) -> None:
    folder = tmp_path / "catalog"
    (folder / "svgs").mkdir(parents=True)
    (folder / "svgs" / "box.svg").write_bytes(SVG_SQUARE)
    (tmp_path / "outside.svg").write_bytes(SVG_SQUARE)
    (folder / "svgs" / "link.svg").symlink_to(tmp_path / "outside.svg")
    _write_manifest(
        folder,
        [
            _manifest_item("box", "svgs/box.svg", SVG_SQUARE),
            _manifest_item("passwd", "../../etc/passwd", SVG_SQUARE),
            _manifest_item("absolute", str(folder / "svgs" / "box.svg"), SVG_SQUARE),
            _manifest_item("symlink", "svgs/link.svg", SVG_SQUARE),
            _manifest_item("bad-sha", "svgs/box.svg", SVG_SQUARE, sha256="ab" * 32),
            _manifest_item("bad-size", "svgs/box.svg", SVG_SQUARE, bytes=1),
            _manifest_item("missing", "svgs/missing.svg", SVG_SQUARE),
            _manifest_item("box", "svgs/box.svg", SVG_SQUARE),  # duplicate id
            _manifest_item("Bad Id", "svgs/box.svg", SVG_SQUARE),
            _manifest_item("odd-facet", "svgs/box.svg", SVG_SQUARE, category="nope"),
            _manifest_item("no-ar", "svgs/box.svg", SVG_SQUARE, title={"en": "Box"}),
        ],
    )

    catalog = load_catalog(folder)

    assert [entry.id for entry in catalog.entries] == ["box"]
    assert catalog.entries[0].title["ar"] == "صندوق فارغ"
    assert catalog.blob(catalog.entries[0].sha256) == SVG_SQUARE
    reasons = [reason for _, reason in catalog.skipped]
    assert len(reasons) == 10
    assert sum("outside the catalog folder" in r for r in reasons) == 2  # traversal, symlink
    assert any("sha256 does not match" in r for r in reasons)
    assert any("'bytes' does not match" in r for r in reasons)
    assert any("does not exist" in r for r in reasons)
    assert any("earlier item" in r for r in reasons)
    assert any("not declared" in r for r in reasons)


def test_manifest_computes_optional_fields(tmp_path: Path) -> None:
    (tmp_path / "box.svg").write_bytes(SVG_SQUARE)
    item = _manifest_item("box", "box.svg", SVG_SQUARE)
    for optional in ("accent", "width", "height", "tags", "license", "updated_at"):
        del item[optional]
    _write_manifest(tmp_path, [item])
    (entry,) = load_catalog(tmp_path).entries
    assert (entry.accent, entry.width, entry.height) == ("#ff8800", 120, 80)
    assert entry.tags == {"en": [], "ar": []} and entry.license == "NOASSERTION"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", entry.updated_at)


@pytest.mark.parametrize("text", ["{not json", '{"format": 2, "items": []}', '{"format": 1}'])
def test_unusable_manifest_raises_a_clear_error(tmp_path: Path, text: str) -> None:
    (tmp_path / "manifest.json").write_text(text)
    with pytest.raises(CatalogError, match=r"manifest\.json"):
        load_catalog(tmp_path)


def test_missing_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="does not exist"):
        load_catalog(tmp_path / "nope")


def test_dominant_accent_ignores_greys_and_prefers_saturated_ties() -> None:
    assert dominant_accent('<rect fill="#ffffff"/><rect fill="#888"/><rect fill="#336699"/>') == (
        "#336699"
    )
    assert dominant_accent('<a fill="#ffd89d"/><a fill="#ffbe5c"/>') == "#ffbe5c"
    assert dominant_accent('<a fill="#888"/><a style="fill:#888"/><a fill="#fff"/>') == "#888888"
    assert dominant_accent("<svg/>") == "#000000"


def test_synthetic_items_are_distinct_valid_and_regenerated(sample: Catalog) -> None:
    catalog = synthetic_catalog(sample, 500, seed=1)
    assert len(catalog.entries) == 500
    assert len({entry.sha256 for entry in catalog.entries}) == 500
    assert len({entry.id for entry in catalog.entries}) == 500
    assert catalog.entries[42].id == "syn-000042"
    assert catalog.categories == sample.categories and catalog.styles == sample.styles
    for entry in catalog.entries:
        data = catalog.blob(entry.sha256)
        assert data is not None
        assert hashlib.sha256(data).hexdigest() == entry.sha256 and len(data) == entry.bytes
        parse_svg(data)
        assert entry.title["en"].strip() and ARABIC.search(entry.title["ar"])
        assert entry.category in catalog.categories and entry.style in catalog.styles
        assert re.fullmatch(r"#[0-9a-f]{6}", entry.accent)
    for entry in catalog.entries[::50]:
        assert _renders(catalog.blob(entry.sha256) or b""), entry.id
    assert catalog.blob(sample.entries[0].sha256) is None


def test_synthetic_is_deterministic_per_seed(sample: Catalog) -> None:
    first = synthetic_catalog(sample, 500, seed=1)
    again = synthetic_catalog(sample, 500, seed=1)
    other = synthetic_catalog(sample, 500, seed=2)
    assert first.entries == again.entries
    assert {e.sha256 for e in first.entries}.isdisjoint(e.sha256 for e in other.entries)


def test_synthetic_recolours_and_titles_follow_the_base(sample: Catalog) -> None:
    catalog = synthetic_catalog(sample, 2 * len(sample.entries) + 1, seed=1)
    base, variant = sample.entries[0], catalog.entries[len(sample.entries)]  # round 2, same base
    assert variant.title == {"en": f"{base.title['en']} 2", "ar": f"{base.title['ar']} ٢"}
    assert variant.tags == base.tags and variant.category == base.category
    assert variant.accent != base.accent
    data = (catalog.blob(variant.sha256) or b"").decode()
    assert variant.accent in data.lower()  # the recomputed accent is a colour the file uses
    assert 'transform="translate(' in data  # odd rounds are mirrored


def test_synthetic_index_is_cached_per_parameters(sample: Catalog, tmp_path: Path) -> None:
    cold = synthetic_catalog(sample, 300, seed=1, cache_dir=tmp_path)
    (cache_file,) = tmp_path.iterdir()
    assert cache_file.stat().st_size == 300 * 36
    warm = synthetic_catalog(sample, 300, seed=1, cache_dir=tmp_path)
    assert warm.entries == cold.entries
    synthetic_catalog(sample, 301, seed=1, cache_dir=tmp_path)
    synthetic_catalog(sample, 300, seed=2, cache_dir=tmp_path)
    assert len(list(tmp_path.iterdir())) == 3
    cache_file.write_bytes(b"truncated")  # a damaged cache is recomputed, not trusted
    assert synthetic_catalog(sample, 300, seed=1, cache_dir=tmp_path).entries == cold.entries
