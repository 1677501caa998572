"""Request bodies past 64 KiB (4 MiB for a sync's batch of changes) are refused with 413 in the
usual error shape: by their `Content-Length` before a byte of them is read, and by the bytes
received when there is none (chunked bodies)."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
import requests

from tests.server.conftest import EMAIL, PASSWORD, AuthServer
from tests.server.sync_support import entry, sign_in_device

LIMIT = 64 * 1024
SYNC_LIMIT = 4 * 1024 * 1024
TOO_LARGE = {
    "error": "too_large",
    "message": f"The request body is larger than this API accepts ({LIMIT} bytes).",
}


def registration(size: int) -> bytes:
    """A registration whose JSON is exactly `size` bytes (padded with spaces JSON ignores)."""
    body = json.dumps(
        {
            "name": "Lina",
            "email": EMAIL,
            "password": PASSWORD,
            "accepted_policy_version": 1,
            "locale": "en",
        }
    ).encode()
    return body + b" " * (size - len(body))


def chunks(data: bytes, size: int = 8192) -> Iterator[bytes]:
    """`data` as a generator: requests sends it chunked, without Content-Length."""
    for start in range(0, len(data), size):
        yield data[start : start + size]


def assert_too_large(response: requests.Response) -> None:
    assert response.status_code == 413, response.text
    assert response.json() == TOO_LARGE


def test_a_json_body_at_the_limit_is_read(auth_server: AuthServer) -> None:
    url = f"{auth_server.url}/v1/accounts"
    headers = {"Content-Type": "application/json"}
    at_limit = requests.post(url, data=registration(LIMIT), headers=headers, timeout=10)
    assert at_limit.status_code == 201, at_limit.text
    assert_too_large(requests.post(url, data=registration(LIMIT + 1), headers=headers, timeout=10))


def test_a_chunked_json_body_is_cut_at_the_limit(auth_server: AuthServer) -> None:
    url = f"{auth_server.url}/v1/accounts"
    headers = {"Content-Type": "application/json"}
    streamed = requests.post(url, data=chunks(registration(LIMIT + 1)), headers=headers, timeout=10)
    assert_too_large(streamed)
    assert requests.post(url, data=chunks(registration(LIMIT)), headers=headers, timeout=10).ok


@pytest.mark.parametrize("chunked", [False, True])
def test_form_bodies_over_the_limit(auth_server: AuthServer, chunked: bool) -> None:
    auth_server.register()
    form = f"grant_type=password&username={EMAIL}&password={PASSWORD}&pad=".encode()
    body = form + b"x" * (LIMIT + 1 - len(form))
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    for path in ("/v1/auth/token", "/v1/auth/revoke", "/v1/auth/authorize"):
        response = requests.post(
            auth_server.url + path,
            data=chunks(body) if chunked else body,
            headers=headers,
            timeout=10,
        )
        assert_too_large(response)
    files = {"grant_type": (None, "password"), "pad": ("pad.bin", b"x" * LIMIT)}
    assert_too_large(requests.post(f"{auth_server.url}/v1/auth/token", files=files, timeout=10))


def test_a_large_content_length_is_refused_before_the_body(auth_server: AuthServer) -> None:
    """The server answers from the header alone: no body is ever sent here."""
    address = urlsplit(auth_server.url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    try:
        connection.putrequest("POST", "/v1/accounts")
        connection.putheader("Content-Type", "application/json")
        connection.putheader("Content-Length", str(15 * 1024 * 1024))
        connection.endheaders()
        response = connection.getresponse()
        assert response.status == 413
        assert json.loads(response.read()) == TOO_LARGE
    finally:
        connection.close()


@pytest.mark.parametrize("chunked", [False, True])
def test_a_sync_takes_up_to_4_mib(auth_server: AuthServer, chunked: bool) -> None:
    """500 changes with long notes are well over 64 KiB; past 4 MiB is still too large."""
    device = sign_in_device(auth_server, "1a")
    changes = [device.change("entry", entry(f"x-{n}", note="n" * 8000)) for n in range(500)]
    body = json.dumps({"device_id": "1a", "since_usn": 0, "changes": changes}).encode()
    assert LIMIT < len(body) <= SYNC_LIMIT
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {device.token}"}
    url = f"{auth_server.url}/v1/sync"

    def post(data: bytes) -> requests.Response:
        sent = chunks(data) if chunked else data
        return requests.post(url, data=sent, headers=headers, timeout=30)

    assert post(body + b" " * (SYNC_LIMIT - len(body))).status_code == 200
    response = post(body + b" " * (SYNC_LIMIT + 1 - len(body)))
    assert response.status_code == 413
    assert response.json() == {
        "error": "too_large",
        "message": f"The request body is larger than this API accepts ({SYNC_LIMIT} bytes).",
    }
