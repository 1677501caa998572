"""The layout of DESIGN §2 at run time. `lint-imports` (pyproject's contracts, run by `make test`)
checks the static imports; these check what only running the code shows."""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "weshape_desktop"
FACES = sorted(
    ".".join(init.parent.relative_to(PACKAGE.parent).parts)
    for layer in ("core", "ui")
    for init in (PACKAGE / layer).glob("*/__init__.py")
)


def modules(layer: str) -> list[str]:
    root = PACKAGE / layer
    return sorted(
        ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
        for path in root.rglob("*.py")
    )


def test_importing_all_of_core_loads_no_qt() -> None:
    core = modules("core")
    assert "weshape_desktop.core.library.store" in core  # subpackages are covered
    code = f"import sys; [__import__(m) for m in {core!r}]; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_there_are_feature_packages() -> None:
    assert {"weshape_desktop.core.library", "weshape_desktop.ui.grid"} <= set(FACES)


@pytest.mark.parametrize("face", FACES)
def test_every_name_of_a_face_resolves_to_its_own_home(face: str) -> None:
    package = importlib.import_module(face)
    assert package.__all__, f"{face} has an empty face"
    for name in package.__all__:
        value = getattr(package, name)
        # Our classes and functions come from the package itself, not through another face.
        ours = getattr(value, "__module__", "").startswith("weshape_desktop.")
        if ours and (inspect.isclass(value) or inspect.isfunction(value)):
            assert value.__module__.startswith(face + "."), f"{face}.{name}: {value.__module__}"


def test_importing_a_face_loads_none_of_its_modules() -> None:
    code = (
        "import sys, weshape_desktop.ui.export, weshape_desktop.core.downloads; "
        "print(sorted(m for m in sys.modules if m.startswith(('weshape_desktop.ui.export.', "
        "'weshape_desktop.core.downloads.'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
