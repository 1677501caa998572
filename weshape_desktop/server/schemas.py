"""The JSON shapes of API v1 (DESIGN §5); FastAPI's OpenAPI schema is generated from these."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, StrictInt


def _encodable(text: str) -> str:
    """JSON may spell lone surrogates (`"\\ud800"`), which no UTF-8 text holds: refuse them here,
    so they never reach hashing or the database."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be Unicode text without lone surrogates") from None
    return text


Text = Annotated[str, AfterValidator(_encodable)]


class LocalisedText(BaseModel):
    en: str
    ar: str


class LocalisedTags(BaseModel):
    en: list[str]
    ar: list[str]


class Variant(BaseModel):
    """One style variant of an illustration; the rest (title, tags, category, licence) is the
    same as its family's card."""

    id: str
    style: str
    accent: str
    sha256: str
    bytes: int
    width: int
    height: int


class Item(Variant):
    """A catalog item: one style variant with its illustration's texts, category and licence."""

    title: LocalisedText
    tags: LocalisedTags
    category: str
    license: str
    updated_at: str
    family: str  # shared by the style variants of one illustration; `id` when it has none
    # With `group=family`: every variant of the family (this item too), in catalog order.
    variants: list[Variant] | None = None


class CatalogPage(BaseModel):
    items: list[Item]
    next_cursor: str | None
    # Items (illustrations, with `group=family`) matching the query; sent with page one only.
    total: int | None = None


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


class PolicyAcknowledgement(BaseModel):
    """`/v1/me/policy`: the newest policy version the account has read (or accepted when it
    registered)."""

    acknowledged_version: int


class PolicyAcknowledgementIn(BaseModel):
    version: StrictInt  # `true` is not version 1 (pydantic's lax mode would read it so)


class Health(BaseModel):
    status: Literal["ok", "unavailable"]  # unavailable (503): the database or files are not
    version: str
    database: Literal["ok", "unreachable"]
    files: Literal["ok", "unreachable"]


class ErrorBody(BaseModel):
    error: str
    message: str


class NewAccount(BaseModel):
    """`POST /v1/accounts`. The server checks the rules and answers with specific error codes
    (invalid_name, invalid_email, weak_password, policy_not_accepted)."""

    name: Text
    email: Text
    password: Text
    accepted_policy_version: StrictInt
    locale: Literal["ar", "en"]


class AccountOut(BaseModel):
    id: str
    name: str
    email: str
    locale: str
    accepted_policy_version: int
    created_at: str


class Tokens(BaseModel):
    """An OAuth 2 token response (RFC 6749 §5.1); sent with `Cache-Control: no-store`."""

    access_token: str
    refresh_token: str
    token_type: Literal["Bearer"]
    expires_in: int


class TokenError(BaseModel):
    """An OAuth 2 error (RFC 6749 §5.2) that is also in the uniform error shape."""

    error: str
    error_description: str
    message: str
