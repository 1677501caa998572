"""Helpers shared by the bench scripts (imported as `common` from bench/)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path

# Not from weshape_desktop.server: importing the server (FastAPI, SQLAlchemy…) into a bench
# process would add ~30 MB and ~50k objects that the app never has.
from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.demo_server import READY_PREFIX
from weshape_desktop.core.models import CatalogQuery, Illustration
from weshape_desktop.ui.previews import SanitisedCache, render_preview

ROOT = Path(__file__).resolve().parents[1]


def start_server(n: int, data: Path, *extra_args: str) -> tuple[subprocess.Popen[str], str]:
    """The reference server with `n` synthetic items in its own process (its CPU work must not
    share the benchmark's GIL); returns the process and its URL."""
    args = ["--synthetic", str(n), "--port", "0", "--data", str(data), *extra_args]
    proc = subprocess.Popen(
        [sys.executable, "-m", "weshape_desktop.server", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=(data / "server.log").open("w"),
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line.startswith(READY_PREFIX):
        proc.kill()
        raise SystemExit(f"server did not start: {line!r}; see {data / 'server.log'}")
    return proc, line[len(READY_PREFIX) :].strip()


def all_items(api: ApiClient, page_size: int = 100) -> list[Illustration]:
    """Every catalog item, paged through the API as the app pages it."""
    items: list[Illustration] = []
    cursor = None
    while True:
        page = api.catalog(CatalogQuery(), cursor, page_size)
        items.extend(page.items)
        cursor = page.next_cursor
        if cursor is None:
            return items


def key_for(path: Path, round_: int, tag: str) -> str:
    """A distinct cache key per (file, round, run), so no render is ever served from the cache."""
    return hashlib.sha256(f"{tag}:{round_}:{path}".encode()).hexdigest()


def single_thread_rate(
    blobs: list[tuple[Path, bytes]], rounds: int, size: int, cache: Path, tag: str
) -> tuple[float, int]:
    """(items per second, failures) rendering every file `rounds` times in this thread.

    The same steps as a preview worker: read, sanitise (once per file), render, write the cache.
    """
    failures = 0
    documents = SanitisedCache()
    t0 = time.perf_counter()
    for r in range(rounds):
        for path, _data in blobs:
            try:
                target = str(cache / f"{key_for(path, r, tag)}.lz4")
                render_preview(path.read_bytes(), size, target, documents)
            except (ValueError, OSError):
                failures += 1
    return len(blobs) * rounds / (time.perf_counter() - t0), failures


def report(name: str, figures: dict[str, object]) -> None:
    """Write the figures to bench/results/NAME.json and print them as the last stdout line."""
    line = json.dumps(figures)
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / f"{name}.json").write_text(line + "\n", encoding="utf-8")
    print(line)
