"""The library tab: the grid of what was downloaded, its filters and collections, the details
editor, and opening and checking the library."""

from typing import TYPE_CHECKING

from weshape_desktop.core.lazy_face import lazy_face

if TYPE_CHECKING:
    from weshape_desktop.ui.library.session import (
        LibraryCheck as LibraryCheck,
        LibrarySession as LibrarySession,
    )
    from weshape_desktop.ui.library.tab import LibraryTab as LibraryTab
    from weshape_desktop.ui.library.view import LibraryView as LibraryView

__all__ = [
    "LibraryCheck",
    "LibrarySession",
    "LibraryTab",
    "LibraryView",
]

__getattr__ = lazy_face(
    __name__,
    {
        "session": ("LibraryCheck", "LibrarySession"),
        "tab": ("LibraryTab",),
        "view": ("LibraryView",),
    },
)
