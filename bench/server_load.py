"""The reference server under load (issue 16): simulated devices against 1, 2 and 4 workers on
PostgreSQL, and 1 worker on SQLite as the same-run baseline.

Each configuration gets a fresh server (`--synthetic 2000`, in its own process, loopback only) and
a fresh database. The devices (threads, in pairs sharing an account so each pull brings the
partner's changes) register and sign in before the timed part, then loop until the time is up:
three catalog pages and a search, four preview downloads, the second half of a file (Range),
a token refresh every fifth round (from the second), and a sync pushing three changes and
pulling the partner's.

Reported per configuration: requests/s, errors (target 0: any status ≥ 400 or failed request),
p50/p95/p99 latency per route, and the CPU of the load generator, of the server and of
PostgreSQL, each as a share of the machine (all its cores). The machine may be small and
shared: the load generator competes with the server for the same cores, so scaling per added
worker is bounded by what is left to it.

    python bench/server_load.py [--quick] [--check] [--devices N] [--seconds S]

--quick: 8 s per configuration instead of 20. The PostgreSQL cluster is a throwaway one
(tests/server/postgres.py, Debian's package); without it only the SQLite baseline runs and the
PostgreSQL targets are missed. The last stdout line is one JSON object, also written to
bench/results/server_load.json.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from common import Target, report, start_server  # noqa: E402

from tests.server.postgres import PostgresCluster, PostgresUnavailable  # noqa: E402

ITEMS = 2000
PAGE = 60
SEARCHES = ("cloud", "error", "success", "empty", "user")
WORKERS = (1, 2, 4)
MAX_ROUNDS = 100_000  # per device: the count bound beside the time bound
PASSWORD = "bench-load-password-2026"
CPU_PARTS = ("loadgen", "server", "database")  # the database: PostgreSQL's processes


@dataclass
class Tally:
    """Latencies (ms) per route and errors, shared by the device threads."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def call(self, route: str, session: requests.Session, method: str, url: str, **kw: object):
        t0 = time.perf_counter()
        try:
            response = session.request(method, url, timeout=30, **kw)  # type: ignore[arg-type]
            failed = response.status_code >= 400
        except requests.RequestException:
            response, failed = None, True
        ms = (time.perf_counter() - t0) * 1000
        with self.lock:
            self.latencies[route].append(ms)
            if failed:
                self.errors[route] += 1
        return response if not failed else None


class Device:
    """One signed-in device: its session, tokens and sync position."""

    def __init__(self, url: str, email: str, tally: Tally) -> None:
        self.url, self.tally = url, tally
        self.session = requests.Session()
        self.device_id = uuid.uuid4().hex
        self.usn = 0
        tokens = self.session.post(
            f"{url}/v1/auth/token",
            data={"grant_type": "password", "username": email, "password": PASSWORD},
            timeout=30,
        )
        tokens.raise_for_status()
        self._use(tokens.json())

    def _use(self, tokens: dict[str, str]) -> None:
        self.refresh_token = tokens["refresh_token"]
        self.session.headers["Authorization"] = f"Bearer {tokens['access_token']}"

    def round(self, n: int) -> None:
        get, url = self.tally.call, self.url
        items, cursor = [], None
        for _ in range(3):
            params = {"limit": PAGE, **({"cursor": cursor} if cursor else {})}
            page = get("catalog page", self.session, "GET", f"{url}/v1/catalog", params=params)
            if page is None:
                return
            items += page.json()["items"]
            cursor = page.json()["next_cursor"]
        q = SEARCHES[n % len(SEARCHES)]
        get("catalog search", self.session, "GET", f"{url}/v1/catalog", params={"q": q})
        for item in items[n % PAGE :: PAGE][:4] or items[:4]:
            get("preview", self.session, "GET", f"{url}/v1/previews/{item['sha256']}")
        item = items[n % len(items)]
        half = f"bytes={item['bytes'] // 2}-"
        get("file range", self.session, "GET", f"{url}/v1/files/{item['sha256']}",
            headers={"Range": half})  # fmt: skip
        if n % 5 == 1:  # from the second round: slow configurations run few
            form = {"grant_type": "refresh_token", "refresh_token": self.refresh_token}
            tokens = get("token refresh", self.session, "POST", f"{url}/v1/auth/token", data=form)
            if tokens is not None:
                self._use(tokens.json())
        self._sync([it["id"] for it in items[n % 7 :: 37][:3]])

    def _sync(self, item_ids: list[str]) -> None:
        now = int(time.time() * 1000)
        changes = [
            {
                "id": uuid.uuid4().hex,
                "kind": "entry",
                "object_id": item_id,
                "op": "upsert",
                "modified": now,
                "payload": {
                    "item_id": item_id,
                    "added_at": now,
                    "favourite": True,
                    "note": f"from {self.device_id[:6]}",
                    "tags": ["bench"],
                },
            }
            for item_id in item_ids
        ]
        body = {"device_id": self.device_id, "since_usn": self.usn, "changes": changes}
        answer = self.tally.call("sync", self.session, "POST", f"{self.url}/v1/sync", json=body)
        if answer is not None:
            self.usn = answer.json()["new_usn"]


def cpu_s(pid: int | None) -> float:
    """CPU seconds (user + system) so far of a process and its children: the server and its
    workers, or PostgreSQL's postmaster and its backends (None: no such process, 0)."""
    if pid is None:
        return 0.0
    tick = os.sysconf("SC_CLK_TCK")
    pids = [pid]
    for task in Path(f"/proc/{pid}/task").iterdir():
        pids += [int(c) for c in (task / "children").read_text().split()]
    total = 0.0
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))], 1)


def run_configuration(
    cluster: PostgresCluster | None, workers: int, devices: int, seconds: float
) -> dict:
    """Start a server on a new database of `cluster` (None: SQLite in its data folder), load it,
    stop it."""
    db_url = cluster.create_database() if cluster else None
    postmaster = int((cluster.data / "postmaster.pid").read_text().split()[0]) if cluster else None
    with tempfile.TemporaryDirectory(prefix="weshape-bench-load-") as tmp:
        args = ["--workers", str(workers), "--log-level", "warning"]
        args += ["--db", db_url] if db_url else []
        server, url = start_server(ITEMS, Path(tmp), *args)
        try:
            return load((server.pid, postmaster), url, devices, seconds)
        finally:
            server.terminate()
            server.wait(timeout=30)


def load(pids: tuple[int, int | None], url: str, devices: int, seconds: float) -> dict:
    tally = Tally()
    # Devices in pairs share an account. Registration is limited per address (20 an hour by
    # default, fresh per server database): the accounts are made before the timed part.
    emails = [f"device-pair-{k}@example.org" for k in range((devices + 1) // 2)]
    for email in emails:
        body = {"name": "Bench", "email": email, "password": PASSWORD,
                "accepted_policy_version": 1, "locale": "en"}  # fmt: skip
        requests.post(f"{url}/v1/accounts", json=body, timeout=30).raise_for_status()
    fleet = [Device(url, emails[k // 2], tally) for k in range(devices)]

    deadline = time.perf_counter() + seconds

    def drive(device: Device) -> None:
        for n in range(MAX_ROUNDS):
            if time.perf_counter() >= deadline:
                return
            device.round(n)

    threads = [threading.Thread(target=drive, args=(d,)) for d in fleet]
    wall0, cpu0 = time.perf_counter(), time.process_time()
    server0, database0 = cpu_s(pids[0]), cpu_s(pids[1])
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - wall0
    cores = os.cpu_count() or 1
    total = sum(len(v) for v in tally.latencies.values())
    return {
        "requests_per_s": round(total / wall, 1),
        "requests": total,
        "errors": sum(tally.errors.values()),
        "loadgen_cpu_share": round((time.process_time() - cpu0) / wall / cores, 2),
        "server_cpu_share": round((cpu_s(pids[0]) - server0) / wall / cores, 2),
        "database_cpu_share": round((cpu_s(pids[1]) - database0) / wall / cores, 2),
        "routes": {
            route: {
                "n": len(ms),
                "p50": percentile(ms, 50),
                "p95": percentile(ms, 95),
                "p99": percentile(ms, 99),
                "errors": tally.errors.get(route, 0),
            }
            for route, ms in sorted(tally.latencies.items())
        },
    }


def print_configuration(name: str, result: dict) -> None:
    shares = ", ".join(f"{part} {result[f'{part}_cpu_share']}" for part in CPU_PARTS)
    print(f"\n{name}: {result['requests_per_s']} requests/s, {result['errors']} errors; "
          f"CPU share of the machine: {shares}")  # fmt: skip
    print(f"  {'route':<16}{'n':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for route, r in result["routes"].items():
        print(f"  {route:<16}{r['n']:>7}{r['p50']:>9}{r['p95']:>9}{r['p99']:>9}{r['errors']:>8}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="8 s per configuration, not 20")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--devices", type=int, default=16, help="simulated devices (even)")
    parser.add_argument("--seconds", type=float, help="timed part per configuration")
    args = parser.parse_args()
    seconds = args.seconds or (8.0 if args.quick else 20.0)
    results = {"sqlite_w1": run_configuration(None, 1, args.devices, seconds)}
    print_configuration("SQLite, 1 worker (baseline)", results["sqlite_w1"])
    try:
        cluster = PostgresCluster().start()
    except PostgresUnavailable as exc:
        print(f"\nPostgreSQL NOT RUN: {exc}")
        cluster = None
    if cluster is not None:
        try:
            for w in WORKERS:
                result = run_configuration(cluster, w, args.devices, seconds)
                results[f"pg_w{w}"] = result
                print_configuration(f"PostgreSQL, {w} worker(s)", result)
        finally:
            cluster.stop()
    figures: dict[str, object] = {"devices": args.devices, "seconds": seconds}
    for name, result in results.items():
        figures[f"{name}_rps"] = result["requests_per_s"]
        figures[f"{name}_errors"] = result["errors"]
        for part in CPU_PARTS:
            figures[f"{name}_{part}_cpu_share"] = result[f"{part}_cpu_share"]
        figures[f"{name}_routes"] = result["routes"]
    if "pg_w1" in results:
        pg1 = results["pg_w1"]["requests_per_s"]
        figures["pg_w1_vs_sqlite"] = round(pg1 / results["sqlite_w1"]["requests_per_s"], 2)
        for w in WORKERS[1:]:
            ratio = results[f"pg_w{w}"]["requests_per_s"] / pg1
            figures[f"pg_w{w}_vs_w1"] = round(ratio, 2)
            # Throughput each added worker brings, as a share of what the first one serves.
            figures[f"pg_w{w}_gain_per_added_worker"] = round((ratio - 1) / (w - 1), 2)
    print()
    targets = tuple(
        Target(f"{name}_errors", "≤", 0, f"errors, {label}")
        for name, label in (("sqlite_w1", "SQLite 1 worker"), ("pg_w1", "PostgreSQL 1 worker"),
                            ("pg_w2", "PostgreSQL 2 workers"), ("pg_w4", "PostgreSQL 4 workers"))
    )  # fmt: skip
    missed = report("server_load", figures, targets)
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
