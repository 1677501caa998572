"""Start the bundled reference server in a child process for `--demo`.

A child process, not a thread: the server's Python work must not compete with the GUI thread for
the GIL, and its output stays out of the app's.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from weshape_desktop.core.errors import QT_TRANSLATE_NOOP, WeshapeError

READY_PREFIX = "weShape server listening on "


class DemoServerError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors", "The built-in demo server could not start. The log file has the details."
    )


class DemoServer:
    """`weshape-server --demo --port 0` as a child process; `wait_url()` reads its address."""

    def __init__(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self._log = open(data_dir / "demo-server.log", "ab")  # noqa: SIM115 - lives with the process
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "weshape_desktop.server",
                "--demo",
                "--port",
                "0",
                "--data",
                str(data_dir),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
        )

    def wait_url(self) -> str:
        """Block until the server announces its URL (call from a worker thread)."""
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith(READY_PREFIX):
                return line[len(READY_PREFIX) :].strip()
        raise DemoServerError(detail=f"demo server exited with {self.process.wait()}")

    def stop(self) -> None:
        """Terminate the child and wait for it, killing it if it lingers."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        self._log.close()
