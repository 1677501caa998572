"""Talking `POST /v1/sync` to a real server: devices of an account, and change builders."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

import requests

from tests.server.conftest import PASSWORD, AuthServer

T0 = 1_800_000_000_000  # the FakeClock's start, in ms


def entry(item_id: str, modified: int = T0, **fields: Any) -> dict[str, Any]:
    return {
        "item_id": item_id,
        "added_at": T0 - 1000,
        "favourite": False,
        "note": "",
        "tags": [],
        **fields,
        "modified": modified,
    }


def collection(
    collection_id: str, items: list[str], modified: int = T0, name: str = "Icons"
) -> dict[str, Any]:
    return {"id": collection_id, "name": name, "position": 0, "items": items, "modified": modified}


def pref(key: str, value: Any, modified: int = T0) -> dict[str, Any]:
    return {"key": key, "value": value, "modified": modified}


ID_FIELD = {"entry": "item_id", "collection": "id", "pref": "key"}


def tombstone(kind: str, object_id: str, modified: int) -> dict[str, Any]:
    return {ID_FIELD[kind]: object_id, "modified": modified}


@dataclass
class Device:
    """One installation of the app: its id, its account's token, the usn it has seen, and the
    server state it last saw of each object (the `base` of its next change to it)."""

    url: str
    token: str
    device_id: str
    usn: int = 0
    known: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    _outbox_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def change(self, kind: str, payload: dict[str, Any], *, delete: bool = False) -> dict[str, Any]:
        """A change to the object `payload` names, based on what this device last saw of it."""
        object_id = payload[ID_FIELD[kind]]
        return {
            "id": f"{self.device_id}:{next(self._outbox_ids)}",
            "kind": kind,
            "object_id": object_id,
            "op": "delete" if delete else "upsert",
            "modified": payload["modified"],
            "payload": payload,
            "base": self.known.get((kind, object_id)),
        }

    def post(
        self, changes: list[dict[str, Any]], since_usn: int | None = None
    ) -> requests.Response:
        body = {
            "device_id": self.device_id,
            "since_usn": self.usn if since_usn is None else since_usn,
            "changes": changes,
        }
        return requests.post(
            f"{self.url}/v1/sync",
            json=body,
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=30,
        )

    def sync(self, *changes: dict[str, Any]) -> list[dict[str, Any]]:
        """Push `changes`, then pull every page; the server changes received, in order."""
        received: list[dict[str, Any]] = []
        pending = list(changes)
        while True:
            response = self.post(pending)
            assert response.status_code == 200, response.text
            body = response.json()
            pending = []
            for server_change in body["server_changes"]:
                key = (server_change["kind"], server_change["object_id"])
                self.known[key] = server_change["payload"]
            received += body["server_changes"]
            self.usn = body["new_usn"]
            if not body["more"]:
                return received

    def state(self, kind: str, object_id: str) -> dict[str, Any]:
        return self.known[(kind, object_id)]


def sign_in_device(server: AuthServer, device_id: str, email: str | None = None) -> Device:
    """A device signed in to the account with `email` (registered first when new)."""
    if email is None:
        token = server.tokens()["access_token"]
    else:
        server.register(email=email)
        response = server.sign_in(email, PASSWORD)
        assert response.status_code == 200, response.text
        token = response.json()["access_token"]
    return Device(server.url, token, device_id)
