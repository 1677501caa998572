"""The sync merge rules (docs/sync.md): three-way per field, deletions, notes, members."""

from __future__ import annotations

from typing import Any

from hypothesis import given, strategies as st

from weshape_desktop.core.sync_merge import Version, merge, merge_members

T0 = 1_765_000_000_000  # ms


def entry(modified: int, **fields: Any) -> Version:
    payload = {
        "item_id": "cat-1",
        "added_at": T0,
        "favourite": False,
        "note": "",
        "tags": [],
        **fields,
        "modified": modified,
    }
    return Version(False, payload)


def tombstone(modified: int) -> Version:
    return Version(True, {"item_id": "cat-1", "modified": modified})


def collection(modified: int, items: list[str], name: str = "Icons") -> Version:
    return Version(
        False, {"id": "c1", "name": name, "position": 0, "items": items, "modified": modified}
    )


def test_fields_changed_on_different_sides_both_survive() -> None:
    base = entry(T0)
    ours = entry(T0 + 10, favourite=True)
    theirs = entry(T0 + 20, note="for the landing page")
    merged = merge("entry", base, ours, theirs)
    assert merged.payload["favourite"] is True
    assert merged.payload["note"] == "for the landing page"
    assert merged.payload["modified"] == T0 + 20


def test_a_field_changed_on_both_sides_goes_to_the_later_writer_and_ties_to_theirs() -> None:
    base = entry(T0, favourite=False)
    assert merge("entry", base, entry(T0 + 30, favourite=True), entry(T0 + 20)).payload["favourite"]
    base = collection(T0, [], name="Icons")
    later_theirs = merge(
        "collection", base, collection(T0 + 40, [], "Logos"), collection(T0 + 30, [], "Heroes")
    )
    assert later_theirs.payload["name"] == "Logos"
    later_theirs = merge(
        "collection", base, collection(T0 + 30, [], "Logos"), collection(T0 + 40, [], "Heroes")
    )
    assert later_theirs.payload["name"] == "Heroes"
    pref_base = Version(False, {"key": "language", "value": "en", "modified": T0})
    ours = Version(False, {"key": "language", "value": "ar", "modified": T0 + 5})
    theirs = Version(False, {"key": "language", "value": "fr", "modified": T0 + 5})
    assert merge("pref", pref_base, ours, theirs).payload["value"] == "fr"


def test_without_a_base_every_difference_is_a_conflict_for_the_later_writer() -> None:
    merged = merge("entry", None, entry(T0 + 9, favourite=True), entry(T0 + 1, favourite=False))
    assert merged.payload["favourite"] is True
    merged = merge("entry", None, entry(T0 + 1, favourite=True), entry(T0 + 9, favourite=False))
    assert merged.payload["favourite"] is False


def test_tags_merge_as_sets_case_insensitively_in_the_later_spelling() -> None:
    base = entry(T0, tags=["blue", "hero"])
    ours = entry(T0 + 10, tags=["blue", "Hero", "Night"])  # adds Night
    theirs = entry(T0 + 5, tags=["hero", "ocean"])  # removes blue, adds ocean
    assert merge("entry", base, ours, theirs).payload["tags"] == ["Hero", "Night", "ocean"]


def test_a_note_rewritten_on_both_sides_keeps_both_texts() -> None:
    base = entry(T0, note="draft")
    ours = entry(T0 + 60_000, note="use in the header")
    theirs = entry(T0 + 120_000, note="use on the pricing page")
    note = merge("entry", base, ours, theirs).payload["note"]
    assert note == "use on the pricing page\n\n— 2025-12-06 05:47 —\nuse in the header"
    # merging the merged text again changes nothing (no growing duplicates)
    again = merge("entry", base, entry(T0 + 130_000, note=note), ours)
    assert again.payload["note"] == note


def test_a_note_changed_on_one_side_or_emptied_loses_nothing() -> None:
    base = entry(T0, note="draft")
    assert merge("entry", base, entry(T0 + 1, note="final"), base).payload["note"] == "final"
    assert merge("entry", base, base, entry(T0 + 1, note="final")).payload["note"] == "final"
    emptied = merge("entry", base, entry(T0 + 9, note=""), entry(T0 + 1, note="kept"))
    assert emptied.payload["note"] == "kept"


def test_collection_members_merge_and_the_later_writer_orders_them() -> None:
    base = collection(T0, ["a", "b", "c"])
    ours = collection(T0 + 10, ["c", "a", "b", "d"])  # reorder, add d
    theirs = collection(T0 + 5, ["a", "e", "c"])  # remove b, add e
    assert merge("collection", base, ours, theirs).payload["items"] == ["c", "a", "d", "e"]
    theirs_later = collection(T0 + 20, ["a", "e", "c"])
    assert merge("collection", base, ours, theirs_later).payload["items"] == ["a", "e", "c", "d"]


def test_added_at_keeps_the_earlier() -> None:
    merged = merge("entry", None, entry(T0 + 1, added_at=T0 - 5), entry(T0 + 2, added_at=T0))
    assert merged.payload["added_at"] == T0 - 5


def test_a_deletion_beats_a_stale_or_unchanged_edit_but_not_a_newer_one() -> None:
    base = entry(T0)
    # theirs (stored) unchanged since base: the deletion wins whatever the clocks say
    assert merge("entry", base, tombstone(T0 - 100), base).deleted
    # theirs edited before the deletion: stale, the deletion wins
    assert merge("entry", base, tombstone(T0 + 50), entry(T0 + 10, favourite=True)).deleted
    # theirs edited after the deletion: the edit wins
    kept = merge("entry", base, tombstone(T0 + 50), entry(T0 + 90, favourite=True))
    assert not kept.deleted and kept.payload["favourite"] is True
    # the same from the other side: an incoming edit against a stored tombstone
    assert merge("entry", base, entry(T0 + 10, favourite=True), tombstone(T0 + 50)).deleted
    assert not merge("entry", base, entry(T0 + 90, favourite=True), tombstone(T0 + 50)).deleted
    # an unchanged copy never resurrects a deleted object, however new its clock
    assert merge("entry", base, Version(False, base.payload), tombstone(T0 + 1)).deleted


def test_a_re_add_after_a_deletion_lives_only_if_newer() -> None:
    assert not merge("entry", None, entry(T0 + 90), tombstone(T0 + 50)).deleted
    assert merge("entry", None, entry(T0 + 10), tombstone(T0 + 50)).deleted
    both = merge("entry", None, tombstone(T0 + 3), tombstone(T0 + 7))
    assert both.deleted and both.modified == T0 + 7


names = st.lists(st.sampled_from(["a", "b", "c", "d", "e", "f"]), unique=True, max_size=6)


@given(base=names, ours=names, theirs=names, ours_later=st.booleans())
def test_members_keep_every_addition_and_drop_every_removal(
    base: list[str], ours: list[str], theirs: list[str], ours_later: bool
) -> None:
    merged = merge_members(base, ours, theirs, ours_later)
    assert len(merged) == len(set(merged))
    removed = (set(base) - set(ours)) | (set(base) - set(theirs))
    added = (set(ours) | set(theirs)) - set(base)
    kept = set(base) & set(ours) & set(theirs)
    assert set(merged) == (added | kept) - removed
    assert merge_members(base, base, theirs, ours_later) == [m for m in theirs]


@given(
    favourite=st.booleans(),
    note=st.text(max_size=20),
    tags=st.lists(st.text(min_size=1, max_size=5), max_size=4),
    ours_later=st.booleans(),
)
def test_merging_an_unchanged_side_gives_the_other_side(
    favourite: bool, note: str, tags: list[str], ours_later: bool
) -> None:
    base = entry(T0)
    changed = entry(T0 + (20 if ours_later else 5), favourite=favourite, note=note, tags=tags)
    unchanged = Version(False, {**base.payload, "modified": T0 + 10})
    for merged in (
        merge("entry", base, changed, unchanged),
        merge("entry", base, unchanged, changed),
    ):
        assert merged.payload["favourite"] == favourite
        assert merged.payload["note"] == note
        folded = {t.casefold() for t in tags}
        assert {t.casefold() for t in merged.payload["tags"]} == folded


def test_ties_and_one_sided_reorders() -> None:
    base = entry(T0)
    # a deletion and a newer-or-equal edit: the tie goes to theirs
    assert not merge("entry", base, tombstone(T0 + 50), entry(T0 + 50, favourite=True)).deleted
    assert merge("entry", base, entry(T0 + 50, favourite=True), tombstone(T0 + 50)).deleted
    assert merge("entry", None, tombstone(T0 + 7), tombstone(T0 + 3)).modified == T0 + 7
    # only ours reordered (and earlier than theirs' unrelated touch): ours' order stands
    ordered = merge(
        "collection",
        collection(T0, ["a", "b", "c"]),
        collection(T0 + 5, ["c", "b", "a"]),
        collection(T0 + 9, ["a", "b", "c"], name="Renamed"),
    )
    assert ordered.payload["items"] == ["c", "b", "a"]
    assert ordered.payload["name"] == "Renamed"
