"""Helpers shared by the bench scripts (imported as `common` from bench/)."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from weshape_desktop.ui.preview_pool import render_svg_file


def key_for(path: Path, round_: int, tag: str) -> str:
    """A distinct cache key per (file, round, run), so no render is ever served from the cache."""
    return hashlib.sha256(f"{tag}:{round_}:{path}".encode()).hexdigest()


def single_thread_rate(
    blobs: list[tuple[Path, bytes]], rounds: int, size: int, cache: Path, tag: str
) -> tuple[float, int]:
    """(items per second, failures) rendering every file `rounds` times in this thread.

    The same steps as a preview worker: read, sanitise, render, write the PNG.
    """
    failures = 0
    t0 = time.perf_counter()
    for r in range(rounds):
        for path, _data in blobs:
            try:
                render_svg_file(
                    path.read_bytes(), size, str(cache / f"{key_for(path, r, tag)}.png")
                )
            except (ValueError, OSError):
                failures += 1
    return len(blobs) * rounds / (time.perf_counter() - t0), failures
