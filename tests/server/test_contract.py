"""The OpenAPI schema (the contract's source of truth) and the catch-all 500 shape."""

from __future__ import annotations

import warnings

import requests

from weshape_desktop.server.app import create_app
from weshape_desktop.server.catalog_source import Catalog
from weshape_desktop.server.runner import ServerThread
from weshape_desktop.server.settings import ServerSettings

ITEM_FIELDS = {
    "id", "title", "tags", "category", "style", "accent", "sha256", "bytes", "width", "height",
    "license", "updated_at", "family", "variants",
}  # fmt: skip


def test_openapi_schema_describes_v1_cleanly(catalog: Catalog) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # e.g. duplicate operation ids
        schema = create_app(ServerSettings(), catalog=catalog).openapi()
    assert {
        "/v1/catalog",
        "/v1/catalog/facets",
        "/v1/illustrations/{item_id}",
        "/v1/files/{sha256}",
        "/v1/previews/{sha256}",
        "/v1/policy",
        "/v1/health",
        "/v1/accounts",
        "/v1/auth/token",
        "/v1/auth/authorize",
        "/v1/auth/revoke",
        "/v1/me",
        "/v1/me/export",
        "/v1/sync",
    } <= set(schema["paths"])
    components = schema["components"]["schemas"]
    assert set(components["Item"]["properties"]) == ITEM_FIELDS
    assert set(components["ErrorBody"]["properties"]) == {"error", "message"}
    catalog_get = schema["paths"]["/v1/catalog"]["get"]
    assert catalog_get["responses"]["422"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorBody"
    }
    sync = schema["paths"]["/v1/sync"]["post"]
    assert {"200", "400", "401", "413"} <= set(sync["responses"])
    assert set(components["SyncRequest"]["properties"]) == {"device_id", "since_usn", "changes"}
    assert set(components["SyncResponse"]["properties"]) == {"server_changes", "new_usn", "more"}
    assert set(schema["paths"]["/v1/me"]) == {"get", "delete"}


class BrokenStore:
    def get(self, sha256: str) -> bytes | None:
        raise RuntimeError("disk on fire")

    def close(self) -> None:
        pass


def test_unexpected_errors_are_500_in_the_error_shape(catalog: Catalog) -> None:
    settings = ServerSettings(require_account_for_downloads=False)
    app = create_app(settings, catalog=catalog, files=BrokenStore())
    with ServerThread(app) as server:
        response = requests.get(f"{server.url}/v1/files/{'a' * 64}", timeout=10)
    assert response.status_code == 500
    assert response.json() == {
        "error": "internal_error",
        "message": "The server failed to answer this request; it has been logged.",
    }
