"""What a reference server instance serves and where it keeps its state."""

from __future__ import annotations

import dataclasses
import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path

LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")
MAX_ACCESS_TOKEN_TTL_S = 15 * 60


@dataclass(frozen=True)
class ServerSettings:
    """Options of one server instance (the CLI builds one from its flags).

    catalog_dir: a folder to import (manifest.json or plain SVGs); None serves the bundled sample.
    synthetic: scale the catalog up to this many items (0: as is).
    data_dir: where the SQLite database and the synthetic file cache live; None keeps the
        database in memory (tests, throwaway demos).
    db_url: an SQLAlchemy URL (e.g. postgresql+psycopg://…) overriding the SQLite default.
    seed: the synthetic generator's seed, so two runs serve the same items.
    files: where file bytes are kept and served from: None reads the catalog's own files; a
        folder path or `s3://bucket/prefix` get the catalog's files copied in at startup.
    s3_endpoint: the S3 API's URL (an S3-compatible server, an emulator) instead of AWS's.

    Accounts (DESIGN §5): `require_account_for_downloads` gates `/v1/files/…` behind a valid
    access token (previews stay public). Token lifetimes are in seconds; access tokens live at most
    15 minutes. Sign-in failures are limited per email and per client address, registrations per
    client address, each within a sliding window; over the limit the server answers 429 with
    `Retry-After`. `argon2_time_cost`/`argon2_memory_cost_kib` (None: argon2-cffi's defaults)
    exist so tests can hash cheaply. `rate_limit_key` keys the hashes under which the limits
    count emails and addresses: random per process unless given (the workers of one server are
    given the same one).
    """

    catalog_dir: Path | None = None
    synthetic: int = 0
    data_dir: Path | None = None
    db_url: str | None = None
    seed: int = 1
    files: str | None = None
    s3_endpoint: str | None = None
    require_account_for_downloads: bool = True
    access_token_ttl_s: int = 900
    refresh_token_ttl_s: int = 30 * 24 * 3600
    auth_code_ttl_s: int = 120
    sign_in_failures_per_email: int = 5
    sign_in_failures_per_ip: int = 20
    sign_in_window_s: int = 300
    registrations_per_ip: int = 20
    registration_window_s: int = 3600
    argon2_time_cost: int | None = None
    argon2_memory_cost_kib: int | None = None
    rate_limit_key: bytes = field(default_factory=lambda: secrets.token_bytes(32), repr=False)

    def __post_init__(self) -> None:
        if not 0 < self.access_token_ttl_s <= MAX_ACCESS_TOKEN_TTL_S:
            raise ValueError(
                f"access_token_ttl_s must be between 1 and {MAX_ACCESS_TOKEN_TTL_S} seconds"
            )
        for name in ("refresh_token_ttl_s", "auth_code_ttl_s", "sign_in_window_s",
                     "registration_window_s", "sign_in_failures_per_email",
                     "sign_in_failures_per_ip", "registrations_per_ip"):  # fmt: skip
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")

    def database_url(self) -> str:
        """`db_url`, else a SQLite file in `data_dir`, else an in-memory SQLite database."""
        if self.db_url:
            return self.db_url
        if self.data_dir is not None:
            return f"sqlite:///{self.data_dir / 'server.db'}"
        return "sqlite://"

    def to_json(self) -> str:
        """These settings as JSON, for worker processes (`from_json`); holds the rate-limit key."""
        values = dataclasses.asdict(self)
        for name, value in values.items():
            if isinstance(value, Path):
                values[name] = str(value)
        values["rate_limit_key"] = self.rate_limit_key.hex()
        return json.dumps(values)

    @classmethod
    def from_json(cls, text: str) -> ServerSettings:
        values = json.loads(text)
        for name in ("catalog_dir", "data_dir"):
            if values[name] is not None:
                values[name] = Path(values[name])
        values["rate_limit_key"] = bytes.fromhex(values["rate_limit_key"])
        return cls(**values)
