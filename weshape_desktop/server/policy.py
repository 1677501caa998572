"""`GET /v1/policy?lang=ar|en`: the privacy policy texts bundled in resources/policy."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from weshape_desktop.server.schemas import ErrorBody, Policy

Lang = Literal["ar", "en"]


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
            for lang in ("ar", "en")
        },
    )


def policy_router(document: PolicyDocument) -> APIRouter:
    router = APIRouter(prefix="/v1", tags=["policy"], responses={422: {"model": ErrorBody}})

    @router.get("/policy", response_model=Policy)
    def policy(lang: Annotated[Lang, Query()] = "en") -> Policy:
        return document.for_lang(lang)

    return router
