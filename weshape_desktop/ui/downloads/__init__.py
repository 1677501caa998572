"""The downloads dock and the controller between it, the queue and the buttons that ask for
downloads."""

from typing import TYPE_CHECKING

from weshape_desktop.core.lazy_face import lazy_face

if TYPE_CHECKING:
    from weshape_desktop.ui.downloads.controller import DownloadsController as DownloadsController
    from weshape_desktop.ui.downloads.dock import DownloadsDock as DownloadsDock
    from weshape_desktop.ui.downloads.download_requests import DownloadRequests as DownloadRequests
    from weshape_desktop.ui.downloads.model import failure_text as failure_text
    from weshape_desktop.ui.downloads.notice import DownloadNotice as DownloadNotice

__all__ = [
    "DownloadNotice",
    "DownloadRequests",
    "DownloadsController",
    "DownloadsDock",
    "failure_text",
]

__getattr__ = lazy_face(
    __name__,
    {
        "controller": ("DownloadsController",),
        "dock": ("DownloadsDock",),
        "download_requests": ("DownloadRequests",),
        "model": ("failure_text",),
        "notice": ("DownloadNotice",),
    },
)
