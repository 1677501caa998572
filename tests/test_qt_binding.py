"""Guards against Qt binding releases with known-fatal bugs."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal(int)


def test_emit_keeps_refcount_of_true(qapp) -> None:
    # PySide6 6.12.0 drops one reference to True on every emit(): after a few hundred signals the
    # interpreter aborts with "bool_dealloc". pyproject.toml excludes it; this catches the next one.
    emitter = _Emitter()
    emitter.changed.connect(lambda value: None)
    before = sys.getrefcount(True)
    for i in range(50):
        emitter.changed.emit(i)
    assert sys.getrefcount(True) > before - 25  # incidental references come and go
