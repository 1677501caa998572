"""/v1/files/{sha256} and /v1/previews/{sha256}: bytes, caching headers, ranges, HEAD."""

from __future__ import annotations

import pytest
import requests

from weshape_desktop.server.catalog_source import Catalog
from weshape_desktop.server.files_api import UnsatisfiableRange, parse_range

ON_EVERY_FILE_STORE = True  # the catalog folder, a local folder, S3 (tests.s3_emulator)


@pytest.fixture(params=["files", "previews"])
def file(catalog: Catalog, server_url: str, request: pytest.FixtureRequest) -> tuple[str, bytes]:
    entry = catalog.entries[4]
    url = f"{server_url}/v1/{request.param}/{entry.sha256}"
    return url, catalog.files[entry.sha256].read_bytes()


def fetch(url: str, method: str = "GET", **headers: str) -> requests.Response:
    return requests.request(method, url, headers=headers, timeout=10)


def test_whole_file_with_caching_headers(file: tuple[str, bytes]) -> None:
    url, data = file
    response = fetch(url)
    assert response.status_code == 200
    assert response.content == data
    sha = url.rsplit("/", 1)[1]
    assert response.headers["Content-Type"] == "image/svg+xml"
    assert response.headers["ETag"] == f'"{sha}"'
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.headers["Content-Length"] == str(len(data))
    assert response.headers["Accept-Ranges"] == "bytes"
    # SVG can hold script: a browser opening the URL must neither sniff nor run anything.
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"] == (
        "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    )


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [
        ("bytes=0-9", 0, 9),
        ("bytes=10-", 10, None),
        ("bytes=-7", -7, None),
        ("bytes=5-99999", 5, None),
    ],
)
def test_ranges(file: tuple[str, bytes], header: str, first: int, last: int | None) -> None:
    url, data = file
    response = fetch(url, Range=header)
    assert response.status_code == 206
    expected = data[first : last + 1] if last is not None else data[first:]
    assert response.content == expected
    start = first % len(data)
    assert response.headers["Content-Range"] == (
        f"bytes {start}-{start + len(expected) - 1}/{len(data)}"
    )
    assert response.headers["Content-Length"] == str(len(expected))


HUGE = "9" * 5000  # past the 4,300 digits Python's int() accepts


@pytest.mark.parametrize(
    "header",
    [
        f"bytes={10**6}-",
        "bytes=-0",
        f"bytes={10**6}-{10**6 + 5}",
        f"bytes={HUGE}-",
        f"bytes={HUGE}-{HUGE}",
    ],
)
def test_unsatisfiable_range_is_416(file: tuple[str, bytes], header: str) -> None:
    url, data = file
    response = fetch(url, Range=header)
    assert response.status_code == 416
    assert response.headers["Content-Range"] == f"bytes */{len(data)}"
    assert response.json()["error"] == "range_not_satisfiable"


@pytest.mark.parametrize("header", [f"bytes=0-{HUGE}", f"bytes=-{HUGE}", f"bytes={'0' * 5000}0-"])
def test_huge_numbers_in_a_range_mean_the_whole_file(file: tuple[str, bytes], header: str) -> None:
    url, data = file
    response = fetch(url, Range=header)
    assert response.status_code == 206 and response.content == data
    assert response.headers["Content-Range"] == f"bytes 0-{len(data) - 1}/{len(data)}"


@pytest.mark.parametrize("header", ["bytes=9-2", "bytes=0-1,4-5", "pages=1-2", "bytes=abc"])
def test_ranges_we_ignore_send_the_whole_file(file: tuple[str, bytes], header: str) -> None:
    url, data = file
    response = fetch(url, Range=header)
    assert response.status_code == 200 and response.content == data


def test_if_range_with_another_etag_sends_the_whole_file(file: tuple[str, bytes]) -> None:
    url, data = file
    sha = url.rsplit("/", 1)[1]
    stale = fetch(url, Range="bytes=0-3", **{"If-Range": '"' + "0" * 64 + '"'})
    assert stale.status_code == 200 and stale.content == data
    fresh = fetch(url, Range="bytes=0-3", **{"If-Range": f'"{sha}"'})
    assert fresh.status_code == 206 and fresh.content == data[:4]


@pytest.mark.parametrize("form", ['"{sha}"', 'W/"{sha}"', '"other", "{sha}"', "*"])
def test_if_none_match_is_304(file: tuple[str, bytes], form: str) -> None:
    url, _ = file
    sha = url.rsplit("/", 1)[1]
    response = fetch(url, **{"If-None-Match": form.format(sha=sha)})
    assert response.status_code == 304
    assert response.content == b""
    assert response.headers["ETag"] == f'"{sha}"'


def test_if_none_match_with_another_etag_sends_the_file(file: tuple[str, bytes]) -> None:
    url, data = file
    response = fetch(url, **{"If-None-Match": '"' + "1" * 64 + '"'})
    assert response.status_code == 200 and response.content == data


def test_head(file: tuple[str, bytes]) -> None:
    url, data = file
    response = fetch(url, "HEAD")
    assert response.status_code == 200
    assert response.content == b""
    assert response.headers["Content-Length"] == str(len(data))
    ranged = fetch(url, "HEAD", Range="bytes=-5")
    assert ranged.status_code == 206
    assert ranged.headers["Content-Length"] == "5"


def test_unknown_sha_is_404(server_url: str) -> None:
    response = fetch(f"{server_url}/v1/files/{'a' * 64}")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
    assert fetch(f"{server_url}/v1/files/{'a' * 64}", "HEAD").status_code == 404


@pytest.mark.parametrize(
    "bad", ["A" * 64, "a" * 63, "a" * 65, "g" * 64, "..%2F..%2Fetc%2Fpasswd", "%2e%2e"]
)
def test_malformed_sha_is_rejected_in_the_error_shape(server_url: str, bad: str) -> None:
    response = fetch(f"{server_url}/v1/files/{bad}")
    assert response.status_code in (404, 422)
    assert set(response.json()) == {"error", "message"}


def test_parse_range_edges() -> None:
    assert parse_range("", 10) is None
    assert parse_range("bytes=-20", 10) == (0, 9)
    assert parse_range("bytes=9-", 10) == (9, 9)
    with pytest.raises(UnsatisfiableRange):
        parse_range("bytes=10-", 10)
    with pytest.raises(UnsatisfiableRange):
        parse_range("bytes=-1", 0)
