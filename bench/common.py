"""Helpers shared by the bench scripts (imported as `common` from bench/)."""

from __future__ import annotations

import hashlib
import importlib.machinery
import json
import subprocess
import sys
import time
from dataclasses import dataclass
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


def synthetic_items_for(cards: int) -> int:
    """How many synthetic items make a catalog of at least `cards` illustrations (cards): whole
    rounds of the sample, whose variants stay one illustration per round."""
    manifest = json.loads((ROOT / "resources/catalog/manifest.json").read_text(encoding="utf-8"))
    files = manifest["items"]
    families = len({item.get("family", item["id"]) for item in files})
    return -(-cards // families) * len(files)


def all_items(api: ApiClient, page_size: int = 100) -> list[Illustration]:
    """Every catalog file (each illustration in each of its style variants), paged through the
    API as the app pages it."""
    items: list[Illustration] = []
    cursor = None
    while True:
        page = api.catalog(CatalogQuery(), cursor, page_size)
        items.extend(item.with_variant(v.id) for item in page.items for v in item.variants)
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


def spawn_workers_as_the_app_does() -> None:
    """Preview workers are spawned: each runs the parent's main module again, as __mp_main__,
    unless it is a package's __main__. The app's is (`python -m weshape_desktop`, or the
    `weshape-desktop` script, which imports only that); a bench's is this script, whose imports
    (QtWidgets, the library store…) added ~18 MB of PSS to each worker the app's don't have.
    Call before the first worker starts."""
    main = sys.modules["__main__"]
    main.__spec__ = importlib.machinery.ModuleSpec("weshape_desktop.__main__", None)


def pss_mb(pid: int | str = "self") -> float:
    """Proportional set size of a process in MB: shared pages (Qt's libraries in the app and
    its preview workers) count once across the processes sharing them, not once in each."""
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


@dataclass(frozen=True)
class Target:
    """A DESIGN §12 target on one figure: `figure` `op` `limit` ("≤" or "≥"). `baseline` names
    the same-run figure the value is measured against, if any, shown beside it."""

    figure: str
    op: str
    limit: float
    label: str
    baseline: str = ""

    def met(self, value: object) -> bool:
        if not isinstance(value, int | float):  # None: never measured (e.g. never painted)
            return False
        return value <= self.limit if self.op == "≤" else value >= self.limit


def report(name: str, figures: dict[str, object], targets: tuple[Target, ...] = ()) -> int:
    """Print each target's figure beside it, write the figures (and the verdicts) to
    bench/results/NAME.json and print them as the last stdout line; returns how many targets
    were missed (a bench's `--check` exits non-zero on any)."""
    checks = [
        {
            "figure": t.figure,
            "label": t.label,
            "value": figures.get(t.figure),
            "target": f"{t.op} {t.limit:g}",
            "baseline": t.baseline,
            "baseline_value": figures.get(t.baseline) if t.baseline else None,
            "met": t.met(figures.get(t.figure)),
        }
        for t in targets
    ]
    if checks:
        print(f"{'target':<44}{'value':>12}  {'target':<10}  {'':4}  same-run baseline")
        for c in checks:
            verdict = "ok" if c["met"] else "MISS"
            baseline = f"{c['baseline']} = {c['baseline_value']}" if c["baseline"] else ""
            print(f"{c['label']:<44}{c['value']!s:>12}  {c['target']:<10}  {verdict:4}  {baseline}")
    line = json.dumps({**figures, "checks": checks})
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / f"{name}.json").write_text(line + "\n", encoding="utf-8")
    print(line)
    return sum(not c["met"] for c in checks)
