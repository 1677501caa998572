"""Regenerate docs/screenshots/*.png: each `--show` view in English and Arabic, the window's views
at 1024×640 (NAME-LANG.png) and 1440×900 (NAME-LANG-1440.png), dialogs at their own size.

Run through `make screenshots` (offscreen Qt, a throwaway HOME with an unlocked keyring, as the
tests run). Each shot is a fresh app on the demo catalog with its own WESHAPE_HOME, so nothing
from an earlier shot (window size, library, answers) shows in the next. The library is empty
there: its shot is named for that.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
SIZES = (("1024x640", ""), ("1440x900", "-1440"))
WINDOW_VIEWS = {"catalog": "catalog", "detail": "detail", "downloads": "downloads",
                "library": "library-empty"}  # fmt: skip
DIALOG_VIEWS = {"signin": "signin", "settings": "settings-general", "policy": "policy",
                "policy-notice": "policy-notice", "consent": "consent"}  # fmt: skip


def shots(views: list[str]) -> list[tuple[str, str, str, Path]]:
    """(lang, view, size, file) for every shot of `views`."""
    planned = []
    for lang in ("en", "ar"):
        for view in views:
            if view in WINDOW_VIEWS:
                name = WINDOW_VIEWS[view]
                for size, suffix in SIZES:
                    planned.append((lang, view, size, OUT / f"{name}-{lang}{suffix}.png"))
            else:  # a dialog is grabbed at its own size
                name = DIALOG_VIEWS[view]
                planned.append((lang, view, SIZES[0][0], OUT / f"{name}-{lang}.png"))
    return planned


def take(lang: str, view: str, size: str, path: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="weshape-shot-") as home:
        env = {**os.environ, "WESHAPE_HOME": home}
        command = [sys.executable, "-m", "weshape_desktop", "--demo", "--lang", lang,
                   "--show", view, "--size", size, "--screenshot", str(path)]  # fmt: skip
        subprocess.run(command, env=env, check=True, timeout=180, stdin=subprocess.DEVNULL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("views", nargs="*", default=[*WINDOW_VIEWS, *DIALOG_VIEWS])
    views = parser.parse_args().views
    for lang, view, size, path in shots(views):
        start = time.monotonic()
        take(lang, view, size, path)
        print(f"{path.relative_to(OUT.parents[1])}  {time.monotonic() - start:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
