"""One app per data folder: a second launch hands over to the first and never opens the library."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from weshape_desktop.ui.single_instance import SingleInstance, socket_path

# Runs the real app, recording every file or database it opens in its data folder (audit hooks
# see Python's opens and sqlite3's connects) into AUDIT_LOG.
AUDITED_APP = """
import os, runpy, sys
log = open(os.environ["AUDIT_LOG"], "a", buffering=1)
data = os.path.join(os.environ["WESHAPE_HOME"], "data")
def hook(event, args):
    if event in ("open", "sqlite3.connect") and args and str(args[0]).startswith(data):
        log.write(f"{event} {args[0]}\\n")
sys.addaudithook(hook)
sys.argv = ["weshape-desktop", *sys.argv[1:]]
runpy.run_module("weshape_desktop", run_name="__main__")
"""

# Claims the data folder in argv[1], says so, then waits to be killed.
HOLDER = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from weshape_desktop.ui.single_instance import SingleInstance
app = QCoreApplication([])
instance = SingleInstance(Path(sys.argv[1]))
print("claimed" if instance.claim() else "refused", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))  # where the socket lives, here and in apps
    monkeypatch.setenv("WESHAPE_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def test_second_instance_activates_the_first(qtbot, home: Path) -> None:
    home.mkdir()
    first = SingleInstance(home)
    assert first.claim()
    assert socket_path(home).startswith(os.environ["XDG_RUNTIME_DIR"])  # a full, private path
    second = SingleInstance(home)
    with qtbot.waitSignal(first.activated, timeout=5_000):
        assert not second.claim()
    (home / "other").mkdir()
    other_folder = SingleInstance(home / "other")
    assert other_folder.claim()
    first.release()
    assert SingleInstance(home).claim()  # released: the next launch takes over
    for instance in (first, second, other_folder):
        instance.release()
        instance.deleteLater()


def test_the_lock_of_a_killed_app_is_taken_over(home: Path) -> None:
    home.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(home)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "claimed"
        assert not SingleInstance(home).claim()  # alive: the lock holds
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
    finally:
        holder.kill()
        holder.wait(timeout=10)
    taker = SingleInstance(home)
    assert taker.claim()
    taker.release()


@pytest.fixture
def running_app(qtbot, home: Path, tmp_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    """The real app on `home`, offline (nothing listens on its server's port), its window up."""
    app = subprocess.Popen(
        [sys.executable, "-m", "weshape_desktop", "--server", "http://127.0.0.1:9"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        database = home / "data" / "library.sqlite3"
        qtbot.waitUntil(lambda: Path(socket_path(home / "data")).exists(), timeout=60_000)
        qtbot.waitUntil(database.exists, timeout=60_000)
        yield app
    finally:
        app.send_signal(signal.SIGCONT)
        app.terminate()
        app.wait(timeout=30)


def launch_again(tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], str]:
    audit = tmp_path / "audit.log"
    second = subprocess.run(
        [sys.executable, "-c", AUDITED_APP, "--server", "http://127.0.0.1:9"],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "AUDIT_LOG": str(audit)},
    )
    return second, audit.read_text() if audit.exists() else ""


@pytest.mark.parametrize("first", ["idle", "event-loop-blocked", "socket-removed"])
def test_a_second_launch_hands_over_without_opening_the_library(
    qtbot, home: Path, tmp_path: Path, running_app: subprocess.Popen[bytes], first: str
) -> None:
    if first == "event-loop-blocked":
        running_app.send_signal(signal.SIGSTOP)  # it can't answer until SIGCONT
    elif first == "socket-removed":  # by a cleaner of old files, say: only the lock is left
        Path(socket_path(home / "data")).unlink()
    second, opened = launch_again(tmp_path)
    assert second.returncode == 0, second.stderr
    assert "already running" in second.stderr
    assert opened == ""  # neither the database nor any library file
    running_app.send_signal(signal.SIGCONT)
    if first != "socket-removed":
        log = home / "logs" / "weshape.log"
        qtbot.waitUntil(lambda: "asked for the window" in log.read_text(), timeout=30_000)
