"""Download throughput (DESIGN §7, §12): the DownloadQueue against `curl --parallel`, same run.

Starts the reference server as a subprocess with a synthetic catalog, pages the catalog through
ApiClient, then downloads every file with a DownloadQueue (4 workers; verify, sanitise, atomic
rename, recorded in a new LibraryStore per round — the app's store, as users run it) into a
temporary library, and fetches the same URLs with `curl --parallel --parallel-max 4` followed by
`sha256sum --check` (curl alone neither verifies nor records anything; the queue still does more:
it sanitises, fsyncs, renames and records). A first untimed curl pass warms the server's synthetic
file cache. Each side runs `--rounds` times, alternating which goes first, on two cases:

- loopback: straight to the server. Both sides are bound by the reference server's CPU on two
  cores, so the ratio there is a figure, not a target. `queue_cpu_ms_per_file` (this process's
  CPU time while the queue runs; target ≤ 1.0 ms) is steadier than wall time for comparing
  versions of the queue.
- proxy: through a loopback proxy adding 50 ms to every request (tests/reliability/proxy.py, in
  its own process), as a real network does. Target: the queue reaches ≥ 0.9× curl.

Every figure is given as the median and the worst of the rounds. `--store memory` replaces the
LibraryStore with an in-memory stand-in, to see what SQLite costs. Files are written under the
system temp folder (on these VMs a real disk: each file created costs 0.13–0.3 ms of kernel time).

    python bench/downloads.py [--quick] [--rounds N] [--store library|memory] [--check]
    # --quick: 200 files (100 through the proxy); full: 1,000 (300)

The last stdout line is one JSON object; it is also written to bench/results/downloads.json.
"""

from __future__ import annotations

import argparse
import contextlib
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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from common import Target, all_items, report, start_server  # noqa: E402

from weshape_desktop.core.api import ApiClient  # noqa: E402
from weshape_desktop.core.downloads import DownloadEvent, DownloadQueue, DownloadStore  # noqa: E402
from weshape_desktop.core.library import LibraryStore, NewFile  # noqa: E402
from weshape_desktop.core.models import Illustration  # noqa: E402

CONCURRENCY = 4
PROXY_DELAY_MS = 50.0
TARGET_CPU_MS = 1.0
TARGET_PROXY_RATIO = 0.9
TARGETS = (
    Target("loopback_queue_cpu_ms_per_file_worst", "≤", TARGET_CPU_MS, "queue CPU ms per file"),
    Target(
        "proxy_ratio_worst",
        "≥",
        TARGET_PROXY_RATIO,
        "queue ÷ curl --parallel, +50 ms proxy",
        baseline="proxy_curl_files_per_s_median",
    ),
)


@dataclass
class Row:
    item_id: str
    fmt: str
    png_size: int | None
    state: str
    error: str = ""
    bytes_done: int = 0


class MemoryStore:
    """The queue's store protocol in memory (`--store memory`): the queue without SQLite."""

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        yield

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

    def stored_file(
        self, item_id: str, fmt: str, png_size: int | None, source_sha256: str
    ) -> tuple[str, str] | None:
        return None  # every round downloads into a new library

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


def run_queue(
    api: ApiClient, items: list[Illustration], library: Path, store_kind: str
) -> tuple[float, float, int]:
    """(seconds, CPU seconds of this process, failures) to download `items` with a fresh
    DownloadQueue, persisting to a MemoryStore or (`store_kind` "library") a new LibraryStore."""
    library.mkdir(parents=True)
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


def run_curl(curl: str, urls: list[str], sha256s: list[str], out: Path) -> tuple[float, float]:
    """(seconds, CPU seconds of curl and sha256sum) for `curl --parallel --parallel-max 4` to
    fetch `urls` into `out` and `sha256sum --check` to verify them."""
    out.mkdir(parents=True)
    config, sums = out.with_suffix(".curlrc"), out.with_suffix(".sha256")
    config.write_text(
        "".join(f'url = "{url}"\noutput = "{out / str(n)}"\n' for n, url in enumerate(urls)),
        encoding="utf-8",
    )
    sums.write_text("".join(f"{sha}  {out / str(n)}\n" for n, sha in enumerate(sha256s)))
    cpu0 = _children_cpu_s()
    t0 = time.perf_counter()
    flags = ["--parallel", "--parallel-max", str(CONCURRENCY), "--no-progress-meter"]
    subprocess.run([curl, *flags, "--fail", "--config", str(config)], check=True)
    subprocess.run(["sha256sum", "--check", "--quiet", str(sums)], check=True)
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


def start_proxy(upstream: str, delay_ms: float) -> tuple[subprocess.Popen[str], str]:
    """The loopback proxy adding `delay_ms` to each request, in its own process."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.proxy", upstream, "--delay-ms", str(delay_ms)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line.startswith("PROXY "):
        proc.kill()
        raise SystemExit(f"the proxy did not start: {line!r}")
    return proc, line.split()[1]


@dataclass
class Round:
    """One round of a case: each side's wall and CPU seconds, and the server's CPU seconds."""

    queue_s: float
    queue_cpu_s: float
    queue_server_s: float
    curl_s: float
    curl_cpu_s: float
    curl_server_s: float
    failures: int


def run_case(
    curl: str,
    api: ApiClient,
    items: list[Illustration],
    tmp: Path,
    server_pid: int,
    rounds: int,
    store_kind: str,
) -> list[Round]:
    """`rounds` rounds of the queue and curl on `items` from `api`'s server, alternating which
    goes first."""
    urls = [api.file_url(item.sha256) for item in items]
    sha256s = [item.sha256 for item in items]
    done = []
    for round_ in range(rounds):
        figures: dict[str, tuple[float, ...]] = {}
        sides = ["queue", "curl"] if round_ % 2 == 0 else ["curl", "queue"]
        for side in sides:
            server0 = server_cpu_s(server_pid)
            if side == "queue":
                seconds, cpu_s, failed = run_queue(
                    api, items, tmp / f"library-{round_}", store_kind
                )
                figures[side] = (seconds, cpu_s, server_cpu_s(server_pid) - server0, failed)
            else:
                seconds, cpu_s = run_curl(curl, urls, sha256s, tmp / f"curl-{round_}")
                figures[side] = (seconds, cpu_s, server_cpu_s(server_pid) - server0)
        q, c = figures["queue"], figures["curl"]
        done.append(Round(q[0], q[1], q[2], c[0], c[1], c[2], int(q[3])))
    return done


def spread(values: list[float], worst: str) -> tuple[float, float]:
    """(median, worst) where the worst is the `"max"` or the `"min"`."""
    return statistics.median(values), (max(values) if worst == "max" else min(values))


def summarise(name: str, runs: list[Round], n: int, mb: float) -> dict[str, object]:
    """A case's figures, each as its median and its worst round."""
    figures: dict[str, object] = {f"{name}_files": n}

    def put(key: str, values: list[float], worst: str, digits: int = 3) -> None:
        median, bad = spread(values, worst)
        figures[f"{key}_median"], figures[f"{key}_worst"] = (
            round(median, digits),
            round(bad, digits),
        )

    put(f"{name}_ratio", [r.curl_s / r.queue_s for r in runs], "min")
    put(f"{name}_queue_files_per_s", [n / r.queue_s for r in runs], "min", 1)
    put(f"{name}_curl_files_per_s", [n / r.curl_s for r in runs], "min", 1)
    put(f"{name}_queue_mb_per_s", [mb / r.queue_s for r in runs], "min", 2)
    put(f"{name}_queue_cpu_ms_per_file", [r.queue_cpu_s / n * 1000 for r in runs], "max")
    put(f"{name}_curl_cpu_ms_per_file", [r.curl_cpu_s / n * 1000 for r in runs], "max")
    put(f"{name}_server_cpu_ms_per_file_queue", [r.queue_server_s / n * 1000 for r in runs], "max")
    put(f"{name}_server_cpu_ms_per_file_curl", [r.curl_server_s / n * 1000 for r in runs], "max")
    figures[f"{name}_queue_failures"] = sum(r.failures for r in runs)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="200 files instead of 1,000")
    parser.add_argument("--files", type=int, help="override the number of files")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds of each case")
    parser.add_argument(
        "--store",
        choices=("library", "memory"),
        default="library",
        help="what the queue persists to: the app's LibraryStore (default) or memory",
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    n = args.files or (200 if args.quick else 1000)
    n_proxy = max(1, n * 3 // 10) if not args.quick else max(1, n // 2)
    curl = shutil.which("curl")
    if curl is None:
        raise SystemExit("curl is not installed; it is the reference this bench compares with")
    rounds = max(1, args.rounds)

    with tempfile.TemporaryDirectory(prefix="weshape-bench-downloads-") as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "server").mkdir()
        proc, url = start_gateless_server(n, tmp / "server")
        proxy, proxy_url = start_proxy(url, PROXY_DELAY_MS)
        api = ApiClient(url, timeout=30.0)
        proxied = ApiClient(proxy_url, timeout=30.0)
        try:
            items = all_items(api)[:n]
            run_curl(
                curl,
                [api.file_url(i.sha256) for i in items],
                [i.sha256 for i in items],
                tmp / "warm-up",
            )
            loopback = run_case(curl, api, items, tmp / "loopback", proc.pid, rounds, args.store)
            through = run_case(
                curl, proxied, items[:n_proxy], tmp / "proxy", proc.pid, rounds, args.store
            )
        finally:
            api.close()
            proxied.close()
            proxy.terminate()
            proc.terminate()
            proxy.wait(timeout=30)
            proc.wait(timeout=30)

    mb = sum(item.bytes for item in items) / 1e6
    mb_proxy = sum(item.bytes for item in items[:n_proxy]) / 1e6
    figures: dict[str, object] = {
        "store": args.store,
        "megabytes": round(mb, 2),
        "concurrency": CONCURRENCY,
        "rounds": rounds,
        "proxy_delay_ms": PROXY_DELAY_MS,
        **summarise("loopback", loopback, len(items), mb),
        **summarise("proxy", through, n_proxy, mb_proxy),
        "target_queue_cpu_ms_per_file": TARGET_CPU_MS,
        "target_proxy_ratio": TARGET_PROXY_RATIO,
    }
    print(f"{'':36}{'median':>10}{'worst':>10}{'target':>10}")
    rows = [
        ("loopback: queue files/s", "loopback_queue_files_per_s", ""),
        ("loopback: curl files/s", "loopback_curl_files_per_s", ""),
        ("loopback: ratio queue/curl", "loopback_ratio", ""),
        ("loopback: queue CPU ms/file", "loopback_queue_cpu_ms_per_file", f"≤ {TARGET_CPU_MS}"),
        ("loopback: curl CPU ms/file", "loopback_curl_cpu_ms_per_file", ""),
        ("loopback: server CPU ms/file (queue)", "loopback_server_cpu_ms_per_file_queue", ""),
        ("loopback: server CPU ms/file (curl)", "loopback_server_cpu_ms_per_file_curl", ""),
        (f"+{PROXY_DELAY_MS:g} ms proxy: queue files/s", "proxy_queue_files_per_s", ""),
        (f"+{PROXY_DELAY_MS:g} ms proxy: curl files/s", "proxy_curl_files_per_s", ""),
        (f"+{PROXY_DELAY_MS:g} ms proxy: ratio", "proxy_ratio", f"≥ {TARGET_PROXY_RATIO}"),
    ]
    for label, key, target in rows:
        print(f"{label:36}{figures[key + '_median']:>10}{figures[key + '_worst']:>10}{target:>10}")
    print(
        f"{len(items)} files ({mb:.1f} MB) on loopback, {n_proxy} through the proxy; {rounds} "
        f"rounds each, alternating; store: {args.store}; curl runs sha256sum --check too"
    )
    report("downloads", figures, TARGETS)
    failures = sum(r.failures for r in loopback + through)
    missed = (
        max(r.queue_cpu_s for r in loopback) / len(items) * 1000 > TARGET_CPU_MS
        or min(r.curl_s / r.queue_s for r in through) < TARGET_PROXY_RATIO
    )
    return 1 if failures or (args.check and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
