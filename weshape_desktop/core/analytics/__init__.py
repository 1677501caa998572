"""Usage statistics (DESIGN §10): asked once, off until yes, only coarse allow-listed events."""

from typing import TYPE_CHECKING

from weshape_desktop.core.lazy_face import lazy_face

if TYPE_CHECKING:
    from weshape_desktop.core.analytics.client import (
        Analytics as Analytics,
        AnalyticsConfig as AnalyticsConfig,
    )
    from weshape_desktop.core.analytics.consent import (
        Choice as Choice,
        Consent as Consent,
        ConsentStore as ConsentStore,
        managed_file as managed_file,
    )
    from weshape_desktop.core.analytics.events import (
        EVENTS as EVENTS,
        FIELD_MEANINGS as FIELD_MEANINGS,
        bucket as bucket,
        os_family as os_family,
    )

__all__ = [
    "EVENTS",
    "FIELD_MEANINGS",
    "Analytics",
    "AnalyticsConfig",
    "Choice",
    "Consent",
    "ConsentStore",
    "bucket",
    "managed_file",
    "os_family",
]

__getattr__ = lazy_face(
    __name__,
    {
        "client": ("Analytics", "AnalyticsConfig"),
        "consent": ("Choice", "Consent", "ConsentStore", "managed_file"),
        "events": ("EVENTS", "FIELD_MEANINGS", "bucket", "os_family"),
    },
)
