"""PackedItems: compressed pages read back as equal Illustrations, a few pages decoded at a time."""

from __future__ import annotations

import pytest

from weshape_desktop.core.catalog import PackedItems, PackedPage
from weshape_desktop.core.models import Illustration


def illustration(n: int) -> Illustration:
    return Illustration.from_json(
        {
            "id": f"item-{n}",
            "title": {"en": f"Item {n}", "ar": f"عنصر {n}"},
            "tags": {"en": ["one", f"tag{n % 3}"], "ar": ["واحد"]},
            "category": "people",
            "style": "dark" if n % 2 else "light",
            "accent": "#ff8800",
            "sha256": f"{n:064x}",
            "bytes": 1000 + n,
            "width": 400,
            "height": 300,
            "license": "MIT",
            "updated_at": "2026-05-08T10:40:21Z",
        }
    )


def packed(items: list[Illustration]) -> PackedPage:
    return PackedPage.pack(items)


def test_a_page_unpacks_to_equal_items_and_is_smaller_than_its_json() -> None:
    items = [illustration(n) for n in range(60)]
    page = packed(items)
    assert page.count == 60
    assert page.unpack() == tuple(items)
    assert len(page.data) < 60 * 200  # the JSON is ~450 B per item


def test_rows_across_pages_read_back_in_order() -> None:
    items = [illustration(n) for n in range(25)]
    packed_items = PackedItems(decoded_pages=1)
    for start, stop in ((0, 10), (10, 10), (10, 13), (13, 25)):  # an empty page adds no rows
        packed_items.append(packed(items[start:stop]))
    assert len(packed_items) == 25
    assert [packed_items[r] for r in range(25)] == items
    assert [packed_items[r] for r in reversed(range(25))] == items[::-1]
    assert packed_items[-1] == items[-1]
    for row in (25, -26):
        with pytest.raises(IndexError):
            packed_items[row]


def test_only_the_last_pages_read_stay_decoded() -> None:
    pages = [[illustration(10 * p + n) for n in range(10)] for p in range(4)]
    packed_items = PackedItems(decoded_pages=2)
    packed_items.append(packed(pages[0]), tuple(pages[0]))  # already decoded: kept as given
    for page in pages[1:]:
        packed_items.append(packed(page))
    assert packed_items[3] is pages[0][3]

    first = packed_items[15]
    assert packed_items[16] is not None and packed_items[15] is first  # page 1 stays decoded
    packed_items[25]  # page 2 decoded: page 0, read least recently, is dropped
    assert packed_items[3] == pages[0][3] and packed_items[3] is not pages[0][3]
    assert packed_items[15] is not first  # page 1 was dropped in turn; decoded again, equal
    assert packed_items[15] == first
