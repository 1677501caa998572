"""Start the bundled reference server in a child process for `--demo`.

A child process, not a thread: the server's Python work must not compete with the GUI thread for
the GIL, and its output stays out of the app's.
"""

from __future__ import annotations

import subprocess
import sys
import threading
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


class DemoCatalog:
    """The demo catalog a window browses (`--demo` or "Start the demo catalog"): one
    `DemoServer`, started on first use, stopped with the window or handed on to the window that
    replaces it."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.url = ""  # once the server has announced itself
        self._server: DemoServer | None = None
        self._lock = threading.Lock()  # two clicks start one server

    def wait_url(self) -> str:
        """Start the server unless it runs, and block until it gives its URL (call from a
        worker thread: starting takes seconds)."""
        with self._lock:
            if not self.url:
                server = self._server = self._server or DemoServer(self.data_dir)
                try:
                    self.url = server.wait_url()
                except BaseException:
                    server.stop()  # the next attempt starts afresh
                    self._server = None
                    raise
            return self.url

    def serves(self, url: str) -> bool:
        """True when `url` is this demo server, whose demo account may be offered."""
        return bool(self.url) and url == self.url

    def stop(self) -> None:
        with self._lock:
            if self._server is not None:
                self._server.stop()
            self._server, self.url = None, ""
