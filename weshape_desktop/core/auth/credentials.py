"""Where sign-in secrets live: the operating system's keyring, and nowhere else (DESIGN §4, §5).

Keyring layout (service ``weshape-desktop``; one entry per server, so two servers never mix):

``<server_url>|session``
    one JSON secret: ``{"refresh_token", "access_token", "access_expires_at", "account"}``.
    One entry keeps the pair consistent: a rotated refresh token and its access token are
    written together or not at all. ``account`` is the cached `/v1/me` profile (name, email…)
    so the app starts signed in while offline.
``<server_url>|pending-revocation``
    a JSON list of refresh tokens of sessions signed out while offline; they are revoked on
    the server at the next connection, then removed.

When no usable keyring exists the store raises `KeyringUnavailableError`; the app then offers
`SessionOnlyCredentialStore` (memory only). There is deliberately no plaintext-file fallback.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends import chainer

from weshape_desktop.core.errors import KeyringUnavailableError
from weshape_desktop.core.models import Account

# One keyring call at a time in this process: Secret Service's set replaces an item by finding it
# first, so a sign-out deleting the session while a sign-in saves it failed with
# ItemNotFoundException ("no keyring") when the two ran on worker threads together.
_KEYRING_LOCK = threading.RLock()

SERVICE = "weshape-desktop"
_PROBE_USER = f"{SERVICE}|probe"


@dataclass(frozen=True)
class StoredSession:
    """A signed-in session as kept in the keyring. Token fields never appear in `repr()`."""

    account: Account
    refresh_token: str = field(repr=False)
    access_token: str = field(repr=False, default="")
    access_expires_at: float = 0.0  # seconds since the epoch (the session's clock)

    def with_tokens(self, access: str, refresh: str, expires_at: float) -> StoredSession:
        """The same account with a new token pair."""
        return replace(
            self, access_token=access, refresh_token=refresh, access_expires_at=expires_at
        )

    def to_secret(self) -> str:
        """The JSON text stored as the keyring secret."""
        return json.dumps(
            {
                "refresh_token": self.refresh_token,
                "access_token": self.access_token,
                "access_expires_at": self.access_expires_at,
                "account": self.account.to_json(),
            }
        )

    @classmethod
    def from_secret(cls, text: str) -> StoredSession | None:
        """Parse `to_secret()`'s text; None when the entry is damaged (treated as signed out)."""
        try:
            data = json.loads(text)
            refresh = data["refresh_token"]
            if not isinstance(refresh, str) or not refresh:
                return None
            return cls(
                account=Account.from_json(data["account"]),
                refresh_token=refresh,
                access_token=str(data.get("access_token") or ""),
                access_expires_at=float(data.get("access_expires_at") or 0.0),
            )
        except Exception:  # damaged JSON or account: never echo the text, it holds tokens
            return None


class SecretStore(Protocol):
    """What `AuthSession` needs from a credential store (keyring-backed or memory-only)."""

    persistent: bool

    def probe(self) -> None: ...
    def load(self, server_url: str) -> StoredSession | None: ...
    def save(self, server_url: str, session: StoredSession) -> None: ...
    def delete(self, server_url: str) -> None: ...
    def pending_revocations(self, server_url: str) -> list[str]: ...
    def set_pending_revocations(self, server_url: str, tokens: list[str]) -> None: ...


def _session_key(server_url: str) -> str:
    return f"{server_url.rstrip('/')}|session"


def _pending_key(server_url: str) -> str:
    return f"{server_url.rstrip('/')}|pending-revocation"


def _unavailable(exc: BaseException) -> KeyringUnavailableError:
    # The type name is enough to diagnose; the text of backend errors is not needed in logs.
    return KeyringUnavailableError(detail=f"keyring error: {type(exc).__name__}")


class CredentialStore:
    """Secrets in the OS keyring through `keyring` (Secret Service, KWallet, macOS, Windows).

    `backend` defaults to `keyring.get_keyring()`; tests pass e.g. keyring's `fail.Keyring()`.
    Every method raises `KeyringUnavailableError` when the keyring is missing, locked or refuses.
    """

    persistent = True

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self.backend = backend if backend is not None else keyring.get_keyring()

    def probe(self) -> None:
        """Raise `KeyringUnavailableError` unless secrets can be written, read and deleted.

        Call before showing the sign-in dialog (it may block while the OS asks to unlock the
        keyring, so off the GUI thread) to offer "this session only" up front.
        """
        backend = self._trusted_backend()
        try:
            with _KEYRING_LOCK:
                backend.set_password(SERVICE, _PROBE_USER, "ok")
                value = backend.get_password(SERVICE, _PROBE_USER)
                backend.delete_password(SERVICE, _PROBE_USER)
        except Exception as exc:  # KeyringError, InitError, NoKeyringError, D-Bus failures
            raise _unavailable(exc) from None
        if value != "ok":
            raise KeyringUnavailableError(detail="the keyring did not keep a test secret")

    def load(self, server_url: str) -> StoredSession | None:
        """The saved session for `server_url`, or None when signed out (or the entry is damaged)."""
        text = self._get(_session_key(server_url))
        return StoredSession.from_secret(text) if text else None

    def save(self, server_url: str, session: StoredSession) -> None:
        """Replace the saved session for `server_url`."""
        self._set(_session_key(server_url), session.to_secret())

    def delete(self, server_url: str) -> None:
        """Forget the session for `server_url` (no error when there is none)."""
        self._delete(_session_key(server_url))

    def pending_revocations(self, server_url: str) -> list[str]:
        """Refresh tokens of offline sign-outs still to revoke on `server_url`."""
        text = self._get(_pending_key(server_url))
        try:
            tokens = json.loads(text) if text else []
        except ValueError:
            return []
        return [t for t in tokens if isinstance(t, str) and t] if isinstance(tokens, list) else []

    def set_pending_revocations(self, server_url: str, tokens: list[str]) -> None:
        """Replace the pending list (an empty list deletes the entry)."""
        with _KEYRING_LOCK:
            if tokens:
                self._set(_pending_key(server_url), json.dumps(tokens))
            else:
                self._delete(_pending_key(server_url))

    def _trusted_backend(self) -> KeyringBackend:
        if _is_unusable_backend(self.backend):
            raise KeyringUnavailableError(detail=f"backend {type(self.backend).__name__}")
        return self.backend

    def _get(self, user: str) -> str | None:
        backend = self._trusted_backend()
        try:
            with _KEYRING_LOCK:
                return backend.get_password(SERVICE, user)
        except Exception as exc:
            raise _unavailable(exc) from None

    def _set(self, user: str, secret: str) -> None:
        backend = self._trusted_backend()
        try:
            with _KEYRING_LOCK:
                backend.set_password(SERVICE, user, secret)
        except Exception as exc:
            raise _unavailable(exc) from None

    def _delete(self, user: str) -> None:
        backend = self._trusted_backend()
        try:
            with _KEYRING_LOCK:
                backend.delete_password(SERVICE, user)
        except keyring.errors.PasswordDeleteError:
            pass  # nothing stored under this name
        except Exception as exc:
            raise _unavailable(exc) from None


class SessionOnlyCredentialStore:
    """ "Stay signed in for this session only": the same interface, kept in memory.

    Nothing is written anywhere; quitting the app signs out (pending revocations are lost).
    """

    persistent = False

    def __init__(self) -> None:
        self._sessions: dict[str, StoredSession] = {}
        self._pending: dict[str, list[str]] = {}
        self._lock = threading.Lock()

    def probe(self) -> None:
        """Memory always works."""

    def load(self, server_url: str) -> StoredSession | None:
        """The session kept for `server_url` in this process, if any."""
        with self._lock:
            return self._sessions.get(server_url.rstrip("/"))

    def save(self, server_url: str, session: StoredSession) -> None:
        """Keep `session` in memory."""
        with self._lock:
            self._sessions[server_url.rstrip("/")] = session

    def delete(self, server_url: str) -> None:
        """Forget the session."""
        with self._lock:
            self._sessions.pop(server_url.rstrip("/"), None)

    def pending_revocations(self, server_url: str) -> list[str]:
        """Refresh tokens still to revoke (this process only)."""
        with self._lock:
            return list(self._pending.get(server_url.rstrip("/"), []))

    def set_pending_revocations(self, server_url: str, tokens: list[str]) -> None:
        """Replace the pending list."""
        with self._lock:
            self._pending[server_url.rstrip("/")] = list(tokens)


# The OS keyrings `keyring` ships (subclasses included). Any other backend — keyrings.alt's
# plaintext or terminal-password files, another plugin — can't be shown to keep secrets
# encrypted, so it is refused like no keyring at all: never a silent plaintext fallback.
_TRUSTED_BACKENDS = frozenset(
    {
        "keyring.backends.SecretService.Keyring",
        "keyring.backends.libsecret.Keyring",
        "keyring.backends.kwallet.DBusKeyring",
        "keyring.backends.macOS.Keyring",
        "keyring.backends.Windows.WinVaultKeyring",
    }
)


def _is_unusable_backend(backend: Any) -> bool:
    """Not an OS keyring (keyring's fail/null backends, a plaintext file, another plugin), or a
    chainer with nothing behind it or anything but OS keyrings."""
    if isinstance(backend, chainer.ChainerBackend):
        members = backend.backends
        return not members or any(_is_unusable_backend(b) for b in members)
    names = (f"{cls.__module__}.{cls.__qualname__}" for cls in type(backend).__mro__)
    return not any(name in _TRUSTED_BACKENDS for name in names)
