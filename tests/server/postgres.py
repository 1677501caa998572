"""A throwaway PostgreSQL cluster for the server tests' second pass (`WESHAPE_TEST_DB=postgresql`).

`PostgresCluster.start()` runs Debian's `initdb` in a temporary folder and `pg_ctl start` with a
Unix socket there and no TCP listener, as an unprivileged user (PostgreSQL refuses to run as root:
under root, as `nobody`, which owns the folder). Durability is off: the data is thrown away.
`create_database()` gives each test server a database of its own.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import sqlalchemy as sa

SUPERUSER = "weshape"
UNPRIVILEGED = "nobody"


class PostgresUnavailable(RuntimeError):
    """PostgreSQL is not installed or would not start (the message says why)."""


def _bin_dir() -> Path:
    """The newest installed PostgreSQL's programs (Debian keeps them out of PATH)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: p.split("/")[4])
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("pg_ctl")
    if on_path is None:
        raise PostgresUnavailable("no pg_ctl: install Debian's postgresql package")
    return Path(on_path).parent


class PostgresCluster:
    def __init__(self) -> None:
        self._bin = _bin_dir()
        self.root = Path(tempfile.mkdtemp(prefix="weshape-pg-"))
        self.data = self.root / "data"
        self._admin: sa.Engine | None = None

    def _run(self, *args: str) -> None:
        command = [str(self._bin / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", UNPRIVILEGED, "--", *command]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
        except (OSError, subprocess.SubprocessError) as exc:
            raise PostgresUnavailable(f"{args[0]} did not run: {exc}") from exc
        if done.returncode != 0:
            raise PostgresUnavailable(f"{args[0]} failed: {(done.stderr or done.stdout).strip()}")

    def start(self) -> PostgresCluster:
        """Initialise and start the cluster; PostgresUnavailable (after cleaning up) if not."""
        try:
            return self._start()
        except PostgresUnavailable:
            self.stop()
            raise

    def _start(self) -> PostgresCluster:
        if os.geteuid() == 0:
            try:
                shutil.chown(self.root, UNPRIVILEGED)
            except (OSError, LookupError) as exc:
                raise PostgresUnavailable(f"no unprivileged user to run it as: {exc}") from exc
        self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
                  "--locale=C", "--no-sync")  # fmt: skip
        settings = f"-k {self.root} -c listen_addresses='' -c fsync=off -c full_page_writes=off "
        settings += "-c synchronous_commit=off -c max_connections=300"
        self._run("pg_ctl", "start", "-w", "-D", str(self.data), "-l", str(self.root / "log"),
                  "-o", settings)  # fmt: skip
        self._admin = sa.create_engine(self.url("postgres"), isolation_level="AUTOCOMMIT")
        return self

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@/{database}?host={self.root}"

    def create_database(self) -> str:
        """The URL of a new empty database."""
        assert self._admin is not None, "start() first"
        name = f"t_{uuid.uuid4().hex[:16]}"
        with self._admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        return self.url(name)

    def stop(self) -> None:
        if self._admin is not None:
            self._admin.dispose()
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "stop", "-D", str(self.data), "-m", "immediate")
        shutil.rmtree(self.root, ignore_errors=True)
