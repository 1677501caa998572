"""The catalog tab: the searchable grid of the weShape catalog and its details panel."""

from typing import TYPE_CHECKING

from weshape_desktop.core.lazy_face import lazy_face

if TYPE_CHECKING:
    from weshape_desktop.ui.catalog.detail_panel import (
        DetailPanel as DetailPanel,
        scrolling as scrolling,
        title_font as title_font,
    )
    from weshape_desktop.ui.catalog.model import CatalogModel as CatalogModel
    from weshape_desktop.ui.catalog.tab import CatalogTab as CatalogTab
    from weshape_desktop.ui.catalog.view import CatalogView as CatalogView

__all__ = [
    "CatalogModel",
    "CatalogTab",
    "CatalogView",
    "DetailPanel",
    "scrolling",
    "title_font",
]

__getattr__ = lazy_face(
    __name__,
    {
        "detail_panel": ("DetailPanel", "scrolling", "title_font"),
        "model": ("CatalogModel",),
        "tab": ("CatalogTab",),
        "view": ("CatalogView",),
    },
)
