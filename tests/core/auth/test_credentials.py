"""CredentialStore against a real Secret Service (gnome-keyring under dbus-run-session, see
RECIPES.md "Keyring"), and the no-keyring paths with keyring's fail/null/chainer backends."""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import SecretService, chainer, fail, null

from weshape_desktop.core.auth.credentials import (
    SERVICE,
    CredentialStore,
    SessionOnlyCredentialStore,
    StoredSession,
)
from weshape_desktop.core.errors import KeyringUnavailableError
from weshape_desktop.core.models import Account

NO_KEYRING = (
    "No keyring is available to keep you signed in. Install and unlock GNOME Keyring or "
    "KWallet, or sign in for this session only."
)
ACCOUNT = Account("acc-1", "Lina", "lina@example.org", "ar", 3, "2026-01-01T00:00:00Z")


def session(refresh: str = "refresh-SECRET-1", access: str = "access-SECRET-1") -> StoredSession:
    return StoredSession(ACCOUNT, refresh, access, 1_900_000_000.0)


@pytest.fixture
def server_url() -> Iterator[str]:
    """A server address no other test uses; its keyring entries are removed afterwards."""
    url = f"http://127.0.0.1:9/{uuid.uuid4().hex}"
    yield url
    for suffix in ("session", "pending-revocation"):
        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            keyring.delete_password(SERVICE, f"{url}|{suffix}")


@pytest.fixture
def store() -> CredentialStore:
    real = CredentialStore()
    assert type(real.backend).__module__ == "keyring.backends.SecretService", (
        "run under dbus-run-session with gnome-keyring unlocked (make test does)"
    )
    return real


def test_probe_passes_on_an_unlocked_secret_service(
    store: CredentialStore, server_url: str
) -> None:
    store.save(server_url, session())
    store.probe()
    assert keyring.get_password(SERVICE, f"{SERVICE}|probe") is None  # the probe cleans up
    assert store.load(server_url) == session(), "and leaves the saved session alone"


def test_session_round_trip_through_the_keyring(store: CredentialStore, server_url: str) -> None:
    assert store.load(server_url) is None
    store.save(server_url, session())
    # A second store object (think: the app restarted) reads the same secret back.
    loaded = CredentialStore().load(server_url)
    assert loaded == session()
    raw = keyring.get_password(SERVICE, f"{server_url}|session")
    assert raw is not None and "refresh-SECRET-1" in raw
    store.delete(server_url)
    assert store.load(server_url) is None
    assert keyring.get_password(SERVICE, f"{server_url}|session") is None
    store.delete(server_url)  # deleting twice is fine


def test_servers_do_not_share_entries(store: CredentialStore, server_url: str) -> None:
    other = f"{server_url}-other"
    store.save(server_url, session())
    try:
        assert store.load(other) is None
        store.save(other, session("refresh-other"))
        assert store.load(server_url) == session()
    finally:
        store.delete(other)


def test_pending_revocations(store: CredentialStore, server_url: str) -> None:
    assert store.pending_revocations(server_url) == []
    store.set_pending_revocations(server_url, ["r1", "r2"])
    assert CredentialStore().pending_revocations(server_url) == ["r1", "r2"]
    store.set_pending_revocations(server_url, [])
    assert keyring.get_password(SERVICE, f"{server_url}|pending-revocation") is None


def test_a_damaged_entry_reads_as_signed_out(store: CredentialStore, server_url: str) -> None:
    keyring.set_password(SERVICE, f"{server_url}|session", "{not json refresh-SECRET")
    assert store.load(server_url) is None
    keyring.set_password(SERVICE, f"{server_url}|session", '{"refresh_token": "x"}')
    assert store.load(server_url) is None
    for refresh in ("", 12345):  # an account but no usable refresh token: signed out
        secret = json.loads(session().to_secret()) | {"refresh_token": refresh}
        keyring.set_password(SERVICE, f"{server_url}|session", json.dumps(secret))
        assert store.load(server_url) is None


def test_tokens_stay_out_of_repr() -> None:
    text = repr(session()) + str(session())
    assert "SECRET" not in text
    assert "lina@example.org" in text  # the account is still useful in a debugger


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring()], ids=["fail", "null"])
def test_no_backend_says_what_to_do(
    backend: KeyringBackend, server_url: str, weshape_home: Path
) -> None:
    store = CredentialStore(backend=backend)
    with pytest.raises(KeyringUnavailableError) as caught:
        store.probe()
    assert str(caught.value) == NO_KEYRING
    with pytest.raises(KeyringUnavailableError):
        store.save(server_url, session())
    # Never a silent plaintext fallback: nothing was written anywhere.
    assert not weshape_home.exists() or not any(weshape_home.rglob("*"))


def test_fail_backend_refuses_reads_too(server_url: str) -> None:
    with pytest.raises(KeyringUnavailableError):
        CredentialStore(backend=fail.Keyring()).load(server_url)


def test_a_chainer_with_nothing_behind_it_is_unusable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [])
    with pytest.raises(KeyringUnavailableError, match="No keyring is available"):
        CredentialStore(backend=chainer.ChainerBackend()).probe()


class LockedKeyring(SecretService.Keyring):
    """A Secret Service whose collection stays locked (the user dismissed the unlock prompt).

    Priority 0 keeps this subclass (registered by merely existing) out of keyring's own choice."""

    priority = 0

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")


class InitFailingKeyring(LockedKeyring):
    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.InitError("Failed to create the collection: Prompt dismissed.")


@pytest.mark.parametrize("backend", [LockedKeyring(), InitFailingKeyring()], ids=["locked", "init"])
def test_locked_or_broken_secret_service(backend: KeyringBackend, server_url: str) -> None:
    store = CredentialStore(backend=backend)
    with pytest.raises(KeyringUnavailableError) as caught:
        store.probe()
    assert str(caught.value) == NO_KEYRING
    assert "KeyringLocked" in caught.value.detail or "InitError" in caught.value.detail
    for call in (lambda: store.load(server_url), lambda: store.delete(server_url)):
        with pytest.raises(KeyringUnavailableError):
            call()


class PlaintextFileKeyring(KeyringBackend):
    """What keyrings.alt's PlaintextKeyring does: the secrets in a file anyone who reads it has."""

    priority = 0  # see LockedKeyring

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def _secrets(self) -> dict[str, str]:
        return json.loads(self.path.read_text()) if self.path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._secrets().get(f"{service}|{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        self.path.write_text(json.dumps({**self._secrets(), f"{service}|{username}": password}))

    def delete_password(self, service: str, username: str) -> None:
        secrets = self._secrets()
        secrets.pop(f"{service}|{username}")
        self.path.write_text(json.dumps(secrets))


@pytest.mark.parametrize("chained", [False, True], ids=["alone", "chained"])
def test_a_plaintext_keyring_is_refused(
    chained: bool, tmp_path: Path, server_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    plaintext = PlaintextFileKeyring(tmp_path / "keyring.json")
    plaintext.set_password(SERVICE, f"{server_url}|session", session().to_secret())
    # keyring chains every backend it finds: here the OS keyring and the plaintext file.
    members = [CredentialStore().backend, plaintext]
    monkeypatch.setattr(chainer.ChainerBackend, "backends", members)
    store = CredentialStore(backend=chainer.ChainerBackend() if chained else plaintext)
    with pytest.raises(KeyringUnavailableError, match="No keyring is available"):
        store.probe()
    with pytest.raises(KeyringUnavailableError):
        store.save(server_url, session("refresh-NEW", "access-NEW"))
    with pytest.raises(KeyringUnavailableError):
        store.set_pending_revocations(server_url, ["refresh-OLD"])
    with pytest.raises(KeyringUnavailableError):
        store.load(server_url)  # not even a secret that is already there
    assert set(plaintext._secrets()) == {f"{SERVICE}|{server_url}|session"}
    assert "NEW" not in plaintext.path.read_text() and "OLD" not in plaintext.path.read_text()
    assert keyring.get_password(SERVICE, f"{server_url}|session") is None


@pytest.fixture(params=["keyring", "session-only"])
def any_store(request: pytest.FixtureRequest) -> CredentialStore | SessionOnlyCredentialStore:
    """Both stores: they keep the same contract (the session-only one in memory)."""
    if request.param == "keyring":
        return CredentialStore()
    return SessionOnlyCredentialStore()


def test_a_trailing_slash_names_the_same_server(
    any_store: CredentialStore | SessionOnlyCredentialStore, server_url: str
) -> None:
    url = f"{server_url}X"  # only "/" is trimmed, not the path's last letter
    for saved_as, used_as in ((url, f"{url}/"), (f"{url}/", url)):
        any_store.save(saved_as, session())
        assert any_store.load(used_as) == session()
        any_store.delete(used_as)
        assert any_store.load(saved_as) is None
        any_store.delete(used_as)  # signing out twice is fine
        any_store.set_pending_revocations(saved_as, ["r1", "r2"])
        assert any_store.pending_revocations(used_as) == ["r1", "r2"]
        any_store.set_pending_revocations(used_as, [])
        assert any_store.pending_revocations(saved_as) == []


class ForgetfulKeyring(SecretService.Keyring):
    """A Secret Service that takes secrets without error but never gives them back."""

    priority = 0  # see LockedKeyring

    def get_password(self, service: str, username: str) -> str | None:
        return None


def test_a_keyring_that_forgets_secrets_is_refused() -> None:
    store = CredentialStore(backend=ForgetfulKeyring())
    with pytest.raises(KeyringUnavailableError) as caught:
        store.probe()
    assert str(caught.value) == NO_KEYRING
    assert keyring.get_password(SERVICE, f"{SERVICE}|probe") is None  # the probe cleans up


def test_session_only_store_keeps_everything_in_memory(weshape_home: Path) -> None:
    store = SessionOnlyCredentialStore()
    store.probe()
    assert store.persistent is False
    store.save("http://127.0.0.1:1/", session())
    assert store.load("http://127.0.0.1:1") == session()
    store.set_pending_revocations("http://127.0.0.1:1", ["r1"])
    assert store.pending_revocations("http://127.0.0.1:1") == ["r1"]
    store.delete("http://127.0.0.1:1")
    assert store.load("http://127.0.0.1:1") is None
    assert SessionOnlyCredentialStore().pending_revocations("http://127.0.0.1:1") == []
    assert not weshape_home.exists() or not any(weshape_home.rglob("*"))
