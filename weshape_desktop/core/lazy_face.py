"""A feature package's face whose modules load when a name is first used (PEP 562).

Each feature package hands on a few names from its modules through its `__init__` (DESIGN §2).
Importing a face must cost nothing: the preview worker processes and the first paint of the
library grid import faces whose heavier modules (the export dialog, the download transfer) they
never touch. So a face lists its names for type checkers and import-linter under
`TYPE_CHECKING`, and `lazy_face` loads each name's module on first access.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping


def lazy_face(package: str, homes: Mapping[str, tuple[str, ...]]) -> Callable[[str], object]:
    """The module `__getattr__` for `package`: `homes` maps each of its modules (relative name)
    to the public names it defines. A name, once loaded, is kept on the package."""
    home_of = {name: module for module, names in homes.items() for name in names}

    def __getattr__(name: str) -> object:
        module = home_of.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
