"""The catalog grid at scale (DESIGN §3, §12): paging, scroll stalls, previews, memory.

Starts the reference server as a subprocess with a synthetic catalog of N illustrations (the
grid's cards, one per illustration; the server holds each one's style variants, ~3.4 files per
card, as with the sample), then measures (1) paging
the whole catalog through ApiClient, (2) the GUI thread's worst stall while a CatalogView is
scrolled from top to bottom (a 5 ms heartbeat timer; a stall is a gap minus the interval),
(3) the preview pool's rate against a single-thread loop on files from the server (via
render_rate.py), (4) time from a scroll stopping to the visible previews painted, cold cache,
and (5) the process's memory with the whole grid loaded.

    python bench/grid.py [--quick] [--check]

The last stdout line is one JSON object; it is also written to bench/results/grid.json.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from common import (  # noqa: E402
    Target,
    pss_mb,
    report,
    single_thread_rate,
    spawn_workers_as_the_app_does,
    start_server,
    synthetic_items_for,
)
from PySide6.QtCore import QEventLoop, QModelIndex, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from render_rate import SIZE, render_only, run_pool  # noqa: E402

from weshape_desktop.core.api import ApiClient  # noqa: E402
from weshape_desktop.core.models import CatalogQuery  # noqa: E402
from weshape_desktop.ui.catalog import CatalogView  # noqa: E402
from weshape_desktop.ui.grid import PAGE_SIZE  # noqa: E402
from weshape_desktop.ui.previews import PreviewService  # noqa: E402
from weshape_desktop.ui.tasks import TaskRunner  # noqa: E402

HEARTBEAT_MS = 5
SCROLL_TICK_MS = 16  # one page step per frame at 60 Hz
WINDOW = (1200, 800)
STOP_TIMEOUT_S = 10
T0 = time.perf_counter()
STALL_TARGETS = (
    Target("gui_stall_max_ms", "≤", 33, "GUI stall max, whole grid scrolled"),
    Target("gui_stall_p99_ms", "≤", 17, "GUI stall p99, whole grid scrolled"),
)
TARGETS = (
    *STALL_TARGETS,
    Target("scroll_stop_to_painted_ms_median", "≤", 100, "scroll stop → painted, median"),
    Target("scroll_stop_to_painted_ms_max", "≤", 150, "scroll stop → painted, max"),
    Target(
        "render_ratio_vs_render_only",
        "≥",
        1.0,
        "preview pool ÷ bare QtSvg loop",
        baseline="render_only_per_s",
    ),
)


def note(message: str) -> None:
    print(f"[{time.perf_counter() - T0:7.1f} s] {message}", file=sys.stderr, flush=True)


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] if ordered else 0.0


def mb(kb: int) -> float:
    return round(kb / 1024, 1)


def status_kb(pid: int | str, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def wait_until(condition: Callable[[], bool], timeout_s: float, poll_ms: int = 2) -> bool:
    """Run the event loop until `condition()` holds (polled by a timer) or the timeout passes."""
    if condition():
        return True
    loop, deadline = QEventLoop(), time.perf_counter() + timeout_s
    timer = QTimer(interval=poll_ms, timerType=Qt.TimerType.PreciseTimer)
    timer.timeout.connect(lambda: (condition() or time.perf_counter() > deadline) and loop.quit())
    timer.start()
    loop.exec()
    timer.stop()
    return condition()


def fetch_all_pages(api: ApiClient) -> tuple[int, float, list[float]]:
    """(items, seconds, per-page ms) for the whole catalog, page by page."""
    cursor, items, page_ms = None, 0, []
    t0 = time.perf_counter()
    while True:
        t = time.perf_counter()
        page = api.catalog(CatalogQuery(), cursor, PAGE_SIZE)
        page_ms.append((time.perf_counter() - t) * 1000)
        items += len(page.items)
        cursor = page.next_cursor
        if cursor is None:
            return items, time.perf_counter() - t0, page_ms


def render_rates(api: ApiClient, folder: Path, count: int, rounds: int, trials: int) -> dict:
    """Pool vs single thread at SIZE px on `count` synthetic files downloaded from the server."""
    folder.mkdir()
    items, cursor = [], None
    while len(items) < count:  # the server caps a page at 200 items
        page = api.catalog(CatalogQuery(), cursor, min(200, count - len(items)))
        items += page.items
        cursor = page.next_cursor
    files = []
    for item in items:
        path = folder / f"{item.sha256}.svg"
        # /v1/previews: the same bytes as /v1/files, public (downloads need sign-in)
        path.write_bytes(api.request("GET", f"/v1/previews/{item.sha256}").content)
        files.append(path)
    blobs = [(p, p.read_bytes()) for p in files]
    t0 = time.perf_counter()
    for _ in range(rounds):
        for _path, data in blobs:
            render_only(data)
    render_only_rate = len(blobs) * rounds / (time.perf_counter() - t0)
    single = max(
        single_thread_rate(blobs, rounds, SIZE, folder / "single", f"s{t}")[0]
        for t in range(trials)
    )
    _startup, pool, failed = run_pool(files, rounds, trials, 2, folder / "pool")
    return {
        "render_files": len(files),
        "render_only_per_s": round(render_only_rate, 1),
        "render_single_per_s": round(single, 1),
        "render_pool_per_s": round(pool, 1),
        "render_ratio": round(pool / single, 2),
        "render_ratio_vs_render_only": round(pool / render_only_rate, 2),
        "render_failed": failed,
    }


def scroll_whole_grid(view: CatalogView, n: int, timeout_s: float) -> dict:
    """Page-step the grid to the bottom from a timer while a heartbeat timer measures stalls."""
    bar, model = view.grid.verticalScrollBar(), view.model
    gaps: list[float] = []
    last = [time.perf_counter()]

    def beat() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000 - HEARTBEAT_MS)
        last[0] = now

    done, ticks, jumps, pos, thrown = [0], [0], [0], [0], [False]

    def step() -> None:
        finished = model.rowCount() >= n and not model.canFetchMore(QModelIndex())
        if finished and not model.is_loading() and bar.value() >= bar.maximum() >= pos[0]:
            done[0] += 1  # stay at the bottom for a few ticks: batched layout may still grow it
            return
        done[0] = 0
        ticks[0] += 1
        if bar.value() < pos[0]:
            # The view moved back by itself (a relayout shrank the range): count it, and go
            # back to where we were once the range has grown again, as a user would.
            jumps[0] += 0 if thrown[0] else 1
            thrown[0] = True
            bar.setValue(pos[0])
            return
        thrown[0] = False
        pos[0] = min(bar.value() + bar.pageStep(), bar.maximum())
        bar.setValue(pos[0])

    heartbeat = QTimer(interval=HEARTBEAT_MS, timerType=Qt.TimerType.PreciseTimer)
    heartbeat.timeout.connect(beat)
    scroller = QTimer(interval=SCROLL_TICK_MS, timerType=Qt.TimerType.PreciseTimer)
    scroller.timeout.connect(step)
    t0 = last[0] = time.perf_counter()
    heartbeat.start()
    scroller.start()
    wait_until(lambda: done[0] >= 3, timeout_s, poll_ms=50)
    total = time.perf_counter() - t0
    scroller.stop()
    heartbeat.stop()
    return {
        "scroll_total_s": round(total, 2),
        "scroll_ticks": ticks[0],
        "scroll_jumps_back": jumps[0],
        "rows_loaded": model.rowCount(),
        "gui_stall_max_ms": round(max(gaps, default=0.0), 1),
        "gui_stall_p99_ms": round(pct(gaps, 99), 1),
        "heartbeats": len(gaps),
    }


def stop_to_painted(view: CatalogView, previews: PreviewService, fractions: list[float]) -> dict:
    """For each position: a short scroll burst ending there, then ms until is_ready()."""
    bar, times = view.grid.verticalScrollBar(), []
    for fraction in fractions:
        wait_until(lambda: previews.pending_count() == 0, STOP_TIMEOUT_S)
        target = int(fraction * bar.maximum())
        for k in range(4, -1, -1):  # four frames of scrolling, the last one lands on target
            bar.setValue(target - k * bar.pageStep())
            if k:
                wait_until(lambda: False, SCROLL_TICK_MS / 1000)
        stopped = time.perf_counter()
        if wait_until(view.is_ready, STOP_TIMEOUT_S, poll_ms=1):
            times.append((time.perf_counter() - stopped) * 1000)
        else:  # the pool is likely stuck; more positions would only time out too
            note(f"previews at {fraction:.0%} not painted within {STOP_TIMEOUT_S} s; stopping")
            break
    tried = len(times) + (len(times) < len(fractions))
    unpainted = tried - len(times)
    return {  # max is null when a position never got painted: that is a failure, not a time
        "scroll_stop_to_painted_ms_median": round(pct(times, 50), 1) if times else None,
        "scroll_stop_to_painted_ms_max": None if unpainted else round(max(times), 1),
        "scroll_stop_positions": tried,
        "scroll_stop_unpainted": unpainted,
    }


def make_view(api: ApiClient, tasks: TaskRunner, previews: PreviewService) -> CatalogView:
    view = CatalogView(api, tasks, previews, "en")
    view.resize(*WINDOW)
    view.show()
    if not wait_until(lambda: view.model.query_loaded(), 30):
        raise SystemExit("the first catalog page did not arrive within 30 s")
    return view


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10,000 items, under a minute")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    spawn_workers_as_the_app_does()
    n = 10_000 if args.quick else 100_000
    render_count, rounds, trials = (200, 1, 2) if args.quick else (400, 2, 3)
    app = QApplication(["grid", "-platform", "offscreen"])
    app.setApplicationName("bench-grid")
    figures: dict[str, float | int | None] = {"items": n, "page_size": PAGE_SIZE}
    figures["cpu_count"] = os.cpu_count() or 0

    with tempfile.TemporaryDirectory(prefix="bench-grid-") as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "server").mkdir()
        t0 = time.perf_counter()
        # n cards: the server holds their style variants too (about 3.4 files per card).
        server, url = start_server(synthetic_items_for(n), tmp / "server")
        figures["server_start_s"] = round(time.perf_counter() - t0, 2)
        api, tasks, services = ApiClient(url), TaskRunner(), []

        def new_view(cache: Path) -> tuple[CatalogView, PreviewService]:
            services.append(PreviewService(cache, api.preview_url("{sha256}")))
            return make_view(api, tasks, services[-1]), services[-1]

        try:
            items, seconds, page_ms = fetch_all_pages(api)
            assert n <= items < n + 29, f"paged {items} illustrations, expected {n}"
            n = figures["items"] = items  # whole rounds of the sample: a few more than asked
            figures |= {
                "pages": len(page_ms),
                "pages_per_s": round(len(page_ms) / seconds, 1),
                "page_ms_p50": round(pct(page_ms, 50), 2),
                "page_ms_p95": round(pct(page_ms, 95), 2),
            }
            note("pages fetched; scrolling the whole grid")
            view, previews = new_view(tmp / "cache-scroll")
            figures |= scroll_whole_grid(view, n, timeout_s=900)
            children = [p.pid for p in multiprocessing.active_children()]
            figures |= {
                "rss_mb": mb(status_kb("self", "VmRSS")),
                "rss_peak_mb": mb(status_kb("self", "VmHWM")),
                "rss_children_mb": mb(sum(status_kb(pid, "VmRSS") for pid in children)),
                "pss_with_workers_mb": round(pss_mb() + sum(pss_mb(p) for p in children), 1),
                "preview_workers": len(children),
                # Renders queued for tiles that flew past (dropped once scrolling stops): they
                # are part of the RSS above.
                "previews_queued_after_scroll": previews.pending_count(),
            }
            previews.shutdown()
            view.close()
            view.deleteLater()

            note("loading a second grid with a cold preview cache")
            view, previews = new_view(tmp / "cache-cold")
            model = view.model
            model.page_loaded.connect(lambda: model.fetchMore(QModelIndex()))
            model.fetchMore(QModelIndex())  # page one is in; chain the rest without scrolling
            wait_until(lambda: model.rowCount() >= n, 900, poll_ms=20)
            wait_until(view.is_ready, 60)  # the top page: the worker processes are up
            note("jump-scrolling")
            figures |= stop_to_painted(view, previews, [0.15, 0.35, 0.55, 0.75, 0.95])
            view.close()

            # Last: rendering in this process would leave its memory in the RSS measured above.
            note("measuring render rates")
            figures |= render_rates(api, tmp / "render", render_count, rounds, trials)
        finally:
            for service in services:
                service.shutdown()
            tasks.wait_idle()
            api.close()
            server.terminate()
            server.wait(10)
        figures["rss_peak_end_mb"] = mb(status_kb("self", "VmHWM"))

    print_table(figures, args.quick)
    missed = report("grid", figures, TARGETS)
    return 1 if args.check and missed else 0


def print_table(f: dict, quick: bool) -> None:
    rows = [
        ("catalog pages through ApiClient", f"{f['pages_per_s']} pages/s", ""),
        ("  page time p50 / p95", f"{f['page_ms_p50']} / {f['page_ms_p95']} ms", ""),
        ("scroll whole grid: time, rows", f"{f['scroll_total_s']} s, {f['rows_loaded']}", "= N"),
        ("  GUI stall max", f"{f['gui_stall_max_ms']} ms", ""),
        ("  GUI stall p99", f"{f['gui_stall_p99_ms']} ms", ""),
        (
            "render 256 px: single / pool",
            f"{f['render_single_per_s']} / {f['render_pool_per_s']}/s",
            "",
        ),
        ("  pool ratio", f"{f['render_ratio']}×", ""),
        (
            "scroll stop → painted, median / max",
            f"{f['scroll_stop_to_painted_ms_median']} / {f['scroll_stop_to_painted_ms_max']} ms",
            "",
        ),
        ("RSS after full grid (peak)", f"{f['rss_mb']} MB ({f['rss_peak_mb']} MB)", ""),
        ("PSS of the app + workers", f"{f['pss_with_workers_mb']} MB", ""),
        ("  preview workers RSS", f"{f['rss_children_mb']} MB ({f['preview_workers']})", ""),
        ("  previews queued at the end", f"{f['previews_queued_after_scroll']}", ""),
    ]
    print(f"Catalog grid, {f['items']:,} cards{' (quick)' if quick else ''}, {f['cpu_count']} CPUs")
    print(f"{'figure':<38}{'value':>28}  target")
    for name, value, target in rows:
        print(f"{name:<38}{value:>28}  {target}")


if __name__ == "__main__":
    sys.exit(main())
