"""Preferences and usage statistics in the window: the settings dialog and its sections, the
first-run consent question, "Show what is sent", the theme and the library move."""

from typing import TYPE_CHECKING

from weshape_desktop.core.lazy_face import lazy_face

if TYPE_CHECKING:
    from weshape_desktop.ui.settings.dialog import (
        SECTIONS as SECTIONS,
        SettingsDialog as SettingsDialog,
        SettingsServices as SettingsServices,
    )
    from weshape_desktop.ui.settings.library_move import LibraryMove as LibraryMove
    from weshape_desktop.ui.settings.privacy import (
        ConsentDialog as ConsentDialog,
        SentPayloadsDialog as SentPayloadsDialog,
        app_analytics as app_analytics,
    )
    from weshape_desktop.ui.settings.theme import apply_theme as apply_theme

__all__ = [
    "SECTIONS",
    "ConsentDialog",
    "LibraryMove",
    "SentPayloadsDialog",
    "SettingsDialog",
    "SettingsServices",
    "app_analytics",
    "apply_theme",
]

__getattr__ = lazy_face(
    __name__,
    {
        "dialog": ("SECTIONS", "SettingsDialog", "SettingsServices"),
        "library_move": ("LibraryMove",),
        "privacy": ("ConsentDialog", "SentPayloadsDialog", "app_analytics"),
        "theme": ("apply_theme",),
    },
)
