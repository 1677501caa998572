"""The API client against the real reference server, plus the failures a real server won't make."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable
from dataclasses import replace
from urllib.parse import urlsplit

import pytest
import requests
from hypothesis import given, settings, strategies as st
from urllib3.util import parse_url

from tests.scripted_http import Reply, ScriptedServer, refused_url
from weshape_desktop.core.api import ApiClient, check_server_url, is_loopback_host
from weshape_desktop.core.errors import (
    BadResponseError,
    InsecureServerError,
    InvalidServerAddressError,
    NotFoundError,
    OfflineError,
    RateLimitedError,
    RequestRejectedError,
    ServerError,
    ServerTimeoutError,
)
from weshape_desktop.core.models import CatalogQuery, Illustration


@pytest.fixture
def api(live_server: str):
    client = ApiClient(live_server)
    yield client
    client.close()


def test_pages_cover_the_catalog_once(api: ApiClient) -> None:
    seen: list[str] = []
    cursor = None
    while True:
        page = api.catalog(CatalogQuery(), cursor, limit=7)
        seen += [item.id for item in page.items]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    facets = api.facets()
    assert len(seen) == len(set(seen)) == sum(f.count for f in facets.categories)


def test_one_item_per_illustration_whose_variants_are_the_catalog_items(api: ApiClient) -> None:
    page = api.catalog(CatalogQuery(), limit=200)
    assert page.total == len(page.items) == 29  # 29 illustrations in 100 files
    first = page.items[0]
    assert [v.style for v in first.variants] == ["light", "dark", "light-hc", "dark-hc"]
    for variant in first.variants:
        chosen = first.with_variant(variant.id)
        assert replace(chosen, variants=()) == api.illustration(variant.id)
        assert chosen.family == first.family and chosen.variants == first.variants
    assert first.with_variant("no-such-variant") is first
    assert Illustration.from_json(first.to_json()) == first  # packed pages and the disk cache


@pytest.mark.parametrize(
    ("sort", "key"),
    [
        ("newest", lambda i: i.updated_at),
        ("title-en", lambda i: i.title["en"].casefold()),
        ("title-ar", lambda i: i.title["ar"]),
    ],
)
def test_sort_orders(api: ApiClient, sort: str, key: Callable[[Illustration], str]) -> None:
    items = api.catalog(CatalogQuery(sort=sort), limit=200).items
    keys = [key(item) for item in items]
    assert keys == sorted(keys, reverse=sort == "newest") and len(items) == 29


def test_a_search_lists_title_matches_first(api: ApiClient) -> None:
    # "Server error" («خطأ في الخادم») has it in its title; the others, before and after it in
    # the catalog, in their tags only.
    for q, tagged in [
        ("server", ["Database", "Network", "Virtual machine"]),
        ("خادم", ["Database", "Virtual machine"]),
    ]:
        found = [item.title["en"] for item in api.catalog(CatalogQuery(q=q), limit=200).items]
        assert found == ["Server error", *tagged], q


def test_search_filters_and_items(api: ApiClient) -> None:
    first = api.catalog(CatalogQuery(), limit=1).items[0]
    assert api.illustration(first.id) == replace(first, variants=())
    by_title = api.catalog(CatalogQuery(q=first.title["en"]), limit=200).items
    assert first.id in {i.id for i in by_title}
    by_arabic = api.catalog(CatalogQuery(q=first.title["ar"]), limit=200).items
    assert first.id in {i.id for i in by_arabic}
    in_category = api.catalog(CatalogQuery(category=first.category), limit=200).items
    assert in_category and all(i.category == first.category for i in in_category)


def test_file_bytes_match_sha256(api: ApiClient) -> None:
    import hashlib

    item = api.catalog(CatalogQuery(), limit=1).items[0]
    data = api.file_bytes(item.sha256)
    assert hashlib.sha256(data).hexdigest() == item.sha256
    assert len(data) == item.bytes


def test_unknown_item_is_not_found(api: ApiClient) -> None:
    with pytest.raises(NotFoundError):
        api.illustration("no-such-illustration")


def test_policy_in_both_languages(api: ApiClient) -> None:
    assert "weShape" in api.policy("en")["text"]
    assert "سياسة الخصوصية" in api.policy("ar")["text"]


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com",
        "http://10.0.0.1:8000",
        "ftp://127.0.0.1",
        "example.com",
        "https://",
        "https://.",  # urllib3 takes it, requests refuses to send to it
        "https://*.example",
    ],
)
def test_refuses_insecure_or_invalid_urls(url: str) -> None:
    with pytest.raises(InsecureServerError) as info:
        ApiClient(url)
    assert "https://" in str(info.value)


@pytest.mark.parametrize(
    "url", ["https://example.com/", "http://127.0.0.1:8000", "http://localhost", "http://[::1]:1"]
)
def test_accepts_https_and_loopback(url: str) -> None:
    assert check_server_url(url) == url.rstrip("/")


def test_the_address_is_rebuilt_as_it_will_be_sent() -> None:
    assert check_server_url("HTTP://LocalHost:8000/api/") == "http://localhost:8000/api"
    assert check_server_url("https://مثال.example/") == "https://xn--mgbh0fb.example"


# Spellings whose host is one server to urlsplit (a loopback one) and another to urllib3, which
# sends the request; {port} is a listener's on 127.0.0.2, the server urllib3 would reach.
MISREAD = [
    "http://127.0.0.2:{port}\\@127.0.0.1:1",
    "http://127.0.0.2:{port}\\@localhost/",
    "http://127.0.0.2:{port}/\\@127.0.0.1:1",
    "http://127.0.0.1:1@127.0.0.2:{port}",
    "http://user:secret@127.0.0.2:{port}",
    "http://127.0.0.2:{port}\t@127.0.0.1:1",
    "http://127.0.0.2:{port}?@127.0.0.1:1",
    "http://127.0.0.2:{port}#@127.0.0.1:1",
    "http://127.0.0.2:{port} @127.0.0.1:1",
    "http://127.0.0.2:{port}\x00@127.0.0.1:1",
]


@pytest.mark.parametrize("spelling", MISREAD)
def test_an_address_parsers_read_differently_never_connects(spelling: str) -> None:
    with socket.create_server(("127.0.0.2", 0)) as listener:
        listener.setblocking(False)
        url = spelling.format(port=listener.getsockname()[1])
        outcome: Exception | None = None
        try:
            client = ApiClient(url, timeout=1, retries=0)
            try:
                client.health()
            finally:
                client.close()
        except Exception as exc:
            outcome = exc
        # A connection the client made is in the accept queue once connect() has returned.
        with pytest.raises(BlockingIOError):
            listener.accept()[0].close()
    assert isinstance(outcome, InvalidServerAddressError)
    assert "without a user name, password, spaces, backslashes" in str(outcome)
    assert "\\x00" in str(outcome) or "\x00" not in url  # invisible characters are shown


@pytest.mark.parametrize(
    "url",
    [
        "http://192.0.2.2:8000\\@127.0.0.1:1",
        "http://127.0.0.1:1@192.0.2.2:8000",
        "http://192.0.2.2:8000\\@localhost",
        "http://[::1]\\@192.0.2.2",
    ],
)
def test_plain_http_to_another_computer_is_refused_however_spelled(url: str) -> None:
    with pytest.raises(InsecureServerError):
        ApiClient(url)


PIECES = st.sampled_from(
    ["http://", "https://", "HTTP://", "127.0.0.1", "127.0.0.2", "192.0.2.2", "localhost",
     "[::1]", "évil.example", ":", "80", "@", "\\", "/", "?", "#", "%40", "%5C", "%2F", "%",
     " ", "\t", "\x00", ".", "[", "]", "user:pw"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=8).map("".join) | st.text(max_size=30))
def test_an_accepted_address_means_one_server_to_every_parser(url: str) -> None:
    try:
        clean = check_server_url(url)
    except InsecureServerError:
        return
    sent = parse_url(requests.Request("GET", clean + "/v1/health").prepare().url)
    read = urlsplit(clean)  # how the download client reads it
    assert sent.host is not None and sent.auth is None
    assert (sent.scheme, sent.host.strip("[]")) == (read.scheme, read.hostname)
    assert sent.port == read.port
    assert parse_url(url).host == sent.host  # the server meant is the one reached
    assert sent.scheme == "https" or is_loopback_host(sent.host)
    assert check_server_url(clean) == clean


def test_retries_5xx_then_succeeds() -> None:
    health = json.dumps({"status": "ok"}).encode()

    def script(path: str, n: int) -> Reply:
        return Reply(503, b'{"error":"busy","message":"busy"}') if n <= 2 else Reply(200, health)

    with ScriptedServer(script) as server:
        client = ApiClient(server.url, backoff=0)
        assert client.health()
        client.close()
    assert len(server.requests) == 3


def test_gives_up_after_retries_with_server_error() -> None:
    with ScriptedServer(lambda path, n: Reply(500, b"{}")) as server:
        client = ApiClient(server.url, retries=2, backoff=0)
        with pytest.raises(ServerError) as info:
            client.health()
        client.close()
    assert len(server.requests) == 3
    assert "500" in info.value.english()


def test_no_retry_on_4xx() -> None:
    body = b'{"error":"bad_cursor","message":"The cursor is not valid."}'
    with ScriptedServer(lambda path, n: Reply(400, body)) as server:
        client = ApiClient(server.url, backoff=0)
        with pytest.raises(RequestRejectedError) as info:
            client.catalog(CatalogQuery(), cursor="x")
        client.close()
    assert len(server.requests) == 1
    assert "The cursor is not valid." not in info.value.english()  # our words, not the server's
    assert info.value.english().startswith("The catalog changed while you were browsing.")


def test_rate_limit_tells_how_long_to_wait() -> None:
    reply = Reply(429, b"{}", (("Retry-After", "0"),))
    with ScriptedServer(lambda path, n: reply) as server:
        client = ApiClient(server.url, retries=0)
        with pytest.raises(RateLimitedError) as info:
            client.health()
        client.close()
    assert "0 seconds" in info.value.english()


def test_timeout_is_reported() -> None:
    with ScriptedServer(lambda path, n: Reply(hang=True)) as server:
        client = ApiClient(server.url, timeout=0.3, retries=0)
        with pytest.raises(ServerTimeoutError):
            client.health()
        client.close()


@pytest.mark.parametrize(
    "body",
    [
        b"<html>oops</html>",
        b"[1, 2]",
        b'{"items": "nope", "next_cursor": null}',
        b'{"items": [{"id": 1}], "next_cursor": null}',
        b'{"items": [{"id": "a", "title": {}, "sha256": "../x", "bytes": 1}], "next_cursor": 0}',
    ],
)
def test_garbage_json_is_a_bad_response(body: bytes) -> None:
    with ScriptedServer(lambda path, n: Reply(200, body)) as server:
        client = ApiClient(server.url)
        with pytest.raises(BadResponseError):
            client.catalog(CatalogQuery())
        client.close()


def test_unreachable_server_is_offline() -> None:
    client = ApiClient(refused_url(), retries=0)
    with pytest.raises(OfflineError) as info:
        client.health()
    client.close()
    assert "internet connection" in info.value.english()


def test_closing_the_client_wakes_a_request_waiting_on_a_silent_server() -> None:
    # A server that accepts the connection and never answers: only the read timeout would end
    # the request (here 60 s, with retries): closing the client must end it at once.
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        client = ApiClient(f"http://127.0.0.1:{listener.getsockname()[1]}", timeout=60.0)
        outcome: list[BaseException] = []
        sent = threading.Event()

        def ask() -> None:
            sent.set()
            try:
                client.facets()
            except Exception as exc:
                outcome.append(exc)

        worker = threading.Thread(target=ask)
        worker.start()
        sent.wait()
        conn, _ = listener.accept()  # the request has connected (and waits for an answer)
        with conn:
            conn.recv(1024)  # the request line is in: the client now blocks reading
            client.close()
            worker.join(timeout=30)
        assert not worker.is_alive()
        assert len(outcome) == 1 and isinstance(outcome[0], OfflineError)


@pytest.mark.parametrize("sha", ["a" * 63, "a" * 65, "A" * 64, "g" * 64, "a" * 63 + "\n", ""])
def test_an_item_with_a_malformed_sha256_is_a_bad_response(sha: str) -> None:
    """The sha256 names the file on disk and in URLs: only 64 lowercase hex digits pass."""
    from weshape_desktop.core.models import Illustration

    item = {"id": "a", "title": {"en": "A"}, "sha256": sha, "bytes": 1}
    with pytest.raises(BadResponseError):
        Illustration.from_json(item)
    assert Illustration.from_json({**item, "sha256": "0a" * 32}).sha256 == "0a" * 32
