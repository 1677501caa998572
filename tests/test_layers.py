"""The dependency rule of DESIGN §2: core never imports Qt, and never imports ui or server."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[1] / "weshape_desktop" / "core"
FORBIDDEN = ("PySide6", "shiboken6", "weshape_desktop.ui", "weshape_desktop.server")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_is_qt_free_and_independent() -> None:
    offenders = {
        f"{path.name}: {name}"
        for path in CORE.rglob("*.py")
        for name in imported_modules(path)
        if name.startswith(FORBIDDEN)
    }
    assert not offenders
    assert list(CORE.rglob("*.py")), "core sources not found"


def test_importing_core_loads_no_qt() -> None:
    import subprocess
    import sys

    modules = sorted(f"weshape_desktop.core.{p.stem}" for p in CORE.glob("*.py"))
    code = f"import sys; [__import__(m) for m in {modules!r}]; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
