"""Privacy policy versions (DESIGN §5): `GET /v1/policy?lang=ar|en` serves the one in force, and
each account acknowledges versions under `/v1/me/policy`.

The versions live in the database. The policy bundled in resources/policy is version 1, stored
the first time the database is opened; `weshape-server publish-policy` adds newer ones.
"""

from __future__ import annotations

import json
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

import sqlalchemy as sa
from fastapi import APIRouter, Depends, Query
from fastapi.security import HTTPAuthorizationCredentials
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from weshape_desktop.server.auth_api import Auth, bearer_scheme
from weshape_desktop.server.body_limit import TOO_LARGE_RESPONSE
from weshape_desktop.server.db import accounts, policy_versions
from weshape_desktop.server.errors import ApiError
from weshape_desktop.server.schemas import (
    ErrorBody,
    Policy,
    PolicyAcknowledgement,
    PolicyAcknowledgementIn,
)

Lang = Literal["ar", "en"]
LANGS: tuple[Lang, ...] = ("ar", "en")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)]


def policy_dir() -> Path:
    """resources/policy in the checkout (and in the PyInstaller bundle, which mirrors it)."""
    return Path(__file__).resolve().parents[2] / "resources" / "policy"


@dataclass(frozen=True)
class PolicyDocument:
    version: int
    published: str  # ISO date
    significant: bool  # clients must ask users to acknowledge a significant new version
    texts: dict[str, str]  # lang -> text

    def for_lang(self, lang: Lang) -> Policy:
        return Policy(
            version=self.version,
            published=self.published,
            significant=self.significant,
            lang=lang,
            text=self.texts[lang],
        )


def load_policy(directory: Path | None = None) -> PolicyDocument:
    """policy.json (version, published, significant) plus privacy-policy.{ar,en}.txt."""
    root = directory or policy_dir()
    meta = json.loads((root / "policy.json").read_text(encoding="utf-8"))
    return PolicyDocument(
        version=int(meta["version"]),
        published=str(meta["published"]),
        significant=bool(meta["significant"]),
        texts={
            lang: (root / f"privacy-policy.{lang}.txt").read_bytes().decode("utf-8")
            for lang in LANGS
        },
    )


class PolicyVersionError(ValueError):
    """A version that can't be published: not newer than the one in force."""


class PolicyStore:
    """The policy versions in the server database."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def seed(self, document: PolicyDocument) -> None:
        """Store `document` (the bundled policy) when no version is stored yet."""
        if self.current_version() == 0:
            with suppress(IntegrityError):  # another process seeded it at the same moment
                self._insert(document)

    def current_version(self) -> int:
        """The version in force; 0 before any is stored."""
        with self._engine.connect() as conn:
            return int(
                conn.execute(sa.select(sa.func.max(policy_versions.c.version))).scalar() or 0
            )

    def current(self) -> PolicyDocument:
        with self._engine.connect() as conn:
            row = conn.execute(
                sa.select(policy_versions).order_by(policy_versions.c.version.desc()).limit(1)
            ).one()
        return PolicyDocument(
            row.version, row.published, row.significant, {"ar": row.text_ar, "en": row.text_en}
        )

    def publish(self, document: PolicyDocument) -> None:
        """Add a version newer than the one in force; raises PolicyVersionError otherwise."""
        current = self.current_version()
        if document.version <= current:
            raise PolicyVersionError(
                f"version {document.version} is not newer than the current version {current}"
            )
        try:
            self._insert(document)
        except IntegrityError:
            raise PolicyVersionError(f"version {document.version} already exists") from None

    def acknowledge(self, account_id: str, version: int) -> int:
        """Record that the account read `version` (never lowering what it acknowledged before);
        the version it has acknowledged now."""
        with self._engine.begin() as conn:
            conn.execute(
                accounts.update()
                .where(accounts.c.id == account_id, accounts.c.accepted_policy_version < version)
                .values(accepted_policy_version=version)
            )
            return int(
                conn.execute(
                    sa.select(accounts.c.accepted_policy_version).where(accounts.c.id == account_id)
                ).scalar_one()
            )

    def _insert(self, document: PolicyDocument) -> None:
        with self._engine.begin() as conn:
            conn.execute(
                policy_versions.insert(),
                [
                    {
                        "version": document.version,
                        "published": document.published,
                        "significant": document.significant,
                        "text_ar": document.texts["ar"],
                        "text_en": document.texts["en"],
                    }
                ],
            )


def policy_router(store: PolicyStore, auth: Auth) -> APIRouter:
    router = APIRouter(prefix="/v1", tags=["policy"], responses={422: {"model": ErrorBody}})

    @router.get("/policy", response_model=Policy)
    def policy(lang: Annotated[Lang, Query()] = "en") -> Policy:
        """The policy in force, with its version."""
        return store.current().for_lang(lang)

    @router.get(
        "/me/policy",
        response_model=PolicyAcknowledgement,
        responses={401: {"model": ErrorBody}},
    )
    def acknowledged(credentials: Credentials) -> PolicyAcknowledgement:
        """The newest policy version the signed-in account acknowledged."""
        account = auth.bearer_account(credentials)
        return PolicyAcknowledgement(acknowledged_version=account.accepted_policy_version)

    @router.post(
        "/me/policy/acknowledge",
        response_model=PolicyAcknowledgement,
        responses={
            400: {"model": ErrorBody, "description": "The body is not UTF-8 JSON"},
            401: {"model": ErrorBody},
            422: {"model": ErrorBody, "description": "No such version (yet)"},
            **TOO_LARGE_RESPONSE,
        },
    )
    def acknowledge(
        body: PolicyAcknowledgementIn, credentials: Credentials
    ) -> PolicyAcknowledgement:
        """The signed-in account read `version` (kept on the server for all its devices)."""
        account = auth.bearer_account(credentials)
        current = store.current_version()
        if not 1 <= body.version <= current:
            raise ApiError(
                422,
                "unknown_policy_version",
                f"There is no policy version {body.version}; the current one is {current}.",
            )
        return PolicyAcknowledgement(
            acknowledged_version=store.acknowledge(account.id, body.version)
        )

    return router
