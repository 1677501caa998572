"""Account sync in the window: the controller that runs the engine, its status bar widget and the
questions asked before a library joins an account."""

from typing import TYPE_CHECKING

from weshape_desktop.core.lazy_face import lazy_face

if TYPE_CHECKING:
    from weshape_desktop.ui.sync.controller import (
        Question as Question,
        SyncController as SyncController,
        SyncState as SyncState,
    )
    from weshape_desktop.ui.sync.prompts import SyncPrompts as SyncPrompts
    from weshape_desktop.ui.sync.status import SyncStatusWidget as SyncStatusWidget

__all__ = [
    "Question",
    "SyncController",
    "SyncPrompts",
    "SyncState",
    "SyncStatusWidget",
]

__getattr__ = lazy_face(
    __name__,
    {
        "controller": ("Question", "SyncController", "SyncState"),
        "prompts": ("SyncPrompts",),
        "status": ("SyncStatusWidget",),
    },
)
