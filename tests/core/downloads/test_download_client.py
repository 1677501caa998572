"""How file transfers reach the server (core.download_client): kept-alive direct connections,
with the same security as ApiClient — verified TLS, the token only in its header, redirects and
proxies through requests, connections that an abort or a shutdown cuts (DESIGN §7, §11)."""

from __future__ import annotations

import socket
import ssl
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.scripted_http import Reply, ScriptedServer
from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.downloads.client import Cuttable, FileClient, FileResponse
from weshape_desktop.core.errors import OfflineError, SignInRequiredError

BODY = b"<svg xmlns='http://www.w3.org/2000/svg'/>"


def replies(*scripted: Reply) -> Callable[[str, int], Reply]:
    """Answer with `scripted` in order, then with BODY."""
    return lambda path, n: scripted[n - 1] if n <= len(scripted) else Reply(body=BODY)


@pytest.fixture
def serve() -> Iterator[Callable[..., ScriptedServer]]:
    """Start a kept-alive scripted server answering with the given replies (https with `tls`)."""
    servers: list[ScriptedServer] = []

    def start(*scripted: Reply, tls: ssl.SSLContext | None = None) -> ScriptedServer:
        servers.append(ScriptedServer(replies(*scripted), keep_alive=True, tls=tls))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


class Attached:
    """Records what the client hands over for an abort to cut."""

    def __init__(self) -> None:
        self.current: Cuttable | None = None

    def __call__(self, connection: Cuttable | None) -> None:
        self.current = connection


def body_of(response: FileResponse) -> bytes:
    chunks = []
    while chunk := response.read1(65536):
        chunks.append(chunk)
    response.close()
    return b"".join(chunks)


def fetch(url: str, *paths: str) -> list[bytes]:
    """GET each of `paths` in turn through one FileClient, then close it and its ApiClient."""
    api = ApiClient(url)
    client = FileClient(api)
    try:
        return [body_of(client.get(path, {}, Attached())) for path in paths]
    finally:
        client.close_mine()
        api.close()


class Tokens:
    def __init__(self, *tokens: str) -> None:
        self.tokens = list(tokens)

    def access_token(self) -> str | None:
        return self.tokens[0] if self.tokens else None

    def refresh_after_unauthorized(self, rejected: str) -> str | None:
        self.tokens.pop(0)
        return self.access_token()


def test_files_come_over_one_kept_alive_connection(serve: Callable[..., ScriptedServer]) -> None:
    server = serve()
    assert fetch(server.url, "/v1/files/a", "/v1/files/a", "/v1/files/a") == [BODY] * 3
    assert [s.connection for s in server.seen] == [1, 1, 1]
    assert server.seen[0].headers["user-agent"].startswith("weShape-Desktop/")


def test_a_server_under_a_path_prefix_gets_the_whole_path(
    serve: Callable[..., ScriptedServer],
) -> None:
    server = serve()
    assert fetch(server.url + "/weshape/", "/v1/files/a") == [BODY]
    assert [s.path for s in server.seen] == ["/weshape/v1/files/a"]


def test_a_connection_the_server_closed_while_idle_is_opened_again(
    serve: Callable[..., ScriptedServer],
) -> None:
    server = serve(Reply(body=BODY, drop_connection=True))
    assert fetch(server.url, "/v1/files/a", "/v1/files/b") == [BODY, BODY]
    assert [(s.connection, s.path) for s in server.seen] == [(1, "/v1/files/a"), (2, "/v1/files/b")]


def test_the_token_goes_in_its_header_and_is_refreshed_once(
    serve: Callable[..., ScriptedServer],
) -> None:
    server = serve(Reply(status=401, body=b"{}"), Reply(body=BODY), Reply(status=401, body=b"{}"))
    api = ApiClient(server.url, auth=Tokens("old-secret", "new-secret"))
    client = FileClient(api)
    try:
        assert body_of(client.get("/v1/files/a", {}, Attached())) == BODY
        with pytest.raises(SignInRequiredError) as info:
            client.get("/v1/files/b", {}, Attached())
    finally:
        client.close_mine()
        api.close()
    sent = [s.headers.get("authorization") for s in server.seen]
    assert sent == ["Bearer old-secret", "Bearer new-secret", "Bearer new-secret"]
    assert "secret" not in repr(info.value) and "secret" not in info.value.detail


def test_signed_out_sends_nothing(serve: Callable[..., ScriptedServer]) -> None:
    server = serve()
    api = ApiClient(server.url, auth=Tokens())
    with pytest.raises(SignInRequiredError):
        FileClient(api).get("/v1/files/a", {}, Attached())
    api.close()
    assert server.seen == []


def test_redirects_are_followed_by_requests(serve: Callable[..., ScriptedServer]) -> None:
    moved = Reply(status=302, headers=(("Location", "/elsewhere/a"),))
    server = serve(moved, moved)
    assert fetch(server.url, "/v1/files/a") == [BODY]
    assert [s.path for s in server.seen] == ["/v1/files/a", "/v1/files/a", "/elsewhere/a"]


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (its own CA), and its key."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"),
            *("-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def tls_context(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    return context


def test_an_unknown_certificate_is_refused(
    serve: Callable[..., ScriptedServer],
    certificate: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        monkeypatch.delenv(name, raising=False)
    server = serve(tls=tls_context(certificate))
    api = ApiClient(server.url)
    with pytest.raises(OfflineError) as info:
        FileClient(api).get("/v1/files/a", {}, Attached())
    api.close()
    assert "CERTIFICATE_VERIFY_FAILED" in info.value.detail
    assert server.seen == []


def test_the_ca_bundle_requests_would_use_is_trusted(
    serve: Callable[..., ScriptedServer],
    certificate: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(certificate[0]))
    server = serve(tls=tls_context(certificate))
    assert fetch(server.url, "/v1/files/a") == [BODY]
    assert len(server.seen) == 1


def test_cutting_wakes_a_request_waiting_on_a_silent_server() -> None:
    with socket.create_server(("127.0.0.1", 0)) as listener:
        api = ApiClient(f"http://127.0.0.1:{listener.getsockname()[1]}", timeout=60.0)
        client = FileClient(api)
        attached = Attached()
        outcome: list[BaseException] = []

        def ask() -> None:
            try:
                client.get("/v1/files/a", {}, attached)
            except Exception as exc:
                outcome.append(exc)
            finally:
                client.close_mine()

        worker = threading.Thread(target=ask)
        worker.start()
        conn, _ = listener.accept()
        with conn:
            conn.recv(1024)  # the request is in: the client now waits for the answer
            assert attached.current is not None
            client.cut_all()
            worker.join(timeout=30)
        api.close()
    assert not worker.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], OfflineError)
    with pytest.raises(OfflineError):  # a stopped client stays stopped
        client.get("/v1/files/a", {}, Attached())
