"""The merge rules of account sync (docs/sync.md), one copy for the server and the app.

Every merge is three-way: `base` is the object as both sides last agreed it was, so a field only one
side changed keeps that side's value, and only a field both changed needs a rule (the later
`modified` wins, ties go to `theirs`; tags and collection members merge; notes keep both texts).
On the server, `ours` is a device's incoming change and `theirs` the stored state; on the app,
`ours` is a local edit not yet sent and `theirs` the server's state.

Pure and stdlib-only, because the server imports it too (DESIGN §2).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

# Fields naming the object, never merged.
_IDENTITY = frozenset({"item_id", "id", "key"})


@dataclass(frozen=True)
class Version:
    """One state of a synced object: alive with its full payload, or a tombstone."""

    deleted: bool
    payload: Mapping[str, Any]  # includes "modified", ms since the epoch

    @property
    def modified(self) -> int:
        return int(self.payload.get("modified", 0))


def merge(kind: str, base: Version | None, ours: Version, theirs: Version) -> Version:
    """The state that keeps both sides' changes to one object since `base` (docs/sync.md).

    `kind` is "entry", "collection" or "pref". The rules go by field name (`tags`, `items`, `note`,
    `added_at`; anything else is a last-writer-wins scalar), so a newer client's kind still merges.
    """
    if ours.deleted or theirs.deleted:
        return _merge_deletion(base, ours, theirs)
    shared = None if base is None or base.deleted else base.payload
    return Version(False, _merge_fields(shared, ours, theirs))


def _changed(version: Version, base: Version | None) -> bool:
    return base is None or base.deleted != version.deleted or base.payload != version.payload


def _merge_deletion(base: Version | None, ours: Version, theirs: Version) -> Version:
    """A tombstone wins over a live side unless that side changed since `base` and later."""
    if ours.deleted and theirs.deleted:
        return ours if ours.modified > theirs.modified else theirs
    if ours.deleted:
        live_wins = _changed(theirs, base) and theirs.modified >= ours.modified
        return theirs if live_wins else ours
    live_wins = _changed(ours, base) and ours.modified > theirs.modified
    return ours if live_wins else theirs


def _merge_fields(base: Mapping[str, Any] | None, ours: Version, theirs: Version) -> dict[str, Any]:
    o, t = ours.payload, theirs.payload
    ours_later = ours.modified > theirs.modified
    out: dict[str, Any] = {}
    for key in [*t, *(k for k in o if k not in t)]:
        if key == "modified":
            continue
        if key in _IDENTITY or key not in o:
            out[key] = t[key]
        elif key not in t:
            out[key] = o[key]
        elif key == "added_at":
            out[key] = min(o[key], t[key])
        elif key == "tags":
            tags = merge_members(_get(base, key), o[key], t[key], ours_later, fold=str.casefold)
            out[key] = sorted(tags, key=str.casefold)
        elif key == "items":
            out[key] = merge_members(_get(base, key), o[key], t[key], ours_later)
        elif key == "note":
            out[key] = merge_note(_get(base, key), ours, theirs)
        else:
            out[key] = _merge_scalar(_get(base, key, _MISSING), o[key], t[key], ours_later)
    out["modified"] = max(ours.modified, theirs.modified)
    return out


_MISSING = object()


def _get(base: Mapping[str, Any] | None, key: str, default: Any = None) -> Any:
    return default if base is None else base.get(key, default)


def _merge_scalar(base: Any, ours: Any, theirs: Any, ours_later: bool) -> Any:
    if ours in (theirs, base):
        return theirs
    if theirs == base:
        return ours
    return ours if ours_later else theirs


def merge_members(
    base: Sequence[str] | None,
    ours: Sequence[str],
    theirs: Sequence[str],
    ours_later: bool,
    fold: Callable[[str], str] | None = None,
) -> list[str]:
    """Members both sides kept or either added, minus those either removed since `base`; in the
    order of the side that changed it (the later writer if both did), then what only the other
    side added, in its order. `fold` makes members
    compare case-insensitively (tags), keeping the spelling of the side whose order wins."""

    def key(member: str) -> str:
        return fold(member) if fold else member

    base_keys = {key(m) for m in base} if base is not None else set()
    ours_keys, theirs_keys = {key(m) for m in ours}, {key(m) for m in theirs}
    removed = (base_keys - ours_keys) | (base_keys - theirs_keys)
    if base is not None and list(ours) == list(base):
        ours_later = False  # only theirs changed the order
    elif base is not None and list(theirs) == list(base):
        ours_later = True
    first, second = (ours, theirs) if ours_later else (theirs, ours)
    return _unique((m for m in [*first, *second] if key(m) not in removed), key)


def _unique(members: Iterable[str], key: Callable[[str], str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for member in members:
        if key(member) not in seen:
            seen.add(key(member))
            out.append(member)
    return out


def merge_note(base: str | None, ours: Version, theirs: Version) -> str:
    """A note both sides rewrote keeps both texts: the later one, then the other under a dated
    separator line. A text that already holds the other (an earlier merge) is kept as it is."""
    o, t = str(ours.payload["note"]), str(theirs.payload["note"])
    if o == t or (base is not None and o == base):
        return t
    if base is not None and t == base:
        return o
    later, other = (ours, theirs) if ours.modified > theirs.modified else (theirs, ours)
    first, second = str(later.payload["note"]), str(other.payload["note"])
    if not second or second in first:
        return first
    if not first or first in second:
        return second
    when = datetime.fromtimestamp(other.modified / 1000, tz=UTC).strftime("%Y-%m-%d %H:%M")
    return f"{first}\n\n— {when} —\n{second}"
