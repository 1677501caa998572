"""What a screen reader gets from a window: each focusable widget's accessible name as Qt's
accessibility layer reports it (a button's text, a label's buddy and an explicit
`setAccessibleName` all count), not just `accessibleName()`."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QWidget


def spoken_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def focusable(window: QWidget) -> list[QWidget]:
    """Widgets Tab can reach in `window` now: shown, enabled, taking focus themselves."""
    widgets = [window, *window.findChildren(QWidget)]
    return [
        w
        for w in widgets
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and w.isVisible()
        and w.isEnabled()
        and w.focusProxy() is None  # the proxy is what takes the focus (and is named)
        and w.window() is window
    ]


def describe(widget: QWidget) -> str:
    """`objectName:Class#n` up the parent chain (n: its place among its parent's children of
    that class), then what it shows, so whoever merges finds the widget."""
    chain = []
    node: QWidget | None = widget
    while node is not None:
        parent = node.parentWidget()
        twins = [c for c in parent.children() if type(c) is type(node)] if parent else [node]
        chain.append(f"{node.objectName() or '?'}:{type(node).__name__}#{twins.index(node)}")
        node = parent
    hint = widget.toolTip() or getattr(widget, "placeholderText", lambda: "")()
    return " < ".join(chain) + (f"  (tooltip/placeholder: {hint!r})" if hint else "")


def unnamed(window: QWidget) -> list[str]:
    return [describe(w) for w in focusable(window) if not spoken_name(w)]


def tab_chain(start: QWidget) -> list[QWidget]:
    """The widgets Tab visits after `start`, in order, until it comes back round."""
    stops = set(focusable(start.window()))
    chain, widget = [], start.nextInFocusChain()
    while widget is not start and widget is not None and len(chain) < 5000:
        if widget in stops:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain
