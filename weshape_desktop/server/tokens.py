"""Opaque bearer tokens and browser sign-in codes, kept server-side only as sha256 hashes.

Each token is 256 random bits (`secrets.token_urlsafe(32)`), so a plain sha256 is a safe
lookup key: a stolen database holds nothing a client could present. A sign-in starts a family;
refreshing rotates the refresh token within it, and presenting a refresh token a second time
(someone else has a copy) revokes the whole family (OAuth 2.0 Security BCP §4.14).

Dead rows are purged as a side effect of handing out tokens and codes, at most once per
`PURGE_INTERVAL_S` of the store's clock, so no scheduler is needed: expired access tokens, every
row of a family that can no longer be used (revoked, or all its tokens expired or rotated), and
codes a day past their expiry. Rotated refresh tokens of a live family stay: presenting one
again is how a stolen copy is detected.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from weshape_desktop.core.pkce import code_challenge
from weshape_desktop.server.db import auth_codes, run_serializable, tokens

ACCESS, REFRESH = "access", "refresh"
# RFC 7636 §4.1: 43 to 128 unreserved characters (the challenge of S256 has the same alphabet).
PKCE_VALUE_RE = re.compile(r"^[A-Za-z0-9\-._~]{43,128}$")
PURGE_INTERVAL_S = 60.0
PURGE_BATCH = 500  # families deleted per statement (keeps IN lists short on every database)
# Used codes stay this long so that presenting one again still revokes what it got.
CODE_RETENTION_S = 86400.0


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class IssuedTokens:
    """A fresh token pair; the secrets exist only here and in the response."""

    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    expires_in: int
    family_id: str

    def to_json(self) -> dict[str, object]:
        return {
            "access_token": self.access_token,
            "refresh_token": self.refresh_token,
            "token_type": "Bearer",
            "expires_in": self.expires_in,
        }


class TokenStore:
    """Issues, checks, rotates and revokes tokens and authorization codes."""

    def __init__(
        self,
        engine: Engine,
        clock: Callable[[], float],
        *,
        access_ttl_s: int,
        refresh_ttl_s: int,
        code_ttl_s: int,
    ) -> None:
        self._engine = engine
        self._clock = clock
        self.access_ttl_s = access_ttl_s
        self.refresh_ttl_s = refresh_ttl_s
        self.code_ttl_s = code_ttl_s
        self._purge_lock = threading.Lock()
        self._next_purge_at = float("-inf")

    def issue(self, account_id: str) -> IssuedTokens:
        """A new sign-in: a new family with an access and a refresh token."""
        with self._engine.begin() as conn:
            return self._issue(conn, account_id, str(uuid.uuid4()))

    def account_for_access(self, access_token: str) -> str | None:
        """The account id of a valid (known, unexpired, unrevoked) access token."""
        with self._engine.connect() as conn:
            row = conn.execute(
                sa.select(tokens.c.account_id, tokens.c.expires_at).where(
                    tokens.c.hash == secret_hash(access_token),
                    tokens.c.kind == ACCESS,
                    tokens.c.revoked_at.is_(None),
                )
            ).one_or_none()
        if row is None or row.expires_at <= self._clock():
            return None
        return str(row.account_id)

    def rotate(self, refresh_token: str) -> IssuedTokens | None:
        """Trade a refresh token for a new pair in the same family. A refresh token presented
        again after its rotation revokes the family; None for anything not honoured.

        SERIALIZABLE, as are `revoke` and `redeem_code`: at READ COMMITTED, a revocation whose
        UPDATE began while a rotation of the same family was inserting its new pair would not
        see that pair, which would stay usable (seen in test_concurrency on PostgreSQL: 6 of
        40 rounds). Serializable, one of the two is aborted and retried after the other."""
        now = self._clock()

        def rotate(conn: Connection) -> IssuedTokens | None:
            row = conn.execute(
                sa.select(tokens).where(
                    tokens.c.hash == secret_hash(refresh_token), tokens.c.kind == REFRESH
                )
            ).one_or_none()
            if row is None or row.revoked_at is not None:
                return None
            if row.used_at is not None:
                self._revoke_family(conn, row.family_id, now)
                return None
            if row.expires_at <= now:
                return None
            claimed = conn.execute(
                tokens.update()
                .where(tokens.c.hash == row.hash, tokens.c.used_at.is_(None))
                .values(used_at=now)
            ).rowcount
            if claimed != 1:  # rotated concurrently by another request: a reuse as well
                self._revoke_family(conn, row.family_id, now)
                return None
            return self._issue(conn, row.account_id, row.family_id)

        return run_serializable(self._engine, rotate)

    def revoke(self, token: str) -> None:
        """Revoke the family of an access or refresh token (RFC 7009); unknown tokens are
        ignored. SERIALIZABLE: see `rotate`."""
        now = self._clock()

        def revoke(conn: Connection) -> None:
            family = conn.execute(
                sa.select(tokens.c.family_id).where(tokens.c.hash == secret_hash(token))
            ).scalar_one_or_none()
            if family is not None:
                self._revoke_family(conn, family, now)

        run_serializable(self._engine, revoke)

    def create_code(
        self, account_id: str, *, client_id: str, redirect_uri: str, code_challenge: str
    ) -> str:
        """A single-use authorization code bound to the client, redirect URI and challenge."""
        code, now = new_secret(), self._clock()
        with self._engine.begin() as conn:
            self._purge_if_due(conn, now)
            conn.execute(
                auth_codes.insert(),
                [
                    {
                        "hash": secret_hash(code),
                        "account_id": account_id,
                        "client_id": client_id,
                        "redirect_uri": redirect_uri,
                        "code_challenge": code_challenge,
                        "created_at": now,
                        "expires_at": now + self.code_ttl_s,
                    }
                ],
            )
        return code

    def redeem_code(
        self, code: str, *, client_id: str, redirect_uri: str, code_verifier: str
    ) -> IssuedTokens | None:
        """Tokens for a valid code with the matching verifier, else None. Any attempt uses
        the code up; a second use also revokes the tokens the first one got (RFC 6749
        §4.1.2). SERIALIZABLE: see `rotate`."""
        now = self._clock()

        def redeem(conn: Connection) -> IssuedTokens | None:
            row = conn.execute(
                sa.select(auth_codes).where(auth_codes.c.hash == secret_hash(code))
            ).one_or_none()
            if row is None:
                return None
            if row.used_at is not None:
                if row.family_id is not None:
                    self._revoke_family(conn, row.family_id, now)
                return None
            claimed = conn.execute(
                auth_codes.update()
                .where(auth_codes.c.hash == row.hash, auth_codes.c.used_at.is_(None))
                .values(used_at=now)
            ).rowcount
            if (
                claimed != 1
                or row.expires_at <= now
                or row.client_id != client_id
                or row.redirect_uri != redirect_uri
                or not PKCE_VALUE_RE.match(code_verifier)
                or not hmac.compare_digest(code_challenge(code_verifier), row.code_challenge)
            ):
                return None
            issued = self._issue(conn, row.account_id, str(uuid.uuid4()))
            conn.execute(
                auth_codes.update()
                .where(auth_codes.c.hash == row.hash)
                .values(family_id=issued.family_id)
            )
            return issued

        return run_serializable(self._engine, redeem)

    def _purge_if_due(self, conn: Connection, now: float) -> None:
        with self._purge_lock:  # one request per interval does the work, not all at once
            if now < self._next_purge_at:
                return
            self._next_purge_at = now + PURGE_INTERVAL_S
        self._purge(conn, now)

    @staticmethod
    def _purge(conn: Connection, now: float) -> None:
        usable = sa.and_(
            tokens.c.revoked_at.is_(None), tokens.c.used_at.is_(None), tokens.c.expires_at > now
        )
        dead_families = (
            conn.execute(
                sa.select(tokens.c.family_id)
                .group_by(tokens.c.family_id)
                .having(sa.func.max(sa.case((usable, 1), else_=0)) == 0)
            )
            .scalars()
            .all()
        )
        for start in range(0, len(dead_families), PURGE_BATCH):
            batch = dead_families[start : start + PURGE_BATCH]
            conn.execute(tokens.delete().where(tokens.c.family_id.in_(batch)))
        conn.execute(tokens.delete().where(tokens.c.kind == ACCESS, tokens.c.expires_at <= now))
        conn.execute(auth_codes.delete().where(auth_codes.c.expires_at < now - CODE_RETENTION_S))

    def _issue(self, conn: Connection, account_id: str, family_id: str) -> IssuedTokens:
        now = self._clock()
        access, refresh = new_secret(), new_secret()
        conn.execute(
            tokens.insert(),
            [
                {
                    "hash": secret_hash(secret),
                    "kind": kind,
                    "account_id": account_id,
                    "family_id": family_id,
                    "created_at": now,
                    "expires_at": now + ttl,
                }
                for secret, kind, ttl in (
                    (access, ACCESS, self.access_ttl_s),
                    (refresh, REFRESH, self.refresh_ttl_s),
                )
            ],
        )
        # After the insert: a family being rotated has no usable token until its new one exists.
        self._purge_if_due(conn, now)
        return IssuedTokens(access, refresh, self.access_ttl_s, family_id)

    @staticmethod
    def _revoke_family(conn: Connection, family_id: str, now: float) -> None:
        conn.execute(
            tokens.update()
            .where(tokens.c.family_id == family_id, tokens.c.revoked_at.is_(None))
            .values(revoked_at=now)
        )
