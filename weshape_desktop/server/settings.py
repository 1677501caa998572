"""What a reference server instance serves and where it keeps its state."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")


@dataclass(frozen=True)
class ServerSettings:
    """Options of one server instance (the CLI builds one from its flags).

    catalog_dir: a folder to import (manifest.json or plain SVGs); None serves the bundled sample.
    synthetic: scale the catalog up to this many items (0: as is).
    data_dir: where the SQLite database and the synthetic file cache live; None keeps the
        database in memory (tests, throwaway demos).
    db_url: an SQLAlchemy URL (e.g. postgresql+psycopg://…) overriding the SQLite default.
    seed: the synthetic generator's seed, so two runs serve the same items.
    """

    catalog_dir: Path | None = None
    synthetic: int = 0
    data_dir: Path | None = None
    db_url: str | None = None
    seed: int = 1

    def database_url(self) -> str:
        """`db_url`, else a SQLite file in `data_dir`, else an in-memory SQLite database."""
        if self.db_url:
            return self.db_url
        if self.data_dir is not None:
            return f"sqlite:///{self.data_dir / 'server.db'}"
        return "sqlite://"
