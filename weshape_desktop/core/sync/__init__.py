"""Account sync (DESIGN §8, docs/sync.md): the engine that exchanges the library's changes with
the server."""

from typing import TYPE_CHECKING

from weshape_desktop.core.lazy_face import lazy_face

if TYPE_CHECKING:
    from weshape_desktop.core.sync.engine import (
        SyncEngine as SyncEngine,
        SyncReport as SyncReport,
    )

__all__ = ["SyncEngine", "SyncReport"]

__getattr__ = lazy_face(__name__, {"engine": ("SyncEngine", "SyncReport")})
