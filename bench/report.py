"""Run every bench with `--check` and write docs/benchmarks.md (DESIGN §12): each target's figure,
median and worst of the runs, beside its target and same-run baseline, and the machine it ran on.

    python bench/report.py [--quick] [--runs N] [--only NAME ...]    # `make bench [QUICK=1]`

Exits non-zero when a bench fails or a target is missed in the worst run; the report is written
either way.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCHES = (
    "render_rate",
    "grid",
    "library",
    "library_search",
    "downloads",
    "sync",
    "server_load",
)
OUTPUT = ROOT / "docs" / "benchmarks.md"
# What follows this line in the report is written by hand (analyses of a run) and is kept.
KEPT = "<!-- Written by hand below: bench/report.py keeps it. -->"


def run_bench(name: str, quick: bool) -> tuple[int, dict | None, float]:
    """(exit code, its last-line figures or None, seconds) of one run of bench/NAME.py."""
    args = [sys.executable, str(ROOT / "bench" / f"{name}.py"), "--check"]
    t0 = time.perf_counter()
    proc = subprocess.run(
        [*args, "--quick"] if quick else args, cwd=ROOT, capture_output=True, text=True
    )
    seconds = time.perf_counter() - t0
    sys.stdout.write(proc.stdout)
    lines = proc.stdout.strip().splitlines()
    try:
        figures = json.loads(lines[-1]) if lines else None
    except json.JSONDecodeError:
        figures = None
    if figures is None:
        sys.stderr.write(proc.stderr[-4000:])
    return proc.returncode, figures, seconds


def summarise(runs: list[dict]) -> list[dict]:
    """Per target: the values of every run, their median and worst, and the baseline's median."""
    rows = []
    for i, check in enumerate(runs[0]["checks"]):
        values = [run["checks"][i]["value"] for run in runs]
        numbers = [v for v in values if isinstance(v, int | float)]
        higher_is_better = check["target"].startswith("≥")
        worst = None
        if len(numbers) == len(values):  # a run without the figure (None) is the worst
            worst = min(numbers) if higher_is_better else max(numbers)
        rows.append(
            {
                **check,
                "values": values,
                "median": statistics.median(numbers) if numbers else None,
                "worst": worst,
                "met": all(run["checks"][i]["met"] for run in runs),
                "baselines": [run["checks"][i]["baseline_value"] for run in runs],
            }
        )
    return rows


def machine() -> list[str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    mem_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    from PySide6 import __version__ as pyside
    from PySide6.QtCore import qVersion

    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores; RAM {mem_kb / 1024 / 1024:.1f} GiB",
        f"- {platform.platform()}; Python {platform.python_version()}; "
        f"PySide6 {pyside}, Qt {qVersion()}",
    ]


def fmt(value: object) -> str:
    return "—" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def write_report(results: dict[str, dict], quick: bool, runs: int, load: list[str]) -> None:
    size = "quick sizes (`--quick`)" if quick else "full sizes"
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench{' QUICK=1' if quick else ''}` (`bench/report.py`) on "
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC: every bench at {size}, "
        f"{runs} run(s) each, with `--check`. Targets are DESIGN §12's; a target is met when "
        "its worst run meets it. Baselines are measured in the same run as the figure.",
        "",
        "## Machine",
        "",
        *machine(),
        f"- Load average (1, 5, 15 min) before and after: {load[0]} → {load[-1]} "
        "(a shared machine: other work ran alongside)",
        "",
        "## Figures against targets",
        "",
        "| bench | figure | median | worst | target | met | runs | same-run baseline |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, result in results.items():
        if not result["rows"]:
            lines.append(f"| {name} | (no figures: exit code {result['codes']}) | | | | no | | |")
        for row in result["rows"]:
            baselines = ""
            if row["baseline"]:
                baselines = f"{row['baseline']}: {', '.join(map(fmt, row['baselines']))}"
            lines.append(
                f"| {name} | {row['label']} | {fmt(row['median'])} | {fmt(row['worst'])} | "
                f"{row['target']} | {'yes' if row['met'] else '**no**'} | "
                f"{', '.join(map(fmt, row['values']))} | {baselines} |"
            )
    lines += ["", "## Runs", ""]
    for name, result in results.items():
        lines.append(
            f"- `{name}`: exit codes {result['codes']}, "
            f"{', '.join(f'{s:.0f} s' for s in result['seconds'])}"
        )
    old = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
    kept = old[old.index(KEPT) :] if KEPT in old else ""
    OUTPUT.write_text("\n".join(lines) + "\n" + ("\n" + kept if kept else ""), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="each bench's quick sizes")
    parser.add_argument("--runs", type=int, default=3, help="runs of each bench (default 3)")
    parser.add_argument("--only", nargs="*", choices=BENCHES, help="these benches only")
    args = parser.parse_args()
    load = [" / ".join(f"{x:.1f}" for x in os.getloadavg())]
    results: dict[str, dict] = {}
    for name in args.only or BENCHES:
        codes, figures, seconds = [], [], []
        for run in range(args.runs):
            print(f"== {name}, run {run + 1} of {args.runs}", flush=True)
            code, found, took = run_bench(name, args.quick)
            codes.append(code)
            seconds.append(took)
            if found is not None and "checks" in found:
                figures.append(found)
        rows = summarise(figures) if figures else []
        results[name] = {"codes": codes, "seconds": seconds, "rows": rows}
    load.append(" / ".join(f"{x:.1f}" for x in os.getloadavg()))
    write_report(results, args.quick, args.runs, load)
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    failed = any(any(r["codes"]) or not r["rows"] for r in results.values())
    return 1 if failed or any(not row["met"] for r in results.values() for row in r["rows"]) else 0


if __name__ == "__main__":
    sys.exit(main())
