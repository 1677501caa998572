"""The JSON shapes of account sync, the export and account deletion (docs/sync.md).

A change's payload is checked against its kind (the full state of an entry, a collection or a
preference, or a tombstone naming the object), so the merge rules only ever see well-formed
objects; a kind this server does not know passes unchecked, to be ignored. Any JSON a change
carries must also be storable and sendable back on every database: no lone surrogates, no NaN.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    StringConstraints,
    ValidationError,
    model_validator,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from weshape_desktop.server.schemas import AccountOut, Item, Text

MAX_CHANGES = 500
MAX_MS = 2**53  # `modified` (ms since the epoch): JSON's exact integers, well inside BIGINT
MAX_USN = 2**62
# The field of each kind's payload that names the object (its `object_id`).
ID_FIELDS = {"entry": "item_id", "collection": "id", "pref": "key"}

# No control characters: PostgreSQL refuses NUL in text, and no id needs them.
_PRINTABLE = r"^[^\x00-\x1f\x7f]+$"
_HEX = r"^[0-9a-f]+$"
ObjectId = Annotated[Text, StringConstraints(min_length=1, max_length=128, pattern=_PRINTABLE)]


def _storable_json(value: dict[str, Any]) -> dict[str, Any]:
    """`value` when every string in it is UTF-8 text and every number finite (walked without
    recursion: the JSON parser allows deeper nesting than Python's stack)."""
    pending: list[Any] = [value]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            pending.extend(node.keys())
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
        elif isinstance(node, str):
            try:
                node.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError("must hold Unicode text without lone surrogates") from None
        elif isinstance(node, float) and not math.isfinite(node):
            raise ValueError("must hold finite numbers only")
    return value


JsonObject = Annotated[dict[str, Any], AfterValidator(_storable_json)]


class _Payload(BaseModel):
    # Strict: what is stored is the JSON as sent, so `1` must not pass for `true`. Fields a newer
    # client adds are kept.
    model_config = ConfigDict(strict=True, extra="allow")

    # The merge rules go by field name whatever the kind, so wherever these appear they must
    # have the type their rule handles (each kind requires its own).
    added_at: int = Field(default=0, ge=0, le=MAX_MS)
    note: str = ""
    tags: list[str] = []
    items: list[str] = []


class EntryPayload(_Payload):
    item_id: str
    added_at: int = Field(ge=0, le=MAX_MS)
    favourite: bool
    note: str
    tags: list[str]


class CollectionPayload(_Payload):
    id: str
    name: str
    position: int
    items: list[str]


class PrefPayload(_Payload):
    key: str
    value: Any


PAYLOADS: dict[str, type[_Payload]] = {
    "entry": EntryPayload,
    "collection": CollectionPayload,
    "pref": PrefPayload,
}


def error_path(location: tuple[int | str, ...]) -> str:
    """`("changes", 3, "payload")` as `changes[3].payload`."""
    path = ""
    for part in location:
        path += f"[{part}]" if isinstance(part, int) else f".{part}" if path else str(part)
    return path


def describe_errors(errors: list[ErrorDetails] | list[dict[str, Any]]) -> str:
    """Pydantic errors as `where: what`, joined; `where` without FastAPI's leading `body`."""
    described = []
    for error in errors:
        location = tuple(error.get("loc", ()))
        where = error_path(location[1:] if location[:1] == ("body",) else location)
        described.append(f"{where}: {error.get('msg', 'invalid')}" if where else error["msg"])
    return "; ".join(described) or "Invalid request."


class Change(BaseModel):
    """One object's new full state (`upsert`) or its tombstone (`delete`)."""

    id: ObjectId
    kind: Annotated[Text, StringConstraints(min_length=1, max_length=32, pattern=_PRINTABLE)]
    object_id: ObjectId
    op: Literal["upsert", "delete"]
    modified: int = Field(ge=0, le=MAX_MS)
    payload: JsonObject
    base: JsonObject | None = None

    @model_validator(mode="after")
    def _payload_fits_kind(self) -> Change:
        if self.kind in ID_FIELDS:
            tombstone = self.op == "delete"
            _check_state("payload", self.kind, self.object_id, self.payload, tombstone)
            if self.base is not None:
                base_tombstone = is_tombstone(self.kind, self.base)
                _check_state("base", self.kind, self.object_id, self.base, base_tombstone)
        return self


def is_tombstone(kind: str, payload: dict[str, Any]) -> bool:
    """Whether `payload` of a known kind is a tombstone's (its id and `modified`, nothing else):
    a device's `base` is one when the last state it had from the server was a deletion."""
    return payload.keys() <= {ID_FIELDS[kind], "modified"}


def _check_state(
    name: str, kind: str, object_id: str, payload: dict[str, Any], tombstone: bool
) -> None:
    id_field = ID_FIELDS[kind]
    if payload.get(id_field) != object_id:
        raise _error(f"{name}.{id_field} must equal object_id")
    if tombstone:
        return
    try:
        PAYLOADS[kind].model_validate(payload)
    except ValidationError as exc:
        errors = [{**e, "loc": (name, *e["loc"])} for e in exc.errors()]
        raise _error(describe_errors(errors)) from None


def _error(message: str) -> PydanticCustomError:
    # The message goes in as context: pydantic would read braces in it as placeholders.
    return PydanticCustomError("bad_change", "{message}", {"message": message})


class SyncRequest(BaseModel):
    device_id: Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=_HEX)]
    since_usn: StrictInt = Field(ge=0, le=MAX_USN)
    changes: list[Change] = Field(max_length=MAX_CHANGES)


class _SyncedObject(BaseModel):
    """An object's state as the server holds it."""

    kind: str
    object_id: str
    usn: int
    modified: int
    deleted: bool
    payload: dict[str, Any]


class ServerChange(_SyncedObject):
    item: Item | None  # an entry's catalog item, when the catalog has it


class SyncResponse(BaseModel):
    server_changes: list[ServerChange]
    new_usn: int
    more: bool


class AccountDeletion(BaseModel):
    """`DELETE /v1/me`: the password again, so a borrowed session can't delete the account."""

    password: Text = Field(max_length=1024)


class StoredObject(_SyncedObject):
    device_id: str  # the device that last changed it


class DownloadRecord(BaseModel):
    sha256: str
    downloaded_at: str


class SignIn(BaseModel):
    """A sign-in that is still valid (a device or browser holding a refresh token)."""

    started_at: str
    expires_at: str


class AccountExport(BaseModel):
    """Everything the server holds about one account (the privacy policy's controls). The
    password is held only as an argon2 hash and tokens only as sha256 hashes: neither is
    exported."""

    exported_at: str
    profile: AccountOut
    accepted_policy_version: int
    downloads: list[DownloadRecord]
    sign_ins: list[SignIn]
    usn: int
    synced_objects: list[StoredObject]
