"""Real small or read-only file systems for disk-error tests (chmod doesn't stop root's writes).

Root mounts directly; another user mounts through `sudo -n` (never a password prompt), owning the
new file system. Where neither works the test is skipped, and pytest's `-rs` (pyproject addopts)
lists it with the reason in the summary."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _privileged(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return command
    sudo = shutil.which("sudo")
    if sudo is None:
        pytest.skip(f"can't mount a tmpfs here: not root and no sudo for {command[0]}")
    return [sudo, "-n", *command]


@contextlib.contextmanager
def tmpfs(folder: Path, options: str) -> Iterator[Path]:
    """A tmpfs mounted at `folder` (created) with mount `options`, e.g. "size=64k" or "ro"."""
    folder.mkdir(parents=True, exist_ok=True)
    owner = f"uid={os.getuid()},gid={os.getgid()}"  # so a sudo mount is writable by this user
    mount = ["mount", "-t", "tmpfs", "-o", f"{options},{owner}", "tmpfs", str(folder)]
    done = subprocess.run(_privileged(mount), capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"can't mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(_privileged(["umount", str(folder)]), check=True)


def remount(folder: Path, options: str) -> None:
    """Change the mount options of the tmpfs at `folder`, e.g. to "ro" halfway through a test."""
    subprocess.run(_privileged(["mount", "-o", f"remount,{options}", str(folder)]), check=True)
