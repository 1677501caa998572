"""The library view at scale (DESIGN §12): cold open, search, scrolling, memory.

Builds a library of synthetic entries (titles and tags in English and Arabic, from
library_search.py) whose files are the sample catalog's real SVGs, then measures:
(1) cold open — a fresh process showing a window with the app's library tab until the first grid
rows are painted with their entries, the library opened by a LibrarySession as the main window
opens it — against a bare QApplication+QMainWindow process started and painted in the same run
(each in a subprocess, median of several alternating runs, the app's modules compiled first as an
install compiles them); (2) search through the view's own path (text entered →
background query → model reset → `query_finished`) for realistic searches; (3) the GUI thread's
longest stall while the grid is page-stepped from top to bottom (bench/grid.py's heartbeat),
with previews rendering from the library files; (4) memory after that scroll: RSS, and PSS of
the app plus its preview workers (/proc/PID/smaps_rollup; shared Qt libraries counted once).

    python bench/library.py [--quick] [--check]   # --quick: 10,000 entries, about a minute

The last stdout line is one JSON object; it is also written to bench/results/library.json.
"""

from __future__ import annotations

import argparse
import compileall
import multiprocessing
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from common import Target, pss_mb, report, spawn_workers_as_the_app_does  # noqa: E402
from grid import STALL_TARGETS, mb, note, pct, scroll_whole_grid, status_kb, wait_until  # noqa: E402
from library_open import PAINTED, WINDOW  # noqa: E402
from library_search import realistic_queries, synthetic_items  # noqa: E402
from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: E402

from weshape_desktop.core.library import LibraryStore, NewFile  # noqa: E402
from weshape_desktop.server.catalog_source import load_catalog  # noqa: E402
from weshape_desktop.ui.library import LibraryView  # noqa: E402
from weshape_desktop.ui.previews import PreviewService  # noqa: E402
from weshape_desktop.ui.tasks import TaskRunner  # noqa: E402

OPEN_RUNS = 5
SEARCHES = 300
TARGETS = (
    Target(
        "cold_open_ratio", "≤", 2.0, "cold open ÷ bare QMainWindow start", baseline="bare_start_s"
    ),
    Target("search_p95_ms", "≤", 10, "search via the view, p95"),
    *STALL_TARGETS,
    Target("pss_with_workers_mb", "≤", 250, "PSS of the app + preview workers, MB"),
)


# -- the library ------------------------------------------------------------------------------


def build_library(folder: Path, n: int) -> Path:
    """A library database of `n` entries, each with its own file: a hard link to one of the
    sample SVGs (each entry has its own sha256, so every preview is a render of its own)."""
    library_dir = folder / "library"
    library_dir.mkdir(parents=True)
    samples = sorted(load_catalog().files.values())
    store = LibraryStore(folder / "library.db")
    items = synthetic_items(n, random.Random(20240601))
    for i, item in enumerate(items):
        target = library_dir / f"{item.id}.svg"
        try:
            os.link(samples[i % len(samples)], target)
        except OSError:  # another file system than resources/: copy
            shutil.copyfile(samples[i % len(samples)], target)
    for start in range(0, n, 10_000):  # a transaction per 10k, as a re-import would
        store.add_entries(
            NewFile(item, f"{item.id}.svg", item.sha256, "svg", item.bytes)
            for item in items[start : start + 10_000]
        )
    store.close()
    return folder / "library.db"


def make_view(tasks: TaskRunner, previews: PreviewService, library_dir: Path) -> LibraryView:
    view = LibraryView(tasks, previews, library_dir, "en")
    window = QMainWindow()
    window.setCentralWidget(view)
    window.resize(*WINDOW)
    window.show()
    view.window_ = window  # type: ignore[attr-defined]  # keep it alive with the view
    return view


# -- (1) cold open, in child processes (bench/library_open.py) ----------------------------------


def timed_child(*args: str) -> float:
    """Seconds from spawning `python bench/library_open.py <args>` to its PAINTED line."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "library_open.py"), *args],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    elapsed = time.perf_counter() - t0
    proc.wait(60)
    if line != PAINTED:
        raise SystemExit(f"child {args} did not paint: {line!r}")
    return elapsed


def cold_open(db: Path, tmp: Path) -> dict:
    # Installing the app compiles its bytecode; without it (PYTHONDONTWRITEBYTECODE is set here)
    # every child would compile ~100 modules from source, ~50 ms of each start.
    compileall.compile_dir(ROOT / "weshape_desktop", quiet=1)
    bare, opened = [], []
    for run in range(OPEN_RUNS):  # alternate, so drift in machine load hits both alike
        bare.append(timed_child("bare"))
        opened.append(timed_child("open", str(db), str(tmp / f"cache-open-{run}")))
    bare_s, open_s = statistics.median(bare), statistics.median(opened)
    return {
        "bare_start_s": round(bare_s, 3),
        "cold_open_s": round(open_s, 3),
        "cold_open_ratio": round(open_s / bare_s, 2),
    }


# -- (2) search through the view ---------------------------------------------------------------


def search_times(view: LibraryView, queries: list[str]) -> dict:
    edit, times, hits = view.filters.search_edit, [], []
    for q in queries:
        # Each search starts from a settled view (the previous results' previews drawn), as
        # when someone looks at results before typing again; busy render processes would
        # otherwise be measured along with the query.
        wait_until(view.is_ready, 10)
        # is_ready() holds once the tiles' entries and previews are there; their repaint is
        # still queued (~25 tiles, 3-10 ms) and would land inside the next search's time.
        QApplication.processEvents()
        edit.blockSignals(True)  # no debounce timer: measure the query, not the typing pause
        edit.setText(q)
        edit.blockSignals(False)
        # The GUI thread idles in its event loop while the query runs, as in the app (a
        # polling loop would fight the query's thread for the GIL on every row).
        # The clock stops at query_finished, after the view's own handlers: Qt sometimes
        # paints the new rows (3-13 ms) before exec() returns, sometimes after; that first
        # paint isn't the search (painting is bench/grid.py's part).
        loop, finished = QEventLoop(), []

        def done(loop: QEventLoop = loop, finished: list[float] = finished) -> None:
            finished.append(time.perf_counter())
            loop.quit()

        view.model.query_finished.connect(done)
        QTimer.singleShot(10_000, loop.quit)  # a failed query must not hang the bench
        t0 = time.perf_counter()
        edit.returnPressed.emit()  # applies the search at once
        loop.exec()
        times.append(((finished[0] if finished else time.perf_counter()) - t0) * 1000)
        view.model.query_finished.disconnect(done)
        hits.append(view.model.rowCount())
    return {
        "searches": len(queries),
        "search_p50_ms": round(pct(times, 50), 2),
        "search_p95_ms": round(pct(times, 95), 2),
        "search_max_ms": round(max(times), 2),
        "search_hits_median": int(statistics.median(hits)),
    }


# -- main --------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10,000 entries, about a minute")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    spawn_workers_as_the_app_does()
    n = 10_000 if args.quick else 100_000
    figures: dict[str, float | int | None] = {"items": n, "cpu_count": os.cpu_count() or 0}

    with tempfile.TemporaryDirectory(prefix="bench-library-") as tmp_name:
        tmp = Path(tmp_name)
        t0 = time.perf_counter()
        db = build_library(tmp, n)
        figures["fill_s"] = round(time.perf_counter() - t0, 1)
        note(f"library of {n:,} built; cold opens")
        figures |= cold_open(db, tmp)

        app = QApplication(["bench-library"])
        tasks = TaskRunner()
        previews = PreviewService(tmp / "cache", "", workers=2)
        store = LibraryStore(db)
        try:
            view = make_view(tasks, previews, db.parent / "library")
            view.set_store(store)
            if not wait_until(view.model.query_loaded, 30):
                raise SystemExit("the library query did not finish within 30 s")
            note("searching")
            figures |= search_times(view, realistic_queries(SEARCHES, random.Random(7)))
            view.clear_search()
            wait_until(lambda: view.model.rowCount() == n and view.model.query_loaded(), 30)
            note("scrolling the whole grid")
            view.model.materialised = 0
            figures["rss_before_scroll_mb"] = mb(status_kb("self", "VmRSS"))
            figures |= scroll_whole_grid(view, n, timeout_s=900)  # type: ignore[arg-type]
            figures["entries_materialised"] = view.model.materialised
            children = [p.pid for p in multiprocessing.active_children()]
            figures |= {
                "rss_mb": mb(status_kb("self", "VmRSS")),
                "rss_peak_mb": mb(status_kb("self", "VmHWM")),
                "rss_children_mb": mb(sum(status_kb(pid, "VmRSS") for pid in children)),
                "pss_mb": pss_mb(),
                "pss_children_mb": round(sum(pss_mb(pid) for pid in children), 1),
            }
            figures["pss_with_workers_mb"] = round(
                figures["pss_mb"] + figures["pss_children_mb"],
                1,  # type: ignore[operator]
            )
        finally:
            previews.shutdown()
            tasks.wait_idle()
            store.close()
        del app

    print_table(figures, args.quick)
    missed = report("library", figures, TARGETS)
    return 1 if args.check and missed else 0


def print_table(f: dict, quick: bool) -> None:
    rows = [
        ("cold open → first painted grid", f"{f['cold_open_s']} s", ""),
        ("  bare QApplication+QMainWindow", f"{f['bare_start_s']} s", ""),
        ("  ratio", f"{f['cold_open_ratio']}×", ""),
        ("search via the view p50 / p95", f"{f['search_p50_ms']} / {f['search_p95_ms']} ms", ""),
        ("  p95", f"{f['search_p95_ms']} ms", ""),
        ("scroll whole grid: time, rows", f"{f['scroll_total_s']} s, {f['rows_loaded']}", "= N"),
        ("  GUI stall max", f"{f['gui_stall_max_ms']} ms", ""),
        ("  GUI stall p99", f"{f['gui_stall_p99_ms']} ms", ""),
        ("  entries loaded while scrolling", f"{f['entries_materialised']:,}", ""),
        ("RSS before scrolling", f"{f['rss_before_scroll_mb']} MB", ""),
        ("RSS after scrolling (peak)", f"{f['rss_mb']} MB ({f['rss_peak_mb']} MB)", ""),
        ("  preview workers RSS", f"{f['rss_children_mb']} MB", ""),
        ("PSS: app + preview workers", f"{f['pss_mb']} + {f['pss_children_mb']} MB", ""),
    ]
    print(
        f"Library view, {f['items']:,} entries{' (quick)' if quick else ''}, {f['cpu_count']} CPUs"
    )
    print(f"{'figure':<38}{'value':>24}  target")
    for name, value, target in rows:
        print(f"{name:<38}{value:>24}  {target}")


if __name__ == "__main__":
    sys.exit(main())
