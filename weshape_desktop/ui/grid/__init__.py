"""The tile grid both the catalog and the library show: the view, the list model it shows (with
its previews), its proxy and delegate, what a tile holds, the page around it, the large preview,
the quick look and the grid-size slider."""

from typing import TYPE_CHECKING

from weshape_desktop.core.lazy_face import lazy_face

if TYPE_CHECKING:
    from weshape_desktop.ui.grid.large_preview import (
        LARGE_PREVIEW_SIZE as LARGE_PREVIEW_SIZE,
        LargePreview as LargePreview,
    )
    from weshape_desktop.ui.grid.model import PAGE_SIZE as PAGE_SIZE, TileModel as TileModel
    from weshape_desktop.ui.grid.page import GridPage as GridPage
    from weshape_desktop.ui.grid.proxy import GridProxy as GridProxy
    from weshape_desktop.ui.grid.swatches import (
        DARK_BACKDROP as DARK_BACKDROP,
        swatch_icon as swatch_icon,
    )
    from weshape_desktop.ui.grid.tile_content import (
        PREVIEW_SIZE as PREVIEW_SIZE,
        BadgeRole as BadgeRole,
        FormatsRole as FormatsRole,
        ItemRole as ItemRole,
        Tile as Tile,
        VariantsRole as VariantsRole,
        formats_badge as formats_badge,
        joined_tags as joined_tags,
        placeholder_pixmap as placeholder_pixmap,
    )
    from weshape_desktop.ui.grid.tile_grid import Selection as Selection, TileGrid as TileGrid
    from weshape_desktop.ui.grid.zoom import TileSizeSlider as TileSizeSlider

__all__ = [
    "DARK_BACKDROP",
    "LARGE_PREVIEW_SIZE",
    "PAGE_SIZE",
    "PREVIEW_SIZE",
    "BadgeRole",
    "FormatsRole",
    "GridPage",
    "GridProxy",
    "ItemRole",
    "LargePreview",
    "Selection",
    "Tile",
    "TileGrid",
    "TileModel",
    "TileSizeSlider",
    "VariantsRole",
    "formats_badge",
    "joined_tags",
    "placeholder_pixmap",
    "swatch_icon",
]

__getattr__ = lazy_face(
    __name__,
    {
        "large_preview": ("LARGE_PREVIEW_SIZE", "LargePreview"),
        "model": ("PAGE_SIZE", "TileModel"),
        "page": ("GridPage",),
        "proxy": ("GridProxy",),
        "swatches": ("DARK_BACKDROP", "swatch_icon"),
        "tile_content": (
            "BadgeRole",
            "FormatsRole",
            "ItemRole",
            "Tile",
            "VariantsRole",
            "PREVIEW_SIZE",
            "formats_badge",
            "joined_tags",
            "placeholder_pixmap",
        ),
        "tile_grid": ("Selection", "TileGrid"),
        "zoom": ("TileSizeSlider",),
    },
)
