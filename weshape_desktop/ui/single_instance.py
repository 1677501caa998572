"""One running app per data folder (DESIGN §4): a second launch asks the first to come forward.

A local socket named after the data folder is the lock: the first instance listens on it, a later
one connects, says "activate" and exits. A stale socket left by a crash is removed and taken over.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

CONNECT_TIMEOUT_MS = 500


def socket_name(data_dir: Path) -> str:
    digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return f"weshape-desktop-{digest}"


class SingleInstance(QObject):
    """`claim()` is True for the first instance; `activated` fires when another one starts."""

    activated = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = socket_name(data_dir)
        self.server: QLocalServer | None = None

    def claim(self) -> bool:
        """Become the running instance, or tell the running one to show itself and return False."""
        socket = QLocalSocket(self)
        socket.connectToServer(self.name)
        if socket.waitForConnected(CONNECT_TIMEOUT_MS):
            socket.write(b"activate\n")
            socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
            socket.disconnectFromServer()
            return False
        QLocalServer.removeServer(self.name)  # a crashed instance's leftover socket file
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._on_connection)
        return self.server.listen(self.name)

    def _on_connection(self) -> None:
        assert self.server is not None
        while (peer := self.server.nextPendingConnection()) is not None:
            peer.readyRead.connect(lambda peer=peer: self._on_message(peer))

    def _on_message(self, peer: QLocalSocket) -> None:
        if bytes(peer.readAll().data()).startswith(b"activate"):
            self.activated.emit()
        peer.disconnectFromServer()
        peer.deleteLater()
