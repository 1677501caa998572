"""The command line of DESIGN §13, run as a user would: a real process, the demo server, a PNG."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage


def run_app(
    *args: str, timeout: float = 120, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "weshape_desktop", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        env=env,
    )


@pytest.mark.parametrize(("lang", "view"), [("en", "catalog"), ("ar", "detail")])
def test_demo_screenshot(tmp_path: Path, lang: str, view: str, qapp) -> None:
    out = tmp_path / f"{view}-{lang}.png"
    result = run_app("--demo", "--lang", lang, "--show", view, "--screenshot", str(out))
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert image.width() >= 800 and image.height() >= 600
    # A painted grid of illustrations has many distinct colours; an empty window has few.
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, 600, 7)}
    assert len(colours) > 200


def test_unknown_view_is_rejected() -> None:
    result = run_app("--show", "nonsense")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


@pytest.mark.parametrize(
    ("lang", "view", "width"),
    [
        ("ar", "policy", 640),
        ("en", "signin", 420),
        ("ar", "settings", 720),
        ("ar", "policy-notice", 520),
    ],
)
def test_dialog_screenshot(tmp_path: Path, qapp, lang: str, view: str, width: int) -> None:
    out = tmp_path / f"{view}-{lang}.png"
    result = run_app("--demo", "--lang", lang, "--show", view, "--screenshot", str(out))
    assert result.returncode == 0, result.stderr
    assert QImage(str(out)).width() == width  # the dialog, not the main window


def test_screenshot_at_a_chosen_size(tmp_path: Path, qapp) -> None:
    out = tmp_path / "catalog-1440.png"
    result = run_app("--demo", "--size", "1440x900", "--screenshot", str(out))
    assert result.returncode == 0, result.stderr
    assert QImage(str(out)).size().toTuple() == (1440, 900)


@pytest.mark.parametrize("size", ["1440", "0x900", "wide"])
def test_a_size_that_is_no_size_is_rejected(size: str) -> None:
    result = run_app("--size", size)
    assert result.returncode == 2
    assert "WIDTHxHEIGHT" in result.stderr
