"""The privacy policy in the window: the dialog that shows it, the notice of a big change."""

from typing import TYPE_CHECKING

from weshape_desktop.core.lazy_face import lazy_face

if TYPE_CHECKING:
    from weshape_desktop.ui.policy.dialog import PolicyDialog as PolicyDialog
    from weshape_desktop.ui.policy.notice import (
        PolicyNotice as PolicyNotice,
        PolicyWatcher as PolicyWatcher,
    )

__all__ = ["PolicyDialog", "PolicyNotice", "PolicyWatcher"]

__getattr__ = lazy_face(
    __name__,
    {"dialog": ("PolicyDialog",), "notice": ("PolicyNotice", "PolicyWatcher")},
)
