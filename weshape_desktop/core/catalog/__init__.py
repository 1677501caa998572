"""The weShape catalog as the app sees it: pages from the server with a disk cache behind them for
offline use, and compact rows for 100k items."""

from typing import TYPE_CHECKING

from weshape_desktop.core.lazy_face import lazy_face

if TYPE_CHECKING:
    from weshape_desktop.core.catalog.cached_catalog import (
        Answer as Answer,
        CachedCatalog as CachedCatalog,
        Fetch as Fetch,
    )
    from weshape_desktop.core.catalog.disk_cache import CatalogDiskCache as CatalogDiskCache
    from weshape_desktop.core.catalog.packed_items import (
        PackedItems as PackedItems,
        PackedPage as PackedPage,
    )

__all__ = [
    "Answer",
    "CachedCatalog",
    "CatalogDiskCache",
    "Fetch",
    "PackedItems",
    "PackedPage",
]

__getattr__ = lazy_face(
    __name__,
    {
        "cached_catalog": ("Answer", "CachedCatalog", "Fetch"),
        "disk_cache": ("CatalogDiskCache",),
        "packed_items": ("PackedItems", "PackedPage"),
    },
)
