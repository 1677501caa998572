"""PKCE (RFC 7636, S256) and the authorize URL of the browser sign-in (RFC 8252)."""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass, field
from urllib.parse import urlencode

CLIENT_ID = "weshape-desktop"


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def code_challenge(verifier: str) -> str:
    """BASE64URL(SHA256(verifier)) without padding (RFC 7636 §4.2)."""
    return _b64url(hashlib.sha256(verifier.encode("ascii")).digest())


@dataclass(frozen=True)
class PkcePair:
    """A fresh code verifier (43 URL-safe characters from 32 random bytes), its challenge and an
    unguessable `state`; the verifier never leaves this process until the token exchange."""

    verifier: str = field(repr=False, default_factory=lambda: _b64url(secrets.token_bytes(32)))
    state: str = field(repr=False, default_factory=lambda: secrets.token_urlsafe(24))

    @property
    def challenge(self) -> str:
        return code_challenge(self.verifier)


def authorize_url(server_url: str, redirect_uri: str, pkce: PkcePair, lang: str) -> str:
    """The server's `/v1/auth/authorize` page for this sign-in attempt."""
    query = urlencode(
        {
            "response_type": "code",
            "client_id": CLIENT_ID,
            "redirect_uri": redirect_uri,
            "state": pkce.state,
            "code_challenge": pkce.challenge,
            "code_challenge_method": "S256",
            "lang": "ar" if lang.startswith("ar") else "en",
        }
    )
    return f"{server_url.rstrip('/')}/v1/auth/authorize?{query}"
