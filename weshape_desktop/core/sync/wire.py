"""`POST /v1/sync`'s JSON (docs/sync.md): the request body, and the answer read back strictly so a
malformed one fails before anything is written."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeGuard

from weshape_desktop.core.errors import BadResponseError
from weshape_desktop.core.library import OutgoingChange, ServerChange, SyncRound
from weshape_desktop.core.models import Illustration

# The fields a live object's payload must have, by kind; every payload has an int "modified".
# Kinds not listed (a newer server's) pass through: the library leaves them alone.
_LIVE_FIELDS: dict[str, dict[str, type | tuple[type, ...]]] = {
    "entry": {"added_at": int, "favourite": bool, "note": str, "tags": list},
    "collection": {"name": str, "position": int, "items": list},
    "pref": {"value": object},
}


@dataclass(frozen=True)
class SyncAnswer:
    changes: tuple[ServerChange, ...]
    new_usn: int
    more: bool


def request_body(sync_round: SyncRound) -> dict[str, Any]:
    """The request for one round; a change's id (`<device_id>:<outbox id>`) makes a retry of
    the same round apply once on the server."""
    return {
        "device_id": sync_round.device_id,
        "since_usn": sync_round.since_usn,
        "changes": [_change_json(sync_round.device_id, c) for c in sync_round.changes],
    }


def _change_json(device_id: str, change: OutgoingChange) -> dict[str, Any]:
    return {
        "id": f"{device_id}:{change.outbox_id}",
        "kind": change.kind,
        "object_id": change.object_id,
        "op": change.op,
        "modified": change.modified,
        "payload": dict(change.payload),
        "base": None if change.base is None else dict(change.base),
    }


def parse_answer(data: Any) -> SyncAnswer:
    """The server's answer; raises BadResponseError naming what is wrong."""
    if not isinstance(data, dict):
        raise BadResponseError(detail="sync: the answer is not an object")
    changes, new_usn, more = data.get("server_changes"), data.get("new_usn"), data.get("more")
    if not isinstance(changes, list) or not _is_int(new_usn) or not isinstance(more, bool):
        raise BadResponseError(detail="sync: server_changes, new_usn or more missing")
    return SyncAnswer(tuple(_server_change(i, c) for i, c in enumerate(changes)), new_usn, more)


def _server_change(index: int, data: Any) -> ServerChange:
    where = f"sync: server_changes[{index}]"
    if not isinstance(data, dict):
        raise BadResponseError(detail=f"{where} is not an object")
    kind, object_id, usn = data.get("kind"), data.get("object_id"), data.get("usn")
    deleted, payload, item = data.get("deleted"), data.get("payload"), data.get("item")
    if not (
        isinstance(kind, str)
        and isinstance(object_id, str)
        and object_id
        and _is_int(usn)
        and isinstance(deleted, bool)
        and isinstance(payload, dict)
        and _is_int(payload.get("modified"))
    ):
        raise BadResponseError(detail=f"{where}: kind, object_id, usn, deleted or payload")
    if not deleted:
        _check_fields(where, payload, _LIVE_FIELDS.get(kind, {}))
        for name in ("tags", "items"):
            if name in _LIVE_FIELDS.get(kind, {}) and not _all_str(payload[name]):
                raise BadResponseError(detail=f"{where}: {name} must be strings")
    return ServerChange(
        kind,
        object_id,
        usn,
        deleted,
        payload,
        Illustration.from_json(item) if kind == "entry" and item is not None else None,
    )


def _check_fields(where: str, payload: dict[str, Any], fields: dict[str, Any]) -> None:
    for name, kind in fields.items():
        value = payload.get(name)
        if name not in payload or not isinstance(value, kind) or (kind is int and value is True):
            raise BadResponseError(detail=f"{where}: payload.{name}")


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _all_str(values: Sequence[Any]) -> bool:
    return all(isinstance(v, str) for v in values)
