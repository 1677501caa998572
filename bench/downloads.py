"""Download throughput (DESIGN §7, §12): the DownloadQueue against `curl --parallel`, same run.

Starts the reference server as a subprocess with a synthetic catalog, pages the catalog through
ApiClient, downloads every file with a DownloadQueue (4 workers; verify, sanitise, atomic rename)
into a temporary library, then fetches the same URLs with `curl --parallel --parallel-max 4`.
A first untimed curl pass warms the server's synthetic file cache so neither timed pass pays for
generating files. Each side runs `--rounds` times, alternating, and the median counts: the
machine is shared, so single runs swing. `queue_cpu_ms_per_file` (this process's CPU time while
the queue runs) is steadier than wall time for comparing versions of the queue; curl's CPU and the
server's (during each side's runs) show what the two cores are spent on.
Target: the queue reaches ≥ 0.7× curl's files per second.

The queue persists to an in-memory store by default: the bench measures transfers, not SQLite.
`--store library` puts the app's LibraryStore in its place (a new database per round), to see what
the library's writes add.

    python bench/downloads.py [--quick] [--rounds N] [--store memory|library]
    # --quick: 200 files; full: 1,000

The last stdout line is one JSON object; it is also written to bench/results/downloads.json.
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from common import report, start_server  # noqa: E402

from weshape_desktop.core.api import ApiClient  # noqa: E402
from weshape_desktop.core.downloads import DownloadEvent, DownloadQueue, DownloadStore  # noqa: E402
from weshape_desktop.core.library import LibraryStore, NewFile  # noqa: E402
from weshape_desktop.core.models import CatalogQuery, Illustration  # noqa: E402

CONCURRENCY = 4
PAGE_SIZE = 100


@dataclass
class Row:
    item_id: str
    fmt: str
    png_size: int | None
    state: str
    error: str = ""
    bytes_done: int = 0


class MemoryStore:
    """The queue's store protocol in memory: the bench measures downloading, not SQLite."""

    def __init__(self) -> None:
        self.items: dict[str, Illustration] = {}
        self.rows: dict[tuple[str, str], Row] = {}
        self.entries = 0

    def add_entries(self, files: Iterable[NewFile]) -> object:
        for _ in files:
            self.entries += 1
        return self.entries

    def save_download(
        self,
        item_id: str,
        fmt: str,
        png_size: int | None,
        state: str,
        bytes_done: int = 0,
        error: str = "",
    ) -> None:
        self.rows[(item_id, fmt)] = Row(item_id, fmt, png_size, state, error, bytes_done)

    def downloads(self, states: tuple[str, ...]) -> list[Row]:
        return [r for r in self.rows.values() if r.state in states]

    def forget_download(self, item_id: str, fmt: str) -> None:
        self.rows.pop((item_id, fmt), None)

    def upsert_items(self, items: list[Illustration]) -> None:
        self.items.update((i.id, i) for i in items)

    def item(self, id: str) -> Illustration | None:
        return self.items.get(id)


def start_gateless_server(n: int, data: Path) -> tuple[subprocess.Popen[str], str]:
    """The reference server without the sign-in gate on downloads, where the flag exists."""
    help_text = subprocess.run(
        [sys.executable, "-m", "weshape_desktop.server", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    extra = ["--no-download-gate"] if "--no-download-gate" in help_text else []
    return start_server(n, data, *extra)


def all_items(api: ApiClient) -> list[Illustration]:
    items: list[Illustration] = []
    cursor = None
    while True:
        page = api.catalog(CatalogQuery(), cursor, PAGE_SIZE)
        items.extend(page.items)
        cursor = page.next_cursor
        if cursor is None:
            return items


def run_queue(
    api: ApiClient, items: list[Illustration], library: Path, store_kind: str
) -> tuple[float, float, int]:
    """(seconds, CPU seconds of this process, failures) to download `items` with a fresh
    DownloadQueue, persisting to a MemoryStore or (`store_kind` "library") a new LibraryStore."""
    library.mkdir()
    settled = threading.Event()
    lock = threading.Lock()
    counts = {"done": 0, "failed": 0}

    def on_event(event: DownloadEvent) -> None:
        if event.kind in counts:
            with lock:
                counts[event.kind] += 1
                if counts["done"] + counts["failed"] == len(items):
                    settled.set()

    store: DownloadStore = (
        LibraryStore(library.with_suffix(".db")) if store_kind == "library" else MemoryStore()
    )
    queue = DownloadQueue(api, library, store, concurrency=CONCURRENCY, on_event=on_event)
    try:
        t0, cpu0 = time.perf_counter(), time.process_time()
        for item in items:
            queue.enqueue(item)
        if not settled.wait(600):
            raise SystemExit("the download queue did not finish within 10 minutes")
        seconds, cpu_seconds = time.perf_counter() - t0, time.process_time() - cpu0
    finally:
        queue.shutdown()
        if isinstance(store, LibraryStore):
            store.close()
    return seconds, cpu_seconds, counts["failed"]


def run_curl(curl: str, urls: list[str], out: Path) -> tuple[float, float]:
    """(seconds, CPU seconds of curl) for `curl --parallel --parallel-max 4` to fetch `urls`
    into `out`."""
    out.mkdir()
    config = out.with_suffix(".curlrc")
    config.write_text(
        "".join(f'url = "{url}"\noutput = "{out / str(n)}"\n' for n, url in enumerate(urls)),
        encoding="utf-8",
    )
    cpu0 = _children_cpu_s()
    t0 = time.perf_counter()
    flags = ["--parallel", "--parallel-max", str(CONCURRENCY), "--no-progress-meter"]
    subprocess.run([curl, *flags, "--fail", "--config", str(config)], check=True)
    return time.perf_counter() - t0, _children_cpu_s() - cpu0


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def server_cpu_s(pid: int) -> float:
    """CPU seconds the server process has used so far (Linux /proc; NaN elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return math.nan
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="200 files instead of 1,000")
    parser.add_argument("--files", type=int, help="override the number of files")
    parser.add_argument("--rounds", type=int, default=3, help="timed runs of each (median)")
    parser.add_argument(
        "--store",
        choices=("memory", "library"),
        default="memory",
        help="what the queue persists to: in memory (default) or the app's LibraryStore",
    )
    args = parser.parse_args()
    n = args.files or (200 if args.quick else 1000)
    curl = shutil.which("curl")
    if curl is None:
        raise SystemExit("curl is not installed; it is the reference this bench compares with")

    with tempfile.TemporaryDirectory(prefix="weshape-bench-downloads-") as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "server").mkdir()
        proc, url = start_gateless_server(n, tmp / "server")
        api = ApiClient(url, timeout=30.0)
        try:
            items = all_items(api)[:n]
            total_bytes = sum(item.bytes for item in items)
            urls = [api.file_url(item.sha256) for item in items]
            run_curl(curl, urls, tmp / "warm-up")
            queue_runs, curl_runs, failures = [], [], 0
            for round_ in range(max(1, args.rounds)):
                server0 = server_cpu_s(proc.pid)
                seconds, cpu_seconds, failed = run_queue(
                    api, items, tmp / f"library-{round_}", args.store
                )
                server1 = server_cpu_s(proc.pid)
                queue_runs.append((seconds, cpu_seconds, server1 - server0))
                failures += failed
                seconds, cpu_seconds = run_curl(curl, urls, tmp / f"curl-{round_}")
                curl_runs.append((seconds, cpu_seconds, server_cpu_s(proc.pid) - server1))
            curl_bytes = sum(p.stat().st_size for p in (tmp / "curl-0").iterdir())
        finally:
            api.close()
            proc.terminate()
            proc.wait(timeout=30)

    queue_s, queue_cpu_s, queue_server_s = (
        statistics.median(run) for run in zip(*queue_runs, strict=True)
    )
    curl_s, curl_cpu_s, curl_server_s = (
        statistics.median(run) for run in zip(*curl_runs, strict=True)
    )
    mb = total_bytes / 1e6

    def ms_per_file(seconds: float) -> float:
        return round(seconds / len(items) * 1000, 3)

    figures = {
        "files": len(items),
        "store": args.store,
        "megabytes": round(mb, 2),
        "concurrency": CONCURRENCY,
        "rounds": len(queue_runs),
        "queue_s": round(queue_s, 3),
        "curl_s": round(curl_s, 3),
        "queue_files_per_s": round(len(items) / queue_s, 1),
        "curl_files_per_s": round(len(items) / curl_s, 1),
        "ratio": round(curl_s / queue_s, 3),
        "queue_mb_per_s": round(mb / queue_s, 2),
        "queue_cpu_ms_per_file": ms_per_file(queue_cpu_s),
        "curl_cpu_ms_per_file": ms_per_file(curl_cpu_s),
        "server_cpu_ms_per_file_queue": ms_per_file(queue_server_s),
        "server_cpu_ms_per_file_curl": ms_per_file(curl_server_s),
        "curl_mb_per_s": round(curl_bytes / 1e6 / curl_s, 2),
        "queue_failures": failures,
        "target_ratio": 0.7,
    }
    print(f"{'':24}{'files/s':>10}{'MB/s':>10}{'seconds':>10}")
    for name in ("queue", "curl"):
        print(
            f"{name + (' (DownloadQueue)' if name == 'queue' else ' --parallel'):24}"
            f"{figures[f'{name}_files_per_s']:>10}{figures[f'{name}_mb_per_s']:>10}"
            f"{figures[f'{name}_s']:>10}"
        )
    print(
        f"{len(items)} files, {mb:.1f} MB, median of {len(queue_runs)} runs; ratio queue/curl "
        f"{figures['ratio']} (target ≥ 0.7)\n"
        f"CPU ms/file: queue {figures['queue_cpu_ms_per_file']}, "
        f"curl {figures['curl_cpu_ms_per_file']}; "
        f"the server's while the queue ran {figures['server_cpu_ms_per_file_queue']}, "
        f"while curl ran {figures['server_cpu_ms_per_file_curl']}"
    )
    report("downloads", figures)
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
