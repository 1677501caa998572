"""Garbage in never gets a 5xx out: fixed cases, then hypothesis over /v1/catalog's parameters."""

from __future__ import annotations

import pytest
import requests
from hypothesis import HealthCheck, given, settings, strategies as st

PRINTABLE = st.characters(blacklist_categories=("Cs",))


def assert_error_shape(response: requests.Response, status: int | None = None) -> None:
    assert 400 <= response.status_code < 500, (response.status_code, response.text)
    if status is not None:
        assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error", "message"}
    assert isinstance(body["error"], str) and body["message"]


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/v1/catalog?limit=abc", 422, "invalid_request"),
        ("/v1/catalog?limit=0", 422, "invalid_request"),
        ("/v1/catalog?limit=-1", 422, "invalid_request"),
        ("/v1/catalog?limit=201", 422, "invalid_request"),
        ("/v1/catalog?limit=100000", 422, "invalid_request"),
        ("/v1/catalog?limit=1e3", 422, "invalid_request"),
        ("/v1/catalog?cursor=@@@", 400, "bad_cursor"),
        ("/v1/catalog?cursor=cDA", 400, "bad_cursor"),  # "p0"
        ("/v1/catalog?cursor=cC0x", 400, "bad_cursor"),  # "p-1"
        ("/v1/catalog?cursor=cDk5OTk5OTk5OTk5OQ", 400, "bad_cursor"),  # out of range
        ("/v1/catalog?cursor=%FF%FE", 400, "bad_cursor"),
        ("/v1/catalog?q=" + "x" * 201, 422, "invalid_request"),
        ("/v1/catalog?category=%00", 422, "invalid_request"),
        ("/v1/illustrations/%00", 422, "invalid_request"),
        ("/v1/illustrations/" + "a" * 200, 422, "invalid_request"),
        ("/v1/policy?lang=fr", 422, "invalid_request"),
        ("/v1/files/..%2F..%2Fetc", 404, "not_found"),
        ("/v1/files/nothex", 422, "invalid_request"),
        ("/v1/nowhere", 404, "not_found"),
        ("/", 404, "not_found"),
    ],
)
def test_bad_requests_get_4xx_in_the_error_shape(
    server_url: str, path: str, status: int, code: str
) -> None:
    response = requests.get(server_url + path, timeout=10)
    assert_error_shape(response, status)
    assert response.json()["error"] == code


def test_wrong_method_is_405_in_the_error_shape(server_url: str) -> None:
    response = requests.post(f"{server_url}/v1/catalog", timeout=10)
    assert_error_shape(response, 405)
    assert response.json()["error"] == "method_not_allowed"


@pytest.mark.parametrize(
    "query", ["q=%00", "q=%FF%FE", "q=%", "q=%%%", "category=%FF", "style=", "q=&q=a", "limit="]
)
def test_odd_encodings_never_5xx(server_url: str, query: str) -> None:
    response = requests.get(f"{server_url}/v1/catalog?{query}", timeout=10)
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert_error_shape(response)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    params=st.fixed_dictionaries(
        {},
        optional={
            "q": st.text(PRINTABLE, max_size=250),
            "category": st.one_of(st.sampled_from(["errors", "dark"]), st.text(PRINTABLE)),
            "style": st.one_of(st.sampled_from(["light", "dark"]), st.text(PRINTABLE)),
            "cursor": st.one_of(st.text(PRINTABLE, max_size=80), st.sampled_from(["cDU"])),
            "limit": st.one_of(st.integers(-(2**70), 2**70), st.text(PRINTABLE, max_size=8)),
        },
    )
)
def test_fuzzed_catalog_params_never_5xx(server_url: str, params: dict[str, object]) -> None:
    response = requests.get(f"{server_url}/v1/catalog", params=params, timeout=10)
    assert response.status_code < 500, (params, response.text)
    if response.status_code == 200:
        body = response.json()
        assert set(body) == {"items", "next_cursor", "total"}
    else:
        assert_error_shape(response)
