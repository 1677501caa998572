"""The local library (DESIGN §6): the SQLite store and its readers, the checks and recovery when it
opens, collections, and the files of its entries in the library folder."""

from typing import TYPE_CHECKING

from weshape_desktop.core.lazy_face import lazy_face

if TYPE_CHECKING:
    from weshape_desktop.core.library.checks import (
        Check as Check,
        check_existing as check_existing,
        request_rebuild as request_rebuild,
    )
    from weshape_desktop.core.library.collection_edits import (
        moved_one_place as moved_one_place,
        moved_to as moved_to,
    )
    from weshape_desktop.core.library.entry_files import (
        entry_paths as entry_paths,
        entry_svg_path as entry_svg_path,
        export_file_name as export_file_name,
        read_entry_svg as read_entry_svg,
        write_export as write_export,
    )
    from weshape_desktop.core.library.moving import (
        library_files as library_files,
        move_library as move_library,
    )
    from weshape_desktop.core.library.opening import (
        Found as Found,
        OpenedLibrary as OpenedLibrary,
        check_opened as check_opened,
        full_check as full_check,
        open_library as open_library,
    )
    from weshape_desktop.core.library.reader import LibraryReader as LibraryReader
    from weshape_desktop.core.library.removal import (
        FileRemoval as FileRemoval,
        delete_library_files as delete_library_files,
    )
    from weshape_desktop.core.library.store import LibraryStore as LibraryStore
    from weshape_desktop.core.library.sync_tables import (
        AppliedPage as AppliedPage,
        OutgoingChange as OutgoingChange,
        ServerChange as ServerChange,
        SyncRound as SyncRound,
        SyncStatus as SyncStatus,
    )
    from weshape_desktop.core.library.types import (
        Collection as Collection,
        DownloadRow as DownloadRow,
        LibraryCounts as LibraryCounts,
        LibraryEntry as LibraryEntry,
        LibraryFile as LibraryFile,
        LibraryQuery as LibraryQuery,
        NewFile as NewFile,
    )

__all__ = [
    "AppliedPage",
    "Check",
    "Collection",
    "DownloadRow",
    "FileRemoval",
    "Found",
    "LibraryCounts",
    "LibraryEntry",
    "LibraryFile",
    "LibraryQuery",
    "LibraryReader",
    "LibraryStore",
    "NewFile",
    "OpenedLibrary",
    "OutgoingChange",
    "ServerChange",
    "SyncRound",
    "SyncStatus",
    "check_existing",
    "check_opened",
    "delete_library_files",
    "entry_paths",
    "entry_svg_path",
    "export_file_name",
    "full_check",
    "library_files",
    "move_library",
    "moved_one_place",
    "moved_to",
    "open_library",
    "read_entry_svg",
    "request_rebuild",
    "write_export",
]

__getattr__ = lazy_face(
    __name__,
    {
        "checks": ("Check", "check_existing", "request_rebuild"),
        "collection_edits": ("moved_one_place", "moved_to"),
        "entry_files": (
            "entry_paths",
            "entry_svg_path",
            "export_file_name",
            "read_entry_svg",
            "write_export",
        ),
        "moving": ("library_files", "move_library"),
        "opening": ("Found", "OpenedLibrary", "check_opened", "full_check", "open_library"),
        "reader": ("LibraryReader",),
        "removal": ("FileRemoval", "delete_library_files"),
        "store": ("LibraryStore",),
        "sync_tables": (
            "AppliedPage",
            "OutgoingChange",
            "ServerChange",
            "SyncRound",
            "SyncStatus",
        ),
        "types": (
            "Collection",
            "DownloadRow",
            "LibraryCounts",
            "LibraryEntry",
            "LibraryFile",
            "LibraryQuery",
            "NewFile",
        ),
    },
)
