"""AuthSession against the real reference server and a real Secret Service (RECIPES "Keyring").

Each test has its own server (own port), so its keyring entries are its own; they are deleted
afterwards. Expiry is driven by the session's injected clock: no sleeping."""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import keyring
import pytest
import requests
from keyring.backends import fail

from tests.server.conftest import build_catalog
from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.auth import AuthSession
from weshape_desktop.core.auth.credentials import (
    SERVICE,
    CredentialStore,
    SecretStore,
    SessionOnlyCredentialStore,
)
from weshape_desktop.core.errors import (
    EmailTakenError,
    KeyringUnavailableError,
    RateLimitedError,
    SignInRequiredError,
    WeakPasswordError,
    WrongPasswordError,
)
from weshape_desktop.server.app import create_app
from weshape_desktop.server.catalog_source import Catalog
from weshape_desktop.server.runner import ServerThread
from weshape_desktop.server.settings import ServerSettings

PASSWORD = "lantern-orchard-57-quietly"
EMAIL = "lina@example.org"


class Clock:
    """The session's clock; tests move it forward instead of sleeping."""

    def __init__(self) -> None:
        import time

        self.now = time.time()

    def __call__(self) -> float:
        return self.now


@dataclass
class Server:
    """A reference server that can be stopped and started again on the same port and data."""

    catalog: Catalog
    data_dir: Path
    thread: ServerThread | None = None
    port: int = 0
    urls: list[str] = field(default_factory=list)

    def start(self) -> str:
        app = create_app(ServerSettings(data_dir=self.data_dir), catalog=self.catalog)
        self.thread = ServerThread(app, port=self.port).start()
        self.port = int(self.thread.url.rsplit(":", 1)[1])
        return self.thread.url

    def stop(self) -> None:
        if self.thread is not None:
            self.thread.stop()
            self.thread = None

    @property
    def url(self) -> str:
        assert self.thread is not None
        return self.thread.url


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    srv = Server(build_catalog(tmp_path / "catalog"), tmp_path / "server-data")
    srv.start()
    url = srv.url
    yield srv
    srv.stop()
    for suffix in ("session", "pending-revocation"):
        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            keyring.delete_password(SERVICE, f"{url}|{suffix}")


class RefreshCounter:
    """Counts refresh-token grants the client sends (a requests response hook)."""

    def __init__(self, api: ApiClient) -> None:
        self.count = 0
        self._lock = threading.Lock()
        api.session.hooks["response"].append(self)

    def __call__(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        body = response.request.body or ""
        body = body.decode() if isinstance(body, bytes) else body
        if response.request.path_url == "/v1/auth/token" and "grant_type=refresh_token" in body:
            with self._lock:
                self.count += 1


def session_for(
    url: str, store: SecretStore | None = None, clock: Clock | None = None
) -> AuthSession:
    api = ApiClient(url, retries=0, timeout=5)
    return AuthSession(api, store or CredentialStore(), clock=clock or Clock())


def stored(url: str) -> dict[str, Any] | None:
    raw = keyring.get_password(SERVICE, f"{url}|session")
    return json.loads(raw) if raw else None


def refresh_works(url: str, refresh_token: str) -> bool:
    response = requests.post(
        f"{url}/v1/auth/token",
        data={"grant_type": "refresh_token", "refresh_token": refresh_token},
        timeout=5,
    )
    return response.status_code == 200


def me(auth: AuthSession) -> dict[str, Any]:
    result: dict[str, Any] = auth.api.request("GET", "/v1/me", authorized=True).json()
    return result


def registered(server: Server, clock: Clock | None = None) -> AuthSession:
    auth = session_for(server.url, clock=clock)
    auth.register("Lina Haddad", EMAIL, PASSWORD, 1, "ar")
    return auth


def test_register_then_restart_stays_signed_in(server: Server) -> None:
    auth = registered(server)
    assert auth.signed_in and auth.account is not None
    assert auth.account.email == EMAIL and auth.account.locale == "ar"
    entry = stored(server.url)
    assert entry is not None and entry["account"]["email"] == EMAIL
    # "Restart": a new client and session that know nothing but the keyring.
    again = session_for(server.url)
    counter = RefreshCounter(again.api)
    assert again.restore() == auth.account
    assert again.access_token() == entry["access_token"]  # read back from the keyring
    assert me(again)["email"] == EMAIL
    assert counter.count == 0


def test_restore_offline_keeps_the_cached_account(server: Server) -> None:
    account = registered(server).account
    server.stop()
    again = session_for(f"http://127.0.0.1:{server.port}")
    assert again.restore() == account and again.signed_in


def test_restore_with_nothing_saved(server: Server) -> None:
    assert session_for(server.url).restore() is None


def test_refresh_on_expiry_rotates_and_saves(server: Server) -> None:
    clock = Clock()
    auth = registered(server, clock)
    before = stored(server.url)
    assert before is not None
    counter = RefreshCounter(auth.api)
    clock.now += 3600
    assert me(auth)["email"] == EMAIL
    after = stored(server.url)
    assert counter.count == 1 and after is not None
    assert after["refresh_token"] != before["refresh_token"]
    assert after["access_token"] != before["access_token"]
    assert me(auth)["email"] == EMAIL and counter.count == 1  # fresh token reused


def run_in_threads(n: int, target: Any) -> list[BaseException]:
    errors: list[BaseException] = []
    start = threading.Barrier(n)

    def worker() -> None:
        start.wait()
        try:
            target()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_twenty_threads_with_an_expired_token_refresh_once(server: Server) -> None:
    clock = Clock()
    auth = registered(server, clock)
    counter = RefreshCounter(auth.api)
    clock.now += 3600
    assert run_in_threads(20, lambda: me(auth)) == []
    assert counter.count == 1


def test_twenty_threads_refused_with_401_refresh_once(server: Server) -> None:
    auth = registered(server)
    counter = RefreshCounter(auth.api)
    # The server stops accepting the current access token before the client expects it to.
    current = auth._session
    assert current is not None
    auth._session = current.with_tokens("revoked-access", current.refresh_token, 1e12)
    assert run_in_threads(20, lambda: me(auth)) == []
    assert counter.count == 1


def test_refresh_token_reuse_revokes_the_family(server: Server) -> None:
    clock = Clock()
    auth = registered(server, clock)
    first = stored(server.url)
    assert first is not None
    clock.now += 3600
    me(auth)  # rotates: the first refresh token is now used
    assert not refresh_works(server.url, first["refresh_token"])  # reuse: family revoked
    clock.now += 3600
    with pytest.raises(SignInRequiredError, match="Please sign in"):
        me(auth)
    assert not auth.signed_in and auth.account is None
    assert stored(server.url) is None


def test_sign_out_revokes_and_deletes(server: Server) -> None:
    auth = registered(server)
    entry = stored(server.url)
    assert entry is not None
    assert auth.sign_out() is True
    assert not auth.signed_in and stored(server.url) is None
    assert keyring.get_password(SERVICE, f"{server.url}|pending-revocation") is None
    assert not refresh_works(server.url, entry["refresh_token"])
    with pytest.raises(SignInRequiredError):
        me(auth)


def test_offline_sign_out_revokes_on_the_next_connection(server: Server) -> None:
    auth = registered(server)
    entry = stored(server.url)
    assert entry is not None
    url = server.url
    server.stop()
    assert auth.sign_out() is False
    assert stored(url) is None and not auth.signed_in
    pending = keyring.get_password(SERVICE, f"{url}|pending-revocation")
    assert pending is not None and entry["refresh_token"] in pending
    assert server.start() == url  # the same port and database
    later = session_for(url)  # e.g. the next app start
    assert later.restore() is None  # restore also flushes; nothing to restore
    assert keyring.get_password(SERVICE, f"{url}|pending-revocation") is None
    assert not refresh_works(url, entry["refresh_token"])


def test_no_keyring_then_session_only(server: Server) -> None:
    with pytest.raises(KeyringUnavailableError) as caught:
        CredentialStore(backend=fail.Keyring()).probe()
    assert "Install and unlock GNOME Keyring or KWallet" in str(caught.value)
    memory = SessionOnlyCredentialStore()
    auth = session_for(server.url, store=memory)
    account = auth.register("Lina Haddad", EMAIL, PASSWORD, 1, "en")
    assert me(auth)["id"] == account.id
    assert stored(server.url) is None  # nothing reached the keyring
    assert session_for(server.url, store=SessionOnlyCredentialStore()).restore() is None
    assert auth.sign_out() is True and memory.load(server.url) is None


def test_wrong_password_and_sign_in_again(server: Server) -> None:
    registered(server).sign_out()
    auth = session_for(server.url)
    with pytest.raises(WrongPasswordError, match="The email or password is not right"):
        auth.sign_in_password(EMAIL, "not-the-password")
    with pytest.raises(WrongPasswordError):
        auth.sign_in_password("nobody@example.org", PASSWORD)
    assert auth.sign_in_password(EMAIL, PASSWORD).email == EMAIL


def test_registration_errors_from_the_server(server: Server) -> None:
    registered(server)
    other = session_for(server.url, store=SessionOnlyCredentialStore())
    with pytest.raises(EmailTakenError):
        other.register("Someone", EMAIL, PASSWORD, 1, "en")
    with pytest.raises(WeakPasswordError):
        other.register("Someone", "someone@example.org", "123", 1, "en")


def test_repeated_wrong_passwords_are_rate_limited(server: Server) -> None:
    auth = session_for(server.url, store=SessionOnlyCredentialStore())
    for _ in range(100):
        try:
            auth.sign_in_password(EMAIL, "guess")
        except WrongPasswordError:
            continue
        except RateLimitedError as exc:
            assert exc.args_[0].isdigit() and int(exc.args_[0]) > 0
            assert "Too many requests. Wait" in str(exc)
            return
    pytest.fail("no 429 after 100 wrong passwords")


def test_a_netrc_entry_for_the_server_never_replaces_the_token(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login someone password elsewhere\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    auth = registered(server)
    assert me(auth)["email"] == EMAIL
