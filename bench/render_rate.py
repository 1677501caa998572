"""Preview rasterisation rate: the worker-process pool vs a single-thread loop (DESIGN §3, §12).

Renders the same SVG files at 256 px (a) in a bare QtSvg loop (QSvgRenderer alone: no reading,
sanitising or caching), (b) in a single-thread loop doing a worker's steps (read, sanitise once
per file, render, write the cache) and (c) through PreviewService's pool, in the same run. The
target (DESIGN §12) is the pool against (a); (c) against (b) measures parallelism. Files:
resources/catalog/**/*.svg, else generated ones.

    python bench/render_rate.py [--quick] [--workers N] [--check]

The last stdout line is one JSON object; it is also written to bench/results/render_rate.json.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from common import (  # noqa: E402
    Target,
    key_for,
    report,
    single_thread_rate,
    spawn_workers_as_the_app_does,
)
from PySide6.QtCore import QByteArray, QEventLoop, QRectF, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

from weshape_desktop.ui.previews import PreviewService  # noqa: E402

SIZE = 256
TARGETS = (
    Target(
        "pool_ratio_vs_render_only",
        "≥",
        1.0,
        "preview pool ÷ bare QtSvg loop",
        baseline="render_only_per_s",
    ),
)


def generated_svgs(folder: Path, count: int) -> list[Path]:
    """Illustration-like files (gradients, many curves) for when no catalog is vendored."""
    rng = random.Random(7)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        shapes = []
        for _ in range(120):
            points = " ".join(
                f"Q {rng.uniform(0, 400):.1f} {rng.uniform(0, 300):.1f} "
                f"{rng.uniform(0, 400):.1f} {rng.uniform(0, 300):.1f}"
                for _ in range(4)
            )
            colour = f"#{rng.randrange(0x1000000):06x}"
            shapes.append(
                f'<path d="M {rng.uniform(0, 400):.1f} {rng.uniform(0, 300):.1f} {points} Z" '
                f'fill="{colour}" fill-opacity="0.6" stroke="url(#g)" stroke-width="2"/>'
            )
        body = "".join(shapes)
        path = folder / f"generated-{n:03d}.svg"
        path.write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300">'
            '<defs><linearGradient id="g"><stop offset="0" stop-color="#123"/>'
            f'<stop offset="1" stop-color="#f80"/></linearGradient></defs>{body}</svg>',
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def render_only(data: bytes) -> None:
    renderer = QSvgRenderer(QByteArray(data))
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, SIZE, SIZE))
    painter.end()


def run_pool(
    files: list[Path], rounds: int, trials: int, workers: int, cache: Path
) -> tuple[float, float, int]:
    """(start-up seconds, best items per second once warm, failures) for the pool."""
    service = PreviewService(cache, "file:///unused/{sha256}", workers=workers, time_budget_s=30)
    done: set[str] = set()
    failures: list[str] = []
    loop = QEventLoop()
    target = {"count": 0}

    def finished(digest: str, *_: object) -> None:
        done.add(digest)
        if len(done) >= target["count"]:
            loop.quit()

    def run(jobs: list[tuple[str, str]]) -> float:
        done.clear()
        target["count"] = len(jobs)
        t0 = time.perf_counter()
        for priority, (digest, url) in enumerate(jobs):
            service.request(digest, SIZE, priority, url=url)
        if len(done) < len(jobs):
            loop.exec()
        return time.perf_counter() - t0

    service.ready.connect(finished)
    service.failed.connect(lambda digest, size, reason: (failures.append(reason), finished(digest)))
    guard = QTimer(singleShot=True, interval=600_000)  # never hang the bench
    guard.timeout.connect(loop.quit)
    guard.start()
    try:
        # Start every worker and give each a few files, so the timed runs measure rendering,
        # not spawning or first-use costs.
        t0 = time.perf_counter()
        service.warm_up()
        poll = QTimer(interval=20)
        poll.timeout.connect(lambda: service.ready_worker_count() >= workers and loop.quit())
        poll.start()
        loop.exec()
        poll.stop()
        run([(key_for(p, 0, "warm"), p.as_uri()) for p in files[: 4 * workers]])
        startup = time.perf_counter() - t0
        best = 0.0
        for trial in range(trials):
            jobs = [
                (key_for(p, r, f"pool{trial}"), p.as_uri()) for r in range(rounds) for p in files
            ]
            failures.clear()
            best = max(best, len(jobs) / run(jobs))
    finally:
        guard.stop()
        service.shutdown()
    return startup, best, len(failures)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer renders, under a minute")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    spawn_workers_as_the_app_does()
    app = QGuiApplication(["render_rate", "-platform", "offscreen"])
    app.setObjectName("render_rate")

    with tempfile.TemporaryDirectory(prefix="render-rate-") as tmp:
        files = sorted((ROOT / "resources" / "catalog").rglob("*.svg"))
        source = "resources/catalog"
        if len(files) < 20:
            files, source = generated_svgs(Path(tmp) / "svg", 100), "generated"
        rounds, trials = (2, 2) if args.quick else (6, 3)
        blobs = [(p, p.read_bytes()) for p in files]
        count = len(files) * rounds

        def render_only_run() -> float:
            t0 = time.perf_counter()
            for _round in range(rounds):
                for _path, data in blobs:
                    render_only(data)
            return count / (time.perf_counter() - t0)

        render_only_rate = max(render_only_run() for _ in range(trials))
        singles = [
            single_thread_rate(blobs, rounds, SIZE, Path(tmp) / "single", f"single{trial}")
            for trial in range(trials)
        ]
        single_rate = max(rate for rate, _failures in singles)
        single_failures = sum(failures for _rate, failures in singles) // trials
        startup, pool_rate, pool_failures = run_pool(
            files, rounds, trials, args.workers, Path(tmp) / "pool"
        )

    figures = {
        "files": len(files),
        "renders": count,
        "trials": trials,
        "size_px": SIZE,
        "workers": args.workers,
        "cpu_count": os.cpu_count(),
        "render_only_per_s": round(render_only_rate, 1),
        "single_thread_per_s": round(single_rate, 1),
        "pool_per_s": round(pool_rate, 1),
        "pool_ratio": round(pool_rate / single_rate, 2),
        "pool_ratio_vs_render_only": round(pool_rate / render_only_rate, 2),
        "pool_startup_s": round(startup, 2),
        "failed_items": single_failures + pool_failures,
    }
    print(
        f"Preview rasterisation at {SIZE} px: {count} renders of {len(files)} files ({source}), "
        f"best of {trials} runs each"
    )
    print(f"{'method':<44}{'items/s':>10}{'× single':>10}")
    rows = [
        ("single thread, QSvgRenderer only", render_only_rate),
        ("single thread, a worker's steps", single_rate),
        (f"pool of {args.workers} processes, same work", pool_rate),
    ]
    for name, rate in rows:
        print(f"{name:<44}{rate:>10.1f}{rate / single_rate:>10.2f}")
    print(
        f"pool start-up (spawn + first renders): {startup:.2f} s; failed items: "
        f"{figures['failed_items']}"
    )
    missed = report("render_rate", figures, TARGETS)
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
