"""Where weShape Desktop keeps its files (DESIGN §4)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "weshape-desktop"


@dataclass(frozen=True)
class AppPaths:
    """The app's folders. `WESHAPE_HOME` puts all of them under one folder."""

    config_dir: Path
    data_dir: Path
    cache_dir: Path
    log_dir: Path

    @classmethod
    def resolve(cls, env: Mapping[str, str] | None = None) -> AppPaths:
        """Folders from `WESHAPE_HOME` if set, else the platform's user folders."""
        env = os.environ if env is None else env
        home = env.get("WESHAPE_HOME")
        if home:
            root = Path(home).expanduser().resolve()
            return cls(root / "config", root / "data", root / "cache", root / "logs")
        return cls(
            Path(platformdirs.user_config_dir(APP_NAME)),
            Path(platformdirs.user_data_dir(APP_NAME)),
            Path(platformdirs.user_cache_dir(APP_NAME)),
            Path(platformdirs.user_log_dir(APP_NAME)),
        )

    @property
    def preview_cache_dir(self) -> Path:
        return self.cache_dir / "previews"

    @property
    def catalog_cache_dir(self) -> Path:
        """Catalog pages and facets seen online, for browsing offline (`CatalogDiskCache`)."""
        return self.cache_dir / "catalog"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def library_db(self) -> Path:
        return self.data_dir / "library.sqlite3"

    @property
    def default_library_dir(self) -> Path:
        """Where downloaded files go unless the user picks another folder: plain files a person
        can open without the app."""
        return self.data_dir / "Library"

    def library_dir(self, chosen: str) -> Path:
        """The library folder: the user's choice (`Settings.library_dir`) or the default."""
        return Path(chosen).expanduser() if chosen else self.default_library_dir

    def ensure(self) -> AppPaths:
        """Create the folders, private to the user (0700)."""
        for folder in (self.config_dir, self.data_dir, self.cache_dir, self.log_dir):
            folder.mkdir(parents=True, exist_ok=True)
            folder.chmod(0o700)
        return self
