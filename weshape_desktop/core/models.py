"""Domain objects shared by the API client, the library and the UI."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from sys import intern
from typing import Any

from weshape_desktop.core.errors import BadResponseError

_SHA256 = re.compile("[0-9a-f]{64}")


def _localized(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise BadResponseError(detail=f"expected an object with ar/en, got {value!r:.80}")
    return {lang: str(value.get(lang, "")) for lang in ("en", "ar")}


def _localized_list(value: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise BadResponseError(detail=f"expected an object with ar/en lists, got {value!r:.80}")
    return {lang: tuple(intern(str(t)) for t in value.get(lang) or ()) for lang in ("en", "ar")}


def _variant_fields(data: Any) -> dict[str, Any]:
    """The `Variant` fields of an item's or a variant's JSON (raises like `Variant.from_json`)."""
    sha = str(data["sha256"])
    if not _SHA256.fullmatch(sha):
        raise ValueError(f"bad sha256 {sha!r:.80}")
    return {
        "id": str(data["id"]),
        "style": intern(str(data.get("style", ""))),
        "accent": intern(str(data.get("accent", ""))),
        "sha256": sha,
        "bytes": int(data["bytes"]),
        "width": int(data.get("width", 0)),
        "height": int(data.get("height", 0)),
    }


@dataclass(frozen=True, slots=True)
class Variant:
    """What differs between the style variants of one illustration (DESIGN §5): a grouped
    catalog page lists them on each item, which shares its title, tags, category and licence."""

    id: str
    style: str
    accent: str
    sha256: str
    bytes: int
    width: int
    height: int

    @classmethod
    def from_json(cls, data: Any) -> Variant:
        """Build from one of an item's `variants`; raises KeyError, TypeError or ValueError on
        anything malformed (Illustration.from_json turns them into BadResponseError)."""
        return cls(**_variant_fields(data))

    def to_json(self) -> dict[str, Any]:
        """The same JSON shape `from_json` reads (also the fields of an `Illustration`)."""
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(frozen=True, slots=True)
class Illustration:
    """One catalog item (DESIGN §5). A grid holds 100k of them: slots, and the values many items
    share (tags, category, style, licence…) are interned: measured 1.9 -> 1.1 KB per item."""

    id: str
    title: dict[str, str]
    tags: dict[str, tuple[str, ...]]
    category: str
    style: str
    accent: str
    sha256: str
    bytes: int
    width: int
    height: int
    license: str
    updated_at: str
    family: str = ""  # shared by the style variants of one illustration ("": not known)
    # Every variant of the family (this one too) when the catalog was asked one item per family.
    variants: tuple[Variant, ...] = ()

    def with_variant(self, variant_id: str) -> Illustration:
        """This illustration in the style variant `variant_id` (itself if it has no such one)."""
        for variant in self.variants:
            if variant.id == variant_id and variant.id != self.id:
                return replace(self, **variant.to_json())
        return self

    def title_in(self, lang: str) -> str:
        """The title in `lang`, falling back to English."""
        return self.title.get(lang) or self.title["en"]

    def tags_in(self, lang: str) -> tuple[str, ...]:
        return self.tags.get(lang) or self.tags["en"]

    @classmethod
    def from_json(cls, data: Any) -> Illustration:
        """Build from the server's JSON; raise BadResponseError on anything malformed."""
        try:
            return cls(
                **_variant_fields(data),
                title=_localized(data["title"]),
                tags=_localized_list(data.get("tags", {})),
                category=intern(str(data.get("category", ""))),
                license=intern(str(data.get("license", ""))),
                updated_at=intern(str(data.get("updated_at", ""))),
                family=str(data.get("family") or data["id"]),
                variants=tuple(Variant.from_json(v) for v in data.get("variants") or ()),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise BadResponseError(detail=f"malformed illustration: {exc}") from exc

    def to_json(self) -> dict[str, Any]:
        """The same JSON shape `from_json` reads (the offline catalog cache stores it)."""
        return {
            "title": dict(self.title),
            "tags": {lang: list(tags) for lang, tags in self.tags.items()},
            "category": self.category,
            **{name: getattr(self, name) for name in Variant.__slots__},
            "license": self.license,
            "updated_at": self.updated_at,
            "family": self.family,
            **({"variants": [v.to_json() for v in self.variants]} if self.variants else {}),
        }


@dataclass(frozen=True)
class CatalogPage:
    items: tuple[Illustration, ...]
    next_cursor: str | None
    total: int | None = None  # how many items match, when the server says (first page)

    @classmethod
    def from_json(cls, data: Any) -> CatalogPage:
        """Build from `GET /v1/catalog`'s JSON; raise BadResponseError on anything malformed."""
        items = data.get("items") if isinstance(data, dict) else None
        next_cursor = data.get("next_cursor") if isinstance(data, dict) else None
        if not isinstance(items, list) or not isinstance(next_cursor, str | None):
            raise BadResponseError(detail="catalog page without items/next_cursor")
        total = data.get("total")
        return cls(
            tuple(Illustration.from_json(i) for i in items),
            next_cursor,
            total if isinstance(total, int) and total >= 0 else None,
        )

    def to_json(self) -> dict[str, Any]:
        """The same JSON shape `from_json` reads."""
        return {
            "items": [item.to_json() for item in self.items],
            "next_cursor": self.next_cursor,
            "total": self.total,
        }


@dataclass(frozen=True)
class Facet:
    """A category or style with its names and item count."""

    id: str
    name: dict[str, str]
    count: int

    def name_in(self, lang: str) -> str:
        return self.name.get(lang) or self.name["en"] or self.id

    @classmethod
    def from_json(cls, data: Any) -> Facet:
        """Build from one entry of `GET /v1/catalog/facets`; raises KeyError, TypeError or
        ValueError on anything malformed (Facets.from_json turns them into BadResponseError)."""
        name = data["name"]
        return cls(
            id=str(data["id"]),
            name={lang: str(name.get(lang, "")) for lang in ("en", "ar")},
            count=int(data["count"]),
        )

    def to_json(self) -> dict[str, Any]:
        """The same JSON shape `from_json` reads."""
        return {"id": self.id, "name": dict(self.name), "count": self.count}


def facet_name(facets: tuple[Facet, ...], facet_id: str, lang: str) -> str:
    """The name of a category or style in `lang`; its id, made readable, while the facets aren't
    known (offline before the catalog's facets were ever loaded)."""
    for facet in facets:
        if facet.id == facet_id:
            return facet.name_in(lang)
    return facet_id.replace("-", " ").replace("_", " ").capitalize()


@dataclass(frozen=True)
class Facets:
    categories: tuple[Facet, ...]
    styles: tuple[Facet, ...]

    @classmethod
    def from_json(cls, data: Any) -> Facets:
        """Build from `GET /v1/catalog/facets`'s JSON; raise BadResponseError if malformed."""
        try:
            return cls(
                tuple(Facet.from_json(f) for f in data["categories"]),
                tuple(Facet.from_json(f) for f in data["styles"]),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise BadResponseError(detail=f"malformed facets: {exc}") from exc

    def to_json(self) -> dict[str, Any]:
        """The same JSON shape `from_json` reads (the offline catalog cache stores it)."""
        return {
            "categories": [f.to_json() for f in self.categories],
            "styles": [f.to_json() for f in self.styles],
        }


@dataclass(frozen=True)
class CatalogQuery:
    """What the catalog grid shows: search text and filters."""

    q: str = ""
    category: str = ""
    style: str = ""
    # "" (relevance: titles matching the search first; catalog order without one), "newest",
    # "title-en" or "title-ar" (titles A–Z in that language)
    sort: str = ""


@dataclass(frozen=True)
class Account:
    """The signed-in person's profile as `/v1/me` and `POST /v1/accounts` return it."""

    id: str
    name: str
    email: str
    locale: str
    accepted_policy_version: int
    created_at: str

    @classmethod
    def from_json(cls, data: Any) -> Account:
        """Build from the server's JSON; raise BadResponseError on anything malformed."""
        try:
            email = data["email"]
            if not isinstance(email, str) or "@" not in email:
                raise ValueError("account without an email")
            return cls(
                id=str(data["id"]),
                name=str(data["name"]),
                email=email,
                locale=str(data.get("locale") or "en"),
                accepted_policy_version=int(data.get("accepted_policy_version") or 0),
                created_at=str(data.get("created_at") or ""),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise BadResponseError(detail=f"malformed account: {exc}") from exc

    def to_json(self) -> dict[str, Any]:
        """The same JSON shape `from_json` reads (the keyring keeps it for offline start-up)."""
        return {
            "id": self.id,
            "name": self.name,
            "email": self.email,
            "locale": self.locale,
            "accepted_policy_version": self.accepted_policy_version,
            "created_at": self.created_at,
        }
