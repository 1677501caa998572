"""Downloads into the library (DESIGN §7): the queue, its workers and their transfers, resumable
part files, and the records that survive a restart."""

from typing import TYPE_CHECKING

from weshape_desktop.core.lazy_face import lazy_face

if TYPE_CHECKING:
    from weshape_desktop.core.downloads.queue import DownloadQueue as DownloadQueue
    from weshape_desktop.core.downloads.types import (
        ACTIVE_STATES as ACTIVE_STATES,
        DownloadEvent as DownloadEvent,
        DownloadState as DownloadState,
        DownloadStore as DownloadStore,
        RenderPng as RenderPng,
        StateName as StateName,
        download_key as download_key,
    )

__all__ = [
    "ACTIVE_STATES",
    "DownloadEvent",
    "DownloadQueue",
    "DownloadState",
    "DownloadStore",
    "RenderPng",
    "StateName",
    "download_key",
]

__getattr__ = lazy_face(
    __name__,
    {
        "queue": ("DownloadQueue",),
        "types": (
            "ACTIVE_STATES",
            "DownloadEvent",
            "DownloadState",
            "DownloadStore",
            "RenderPng",
            "StateName",
            "download_key",
        ),
    },
)
