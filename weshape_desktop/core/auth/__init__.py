"""Signing in: the session and its tokens, browser sign-in (PKCE over a loopback redirect), and the
credentials kept in the OS keyring."""

from typing import TYPE_CHECKING

from weshape_desktop.core.lazy_face import lazy_face

if TYPE_CHECKING:
    from weshape_desktop.core.auth.credentials import (
        CredentialStore as CredentialStore,
        SessionOnlyCredentialStore as SessionOnlyCredentialStore,
    )
    from weshape_desktop.core.auth.session import AuthSession as AuthSession

__all__ = [
    "AuthSession",
    "CredentialStore",
    "SessionOnlyCredentialStore",
]

__getattr__ = lazy_face(
    __name__,
    {
        "credentials": ("CredentialStore", "SessionOnlyCredentialStore"),
        "session": ("AuthSession",),
    },
)
