"""One running app per data folder (DESIGN §4): a second launch asks the first to come forward.

A `QLockFile` in the data folder is the lock: two processes must never open one library database
and download queue. The lock file records its holder's process, so the lock of a crashed app is
taken over, while a live one — however busy its event loop — keeps it. The local socket only
carries "bring the window forward"; it lives in the user's own runtime folder, under a full
path, so no other user can take its name first.
"""

from __future__ import annotations

import hashlib
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

LOCK_NAME = "weshape-desktop.lock"
CONNECT_TIMEOUT_MS = 2_000  # the first app may be busy: the kernel still takes the message

log = logging.getLogger(__name__)


def socket_path(data_dir: Path) -> str:
    """Where the running app for `data_dir` listens: a full path in the user's runtime folder
    (on Windows, a pipe name; pipes have no folders)."""
    digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    name = f"weshape-desktop-{digest}"
    if sys.platform == "win32":
        return name
    runtime = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.RuntimeLocation)
    return str(Path(runtime) / name)


class SingleInstance(QObject):
    """`claim()` is True for the first instance; `activated` fires when another one starts."""

    activated = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = socket_path(data_dir)
        self.lock = QLockFile(str(data_dir / LOCK_NAME))
        self.lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        self.server: QLocalServer | None = None

    def claim(self) -> bool:
        """Take the lock and listen, or tell the running app to show itself and return False."""
        if not self.lock.tryLock(0):
            self._activate_running()
            return False
        QLocalServer.removeServer(self.name)  # a crashed instance's leftover socket file
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._on_connection)
        if not self.server.listen(self.name):  # the lock still holds: only activation is lost
            log.warning("can't listen on %s: %s", self.name, self.server.errorString())
        return True

    def release(self) -> None:
        """Stop listening and let the next launch have the data folder."""
        if self.server is not None:
            self.server.close()
        self.lock.unlock()

    def _activate_running(self) -> None:
        socket = QLocalSocket(self)
        socket.connectToServer(self.name)
        if socket.waitForConnected(CONNECT_TIMEOUT_MS):
            socket.write(b"activate\n")
            socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
            socket.disconnectFromServer()
        else:
            log.warning("the running app didn't answer on %s", self.name)

    def _on_connection(self) -> None:
        assert self.server is not None
        while (peer := self.server.nextPendingConnection()) is not None:
            peer.readyRead.connect(lambda peer=peer: self._on_message(peer))
            if peer.bytesAvailable():  # sent while this app was busy: no readyRead will come
                self._on_message(peer)

    def _on_message(self, peer: QLocalSocket) -> None:
        if bytes(peer.readAll().data()).startswith(b"activate"):
            log.info("another launch with this data folder asked for the window")
            self.activated.emit()
        peer.disconnectFromServer()
        peer.deleteLater()
