"""Accounts: registration rules, argon2 password hashes, and checking a password.

The privacy policy lets us keep a name and an email address; that is all an account holds
besides the password hash, the language and the policy version the person accepted.
"""

from __future__ import annotations

import threading
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from weshape_desktop.server.db import accounts
from weshape_desktop.server.settings import ServerSettings

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024  # argon2 hashes any length; this bounds the work per request
MAX_NAME_LENGTH = 100
MAX_EMAIL_LENGTH = 254
# Marks that reorder how text around them is shown: in a name they could make an account
# look like another one in lists and logs ("Trojan Source"), so names with them are refused.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f"  # Arabic letter mark, left-to-right and right-to-left marks
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings and overrides
    "\u2066\u2067\u2068\u2069"  # isolates
)

# A few passwords people still pick that pass the length rule (any letter case).
COMMON_PASSWORDS = frozenset(
    {
        "0123456789", "1234567890", "12345678910", "123456789a", "1q2w3e4r5t", "abcdefghij",
        "abcd123456", "football123", "iloveyou12", "letmein123", "password12", "password123",
        "password1!", "passw0rd123", "qwerty1234", "qwerty12345", "qwertyuiop", "trustno1234",
        "welcome123", "weshape123", "administrator", "1qaz2wsx3edc", "asdfghjkl1",
    }
)  # fmt: skip


class AccountError(ValueError):
    """Registration data the server refuses; `code` is the API's error code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class EmailTakenError(Exception):
    """An account with this email already exists."""


@dataclass(frozen=True)
class Account:
    id: str
    name: str
    email: str
    locale: str
    accepted_policy_version: int
    created_at: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "email": self.email,
            "locale": self.locale,
            "accepted_policy_version": self.accepted_policy_version,
            "created_at": self.created_at,
        }


def fold_email(raw: str) -> str:
    """The form in which emails are stored and compared: NFKC and case-folded, without
    surrounding spaces, so a full-width `ｄｅｍｏ@…` or `DEMO@…` is the same address as `demo@…`."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", raw).casefold()).strip()


def normalise_email(raw: str) -> str:
    """`raw` folded (`fold_email`), when it looks like an address mail could reach."""
    email = fold_email(raw)
    local, at, domain = email.partition("@")
    labels = domain.split(".")
    if (
        not at
        or len(email) > MAX_EMAIL_LENGTH
        or not local
        or len(local) > 64
        or "@" in domain
        or len(labels) < 2
        or not all(labels)
        or any(ch.isspace() or _is_control(ch) or ch in '<>()[],;:\\"' for ch in email)
    ):
        raise AccountError(
            "invalid_email",
            "Enter an email address like name@example.com (at most 254 characters).",
        )
    return email


def clean_name(raw: str) -> str:
    """`raw` without surrounding spaces; refused when empty, too long, or holding control
    characters or bidi controls (refused rather than stripped: the person sees what is kept)."""
    name = raw.strip()
    if not 1 <= len(name) <= MAX_NAME_LENGTH or any(_is_control(ch) for ch in name):
        raise AccountError(
            "invalid_name",
            f"Enter your name (1 to {MAX_NAME_LENGTH} characters, without control characters "
            "or direction marks).",
        )
    return name


def _is_control(ch: str) -> bool:
    """Control characters, lone surrogates and bidi controls."""
    return unicodedata.category(ch) in ("Cc", "Cs") or ch in BIDI_CONTROLS


def check_password(password: str, email: str) -> None:
    """Humane strength rules: long enough, not a well-known password, not the email."""
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AccountError(
            "weak_password", f"Use a password of at most {MAX_PASSWORD_LENGTH} characters."
        )
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(
            "weak_password", f"Use a password of at least {MIN_PASSWORD_LENGTH} characters."
        )
    folded = password.strip().lower()
    if folded in COMMON_PASSWORDS or len(set(folded)) < 3:
        raise AccountError(
            "weak_password",
            "This password is too easy to guess. A few unrelated words make a strong one.",
        )
    if folded == email.lower() or folded == email.partition("@")[0].lower():
        raise AccountError("weak_password", "Use a password that is not your email address.")


def password_hasher(settings: ServerSettings) -> PasswordHasher:
    """argon2-cffi's defaults unless the settings lower the cost (tests)."""
    defaults = PasswordHasher()
    return PasswordHasher(
        time_cost=settings.argon2_time_cost or defaults.time_cost,
        memory_cost=settings.argon2_memory_cost_kib or defaults.memory_cost,
    )


def utc_iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class AccountStore:
    """Accounts in the server database."""

    def __init__(self, engine: Engine, hasher: PasswordHasher, clock: Callable[[], float]) -> None:
        self._engine = engine
        self._hasher = hasher
        self._clock = clock
        self._dummy_hash: str | None = None
        self._dummy_lock = threading.Lock()

    def create(
        self, *, name: str, email: str, password: str, locale: str, accepted_policy_version: int
    ) -> Account:
        """Validate and store a new account; raises AccountError or EmailTakenError."""
        name = clean_name(name)
        email = normalise_email(email)
        check_password(password, email)
        if self.by_email(email) is not None:
            raise EmailTakenError(email)
        return self._insert(name, email, password, locale, accepted_policy_version)

    def get(self, account_id: str) -> Account | None:
        return self._one(accounts.c.id == account_id)

    def by_email(self, email: str) -> Account | None:
        return self._one(accounts.c.email == fold_email(email))

    def verify(self, email: str, password: str) -> Account | None:
        """The account when `password` is its password, else None. An unknown email costs the
        same argon2 work as a wrong password, so timing does not tell which one it was."""
        with self._engine.connect() as conn:
            row = conn.execute(
                sa.select(accounts.c.id, accounts.c.password_hash).where(
                    accounts.c.email == fold_email(email)
                )
            ).one_or_none()
        stored = row.password_hash if row is not None else self._dummy()
        try:
            self._hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return None
        if row is None:
            return None
        if self._hasher.check_needs_rehash(stored):  # the cost parameters went up
            with self._engine.begin() as conn:
                conn.execute(
                    accounts.update()
                    .where(accounts.c.id == row.id)
                    .values(password_hash=self._hasher.hash(password))
                )
        return self.get(row.id)

    def ensure(
        self, *, name: str, email: str, password: str, locale: str, accepted_policy_version: int
    ) -> Account:
        """The account with `email`, created with these details if it does not exist yet
        (the demo account; no strength rules, the password is published)."""
        existing = self.by_email(email)
        if existing is not None:
            return existing
        return self._insert(name, fold_email(email), password, locale, accepted_policy_version)

    def _insert(
        self, name: str, email: str, password: str, locale: str, accepted_policy_version: int
    ) -> Account:
        account = Account(
            id=str(uuid.uuid4()),
            name=name,
            email=email,
            locale=locale,
            accepted_policy_version=accepted_policy_version,
            created_at=utc_iso(self._clock()),
        )
        row = {**account.to_json(), "password_hash": self._hasher.hash(password)}
        # The unique constraint on `email` decides between parallel registrations of one
        # address, at any isolation level: exactly one insert commits, the others fail here.
        try:
            with self._engine.begin() as conn:
                conn.execute(accounts.insert(), [row])
        except IntegrityError:
            raise EmailTakenError(email) from None
        return account

    def _one(self, where: sa.ColumnElement[bool]) -> Account | None:
        with self._engine.connect() as conn:
            row = conn.execute(
                sa.select(
                    accounts.c.id,
                    accounts.c.name,
                    accounts.c.email,
                    accounts.c.locale,
                    accounts.c.accepted_policy_version,
                    accounts.c.created_at,
                ).where(where)
            ).one_or_none()
        return None if row is None else Account(**row._mapping)

    def _dummy(self) -> str:
        with self._dummy_lock:
            if self._dummy_hash is None:
                self._dummy_hash = self._hasher.hash(uuid.uuid4().hex)
            return self._dummy_hash
