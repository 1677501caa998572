"""The API contract fuzzed by schemathesis: every operation in /openapi.json, with the schema's
examples, boundary values (its coverage phase) and generated inputs, valid and not, signed in
with a real bearer token and not, against the real app over HTTP (SQLite in a temporary data
folder). No answer may be a 5xx, and every answer must be one the OpenAPI document describes:
status, content type, headers and body schema.

`make test` runs a bounded pass (60 generated examples per operation, about half a minute
here); the `slow` marker runs 2,000."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import hypothesis
import pytest
import requests
import schemathesis
from hypothesis import strategies as st
from schemathesis import Case

from tests.server.conftest import AuthServer, FakeClock, build_catalog, start_test_server
from weshape_desktop.server.app import create_app
from weshape_desktop.server.catalog_source import Catalog
from weshape_desktop.server.settings import ServerSettings


def openapi_document() -> dict[str, object]:
    """The document the server publishes at /openapi.json (it doesn't depend on the data)."""
    empty = Catalog(entries=[], categories={}, styles={})
    return create_app(ServerSettings(), catalog=empty).openapi()


# Every check but one: a request the schema allows may still break a rule no JSON Schema
# states (a cursor this server never issued, an outdated policy version, a weak password), and
# the server rightly refuses it with a 4xx.
CONFIG = schemathesis.Config.from_dict({"checks": {"positive_data_acceptance": {"enabled": False}}})
schema = schemathesis.openapi.from_dict(openapi_document(), config=CONFIG)
NO_LIMITS = {  # rate limits would hide what lies behind them after the first few cases
    "sign_in_failures_per_email": 10**9,
    "sign_in_failures_per_ip": 10**9,
    "registrations_per_ip": 10**9,
}


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A server with a catalog and an account: its URL and a real access token."""
    folder, clock = tmp_path_factory.mktemp("fuzz"), FakeClock()  # still: the token stays valid
    catalog = build_catalog(folder / "catalog")
    server = start_test_server(catalog, folder / "data", clock=clock, **NO_LIMITS)
    try:
        yield server.url, AuthServer(server.url, clock, Path()).tokens()["access_token"]
    finally:
        server.stop()


def test_the_fuzzed_document_is_the_served_one(api: tuple[str, str]) -> None:
    url, _ = api
    assert requests.get(f"{url}/openapi.json", timeout=10).json() == openapi_document()


def call_and_validate(case: Case, signed_in: bool, api: tuple[str, str]) -> None:
    url, token = api
    case.call_and_validate(
        base_url=url, headers={"Authorization": f"Bearer {token}"} if signed_in else None
    )


@schema.given(signed_in=st.booleans())
@schema.parametrize()
@hypothesis.settings(max_examples=60, deadline=None)
def test_every_operation_keeps_the_contract(
    case: Case, signed_in: bool, api: tuple[str, str]
) -> None:
    call_and_validate(case, signed_in, api)


@pytest.mark.slow
@pytest.mark.timeout(1800)  # per operation: the busiest take several minutes
@schema.given(signed_in=st.booleans())
@schema.parametrize()
@hypothesis.settings(max_examples=2000, deadline=None)
def test_every_operation_keeps_the_contract_at_length(
    case: Case, signed_in: bool, api: tuple[str, str]
) -> None:
    call_and_validate(case, signed_in, api)
