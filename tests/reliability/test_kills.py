"""A downloading process killed (SIGKILL) at random moments (DESIGN §6, §7): after every kill the
library folder holds only whole files (part files live in its parts folder), the database passes
`integrity_check` and agrees with the files, and a last run that is left alone brings everything
in, verified."""

from __future__ import annotations

import contextlib
import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.core.downloads.support import illustration
from tests.reliability.support import (
    REPLAY,
    SEED,
    assert_database_sound,
    assert_no_bad_visible_file,
    serve_mixed,
    stored_forms,
    visible_files,
)
from weshape_desktop.core.downloads.queue import PARTS_DIR

ROOT = Path(__file__).resolve().parents[2]
SMALL = 3  # files of each run, and one big file: its part file is written while it arrives
RUN_TIMEOUT_S = 120.0


def test_kills_during_downloads_leave_a_sound_library(tmp_path: Path) -> None:
    kill_and_check(tmp_path, kills=30)


@pytest.mark.slow
@pytest.mark.timeout(1200)
def test_many_kills_during_downloads_leave_a_sound_library(tmp_path: Path) -> None:
    kill_and_check(tmp_path, kills=200)


def kill_and_check(tmp_path: Path, kills: int) -> None:
    runs = kills * 2 + 1  # the first one, left alone, times a run; some end unkilled
    library, database = tmp_path / "library", tmp_path / "library.db"
    library.mkdir()
    with contextlib.contextmanager(serve_mixed)(
        tmp_path / "catalog", small=runs * SMALL, big=runs
    ) as served:
        forms = stored_forms(served)
        items = [illustration(entry) for entry in served.catalog.entries]
        small, big = items[: runs * SMALL], items[runs * SMALL :]
        rng = random.Random(SEED)

        def spawn(n: int | None) -> subprocess.Popen[str]:
            """A downloader for run `n` (None: every item), waiting to be told to start."""
            batch = items if n is None else [*small[n * SMALL : (n + 1) * SMALL], big[n]]
            listed = tmp_path / f"run-{n}.json"
            listed.write_text(json.dumps([item.to_json() for item in batch]))
            args = [served.url, str(library), str(database), str(listed)]
            return subprocess.Popen(
                [sys.executable, "-m", "tests.reliability.downloader", *args],
                cwd=ROOT,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )

        def go(proc: subprocess.Popen[str]) -> None:
            assert proc.stdin is not None and proc.stdout is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
            started = proc.stdout.readline()
            assert started == "started\n", f"{REPLAY}: {started!r} {proc.communicate()[1]}"

        first = spawn(0)
        go(first)
        t0 = time.monotonic()
        assert first.wait(RUN_TIMEOUT_S) == 0, f"{REPLAY}: {first.communicate()[1]}"
        window_s = time.monotonic() - t0  # from "started" to done, for 4 files

        killed, n = 0, 1
        proc = spawn(n)
        try:
            while killed < kills:
                go(proc)
                after_s = rng.uniform(0.0, window_s * 0.8)
                moment = "finished before it was killed"
                t0 = time.monotonic()
                try:
                    proc.wait(after_s)  # it may finish before its moment comes
                    window_s = min(window_s, time.monotonic() - t0)  # a busy first run
                except subprocess.TimeoutExpired:
                    proc.send_signal(signal.SIGKILL)
                    killed += 1
                    moment = f"killed {after_s * 1000:.0f} ms after it started"
                proc.communicate()
                n += 1
                assert n < runs, f"{REPLAY}: only {killed} of {n} runs were killed"
                proc = spawn(n if killed < kills else None)  # starts up while this one is checked
                context = f"{REPLAY}: run {n - 1} {moment}"
                assert_no_bad_visible_file(library, forms, context)
                assert_database_sound(database, library, context)

            go(proc)  # a last run, left alone, with every item
            _, errors = proc.communicate(timeout=RUN_TIMEOUT_S)
            assert proc.returncode == 0, f"{REPLAY}: the clean run failed: {errors}"
        finally:
            if proc.poll() is None:  # a failed check: don't leave the next run waiting
                proc.kill()
                proc.communicate()
    context = f"{REPLAY}: after the clean run"
    assert_no_bad_visible_file(library, forms, context)
    recorded = assert_database_sound(database, library, context)
    assert recorded == forms, f"{context}: missing {sorted(set(forms) - set(recorded))}"
    assert len(visible_files(library)) == len(items), f"{context}: duplicate files"
    leftovers = [p.name for p in (library / PARTS_DIR).iterdir()]
    assert leftovers == [], f"{context}: {leftovers}"
