"""How file transfers reach the server (core.downloads.client): kept-alive connections over
urllib3, with the same security as ApiClient — verified TLS, the token only in its header and
refreshed once after a 401, redirects, the proxy requests would use (also after it changed), a body
cut short is an error, connections that an abort or a shutdown cuts (DESIGN §7, §11)."""

from __future__ import annotations

import contextlib
import socket
import ssl
import subprocess
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keyring
import pytest
import urllib3

from tests.core.downloads.support import Fault, FileFaults
from tests.s3_emulator import FILE_STORE_KINDS, file_store_settings
from tests.scripted_http import Reply, ScriptedServer, refused_url
from tests.server.conftest import EMAIL, PASSWORD, FakeClock, build_catalog, start_test_server
from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.auth import AuthSession
from weshape_desktop.core.auth.credentials import SERVICE, CredentialStore
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
        client.close()
        api.close()


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


def test_a_body_cut_short_is_an_error_as_it_is_read(serve: Callable[..., ScriptedServer]) -> None:
    """Not b"" as if the file were whole: the size check is not what notices it."""
    server = serve(Reply(body=BODY, cut_short=True))
    api = ApiClient(server.url)
    client = FileClient(api)
    try:
        response = client.get("/v1/files/a", {}, Attached())
        with pytest.raises(urllib3.exceptions.HTTPError):
            body_of(response)
    finally:
        client.close()
        api.close()


def test_a_proxy_set_after_the_first_download_is_used(
    serve: Callable[..., ScriptedServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("NO_PROXY", "no_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    server = serve()
    api = ApiClient(server.url)
    client = FileClient(api)
    try:
        assert body_of(client.get("/v1/files/a", {}, Attached())) == BODY
        monkeypatch.setenv("http_proxy", refused_url())  # a proxy that is down
        with pytest.raises(OfflineError):
            client.get("/v1/files/b", {}, Attached())
        assert [s.path for s in server.seen] == ["/v1/files/a"], "not straight to the server"
        monkeypatch.setenv("no_proxy", "127.0.0.1")
        assert body_of(client.get("/v1/files/c", {}, Attached())) == BODY
    finally:
        client.close()
        api.close()
    assert [s.path for s in server.seen] == ["/v1/files/a", "/v1/files/c"]


@dataclass
class Accounts:
    """The real reference server with accounts (downloads need a token), its clock, and what
    reached /v1/files; sessions keep their tokens in the real keyring."""

    url: str
    clock: FakeClock
    files: FileFaults
    sha256: str

    def session(self) -> AuthSession:
        return AuthSession(ApiClient(self.url, retries=0, timeout=10), CredentialStore())

    def signed_in(self) -> AuthSession:
        auth = self.session()
        auth.register("Lina Haddad", EMAIL, PASSWORD, 1, "ar")
        return auth


@pytest.fixture
def accounts(
    tmp_path: Path, request: pytest.FixtureRequest, s3_endpoint: str
) -> Iterator[Accounts]:
    """Accounts on the server, its files where the (indirect) FILE_STORE_KINDS parameter says."""
    catalog = build_catalog(tmp_path / "catalog", 1)
    kind = getattr(request, "param", "catalog")
    files = file_store_settings(kind, tmp_path / "files", s3_endpoint)
    clock = FakeClock()
    seen: list[FileFaults] = []

    def record(app: Any) -> FileFaults:
        seen.append(FileFaults(app))
        return seen[-1]

    server = start_test_server(catalog, clock=clock, middleware=record, **files)
    try:
        yield Accounts(server.url, clock, seen[0], catalog.entries[0].sha256)
    finally:
        server.stop()
        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            keyring.delete_password(SERVICE, f"{server.url}|session")


def get_file(auth: AuthSession, sha256: str) -> bytes:
    client = FileClient(auth.api)
    try:
        return body_of(client.get(f"/v1/files/{sha256}", {}, Attached()))
    finally:
        client.close()
        auth.api.close()


@pytest.mark.parametrize("accounts", FILE_STORE_KINDS, indirect=True)
def test_an_expired_token_is_refreshed_once_and_the_file_comes(accounts: Accounts) -> None:
    auth = accounts.signed_in()
    old = auth.access_token()
    accounts.clock.advance(3600)  # the server now refuses the access token, not the refresh one
    assert get_file(auth, accounts.sha256).startswith(b"<svg")
    new = auth.access_token()
    assert new is not None and new != old
    sent = [r.authorization for r in accounts.files.files_requests()]
    assert sent == [f"Bearer {old}", f"Bearer {new}"]
    saved = CredentialStore().load(accounts.url)
    assert saved is not None and saved.access_token == new, "the new tokens are in the keyring"


def test_a_refused_refresh_signs_out_and_asks_to_sign_in(accounts: Accounts) -> None:
    auth = accounts.signed_in()
    old = auth.access_token()
    accounts.clock.advance(31 * 24 * 3600)  # the refresh token has expired too
    with pytest.raises(SignInRequiredError) as info:
        get_file(auth, accounts.sha256)
    assert [r.authorization for r in accounts.files.files_requests()] == [f"Bearer {old}"]
    assert not auth.signed_in
    assert CredentialStore().load(accounts.url) is None
    assert old is not None and old not in repr(info.value) and old not in info.value.detail


def test_a_token_refused_again_after_the_refresh_asks_to_sign_in(accounts: Accounts) -> None:
    """One refresh, then a clear error: no loop of refreshes, no second refresh."""
    auth = accounts.signed_in()
    old = auth.access_token()
    accounts.files.plan = [Fault(status=401), Fault(status=401)]
    with pytest.raises(SignInRequiredError) as info:
        get_file(auth, accounts.sha256)
    new = auth.access_token()
    assert new is not None and new != old, "refreshed once"
    sent = [r.authorization for r in accounts.files.files_requests()]
    assert sent == [f"Bearer {old}", f"Bearer {new}"]
    assert "sign in" in info.value.english().lower()


def test_signed_out_sends_nothing(accounts: Accounts) -> None:
    with pytest.raises(SignInRequiredError):
        get_file(accounts.session(), accounts.sha256)
    assert accounts.files.files_requests() == []


def test_redirects_are_followed(serve: Callable[..., ScriptedServer]) -> None:
    moved = Reply(status=302, headers=(("Location", "/elsewhere/a"),))
    server = serve(moved, moved)
    assert fetch(server.url, "/v1/files/a") == [BODY]
    assert [s.path for s in server.seen] == ["/v1/files/a", "/elsewhere/a", "/elsewhere/a"]


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


@pytest.mark.parametrize("how", ["shutdown", "abort"])
def test_cutting_wakes_a_request_waiting_on_a_silent_server(how: str) -> None:
    """A shutdown (`close`) cuts every request and stops the client; an abort cuts one request
    through what the client attached (the retry it provokes is cut too)."""
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

        worker = threading.Thread(target=ask)
        worker.start()
        conn, _ = listener.accept()
        with conn:
            conn.recv(1024)  # the request is in: the client now waits for the answer
            assert attached.current is not None
            if how == "shutdown":
                client.close()
            else:
                attached.current.cut()
            worker.join(timeout=30)
        if how == "abort":
            client.close()
        api.close()
    assert not worker.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], OfflineError)
    with pytest.raises(OfflineError):  # a stopped client stays stopped
        client.get("/v1/files/a", {}, Attached())
