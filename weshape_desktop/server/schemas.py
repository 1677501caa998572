"""The JSON shapes of API v1 (DESIGN §5); FastAPI's OpenAPI schema is generated from these."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel


class LocalisedText(BaseModel):
    en: str
    ar: str


class LocalisedTags(BaseModel):
    en: list[str]
    ar: list[str]


class Item(BaseModel):
    id: str
    title: LocalisedText
    tags: LocalisedTags
    category: str
    style: str
    accent: str
    sha256: str
    bytes: int
    width: int
    height: int
    license: str
    updated_at: str


class CatalogPage(BaseModel):
    items: list[Item]
    next_cursor: str | None
    total: int | None = None  # items matching the query; sent with the first page only


class Facet(BaseModel):
    id: str
    name: LocalisedText
    count: int


class Facets(BaseModel):
    categories: list[Facet]
    styles: list[Facet]


class Policy(BaseModel):
    version: int
    published: str
    significant: bool
    lang: Literal["ar", "en"]
    text: str


class Health(BaseModel):
    status: Literal["ok"]
    version: str


class ErrorBody(BaseModel):
    error: str
    message: str
