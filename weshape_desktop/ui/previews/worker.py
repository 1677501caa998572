"""The worker-process side of the preview pool (`pool.RenderPool`): fetch an SVG, sanitise it
and rasterise it into the preview cache (DESIGN §3, §11), handing the pixels back to the app.

`worker_main` runs in a *spawned* process (forking a Qt process is unsafe) with an offscreen
`QGuiApplication`; `render_preview` does the work for one file, `render_svg_image` is the same
drawing without the cache (used by export), and `render_svg_file` writes it as a PNG (downloads).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:  # workers import Qt only once they run; the app's pool doesn't need it
    from multiprocessing.connection import Connection

    from PySide6.QtGui import QImage

MAX_DOWNLOAD_BYTES = 5_000_000
MAX_NOTES = 5  # Qt messages kept per drawing: a broken file can repeat one thousands of times
# Qt maps PNG "quality" 80 to zlib level 1: measured ~30% faster than the default level 6 on
# 256 px previews, and the files come out no bigger (previews are mostly flat colour).
_PNG_QUALITY = 80
# Sanitised documents a worker keeps: the same file is drawn at the grid's size and the detail
# panel's (sanitising costs about half of QtSvg's parse and render).
_SANITISED_BUDGET_BYTES = 8_000_000
_NICENESS = 10


class Connections:
    """Kept-alive HTTP(S) connections of a worker, one per server.

    The standard library's `http.client`, not `requests`: a worker importing `requests` held
    11 MB more private memory (measured as PSS), in each worker, for one GET at a time.
    """

    def __init__(self) -> None:
        self._open: dict[tuple[str, str], Any] = {}

    def get(self, url: str, timeout_s: float) -> bytes:
        """The body of a GET of `url`, at most MAX_DOWNLOAD_BYTES + 1 bytes of it; OSError
        with an English reason when the server can't be reached or doesn't answer 200."""
        import http.client

        parts = urlsplit(url)
        key = (parts.scheme, parts.netloc)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        kind = (
            http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        )
        kept = self._open.pop(key, None)
        connection = kept or kind(parts.netloc, timeout=timeout_s)
        try:
            try:
                response = _get(connection, target)
            except (OSError, http.client.HTTPException):
                if kept is None:
                    raise
                connection = kind(parts.netloc, timeout=timeout_s)  # the server closed it
                response = _get(connection, target)
            data = response.read(MAX_DOWNLOAD_BYTES + 1)
        except (OSError, http.client.HTTPException) as exc:
            connection.close()
            raise OSError(f"The file could not be downloaded ({type(exc).__name__}).") from exc
        if response.isclosed():  # read to its end: the connection can serve the next GET
            self._open[key] = connection
        else:
            connection.close()
        if response.status != 200:
            raise OSError(f"The server answered HTTP {response.status}.")
        return data

    def close(self) -> None:
        for connection in self._open.values():
            connection.close()
        self._open.clear()


def _get(connection: Any, target: str) -> Any:
    connection.request("GET", target)
    return connection.getresponse()


def fetch_bytes(url: str, timeout_s: float, connections: Connections | None = None) -> bytes:
    """The file at `url` (http, https or file), at most MAX_DOWNLOAD_BYTES + 1 bytes of it."""
    # Imported here, in the worker: `urllib.request` brings `http.client` and `ssl` (~13 ms),
    # which the app's own start doesn't need.
    from urllib.request import url2pathname

    parts = urlsplit(url)
    if parts.scheme == "file":
        with open(url2pathname(unquote(parts.path)), "rb") as f:
            return f.read(MAX_DOWNLOAD_BYTES + 1)
    if parts.scheme not in ("http", "https"):
        raise OSError("The file's address is not one the app can download from.")
    if connections is not None:
        return connections.get(url, timeout_s)
    once = Connections()
    try:
        return once.get(url, timeout_s)
    finally:
        once.close()


def render_svg_image(data: bytes, size: int) -> QImage:
    """Sanitise `data` and render it centred, aspect kept, into a transparent size×size image.

    Needs a QGuiApplication; safe on any thread. Raises `ValueError` (incl. `UnsafeSvgError`)
    with an English reason.
    """
    from weshape_desktop.core.svg import sanitize_svg

    return _render_clean(sanitize_svg(data, max_bytes=MAX_DOWNLOAD_BYTES), size)


def _render_clean(clean: bytes, size: int) -> QImage:
    """`render_svg_image` of an already sanitised document."""
    from PySide6.QtCore import QByteArray, QRectF, QSizeF
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(clean))
    if not renderer.isValid():
        raise ValueError("The file is not a valid SVG image.")
    natural = QSizeF(renderer.defaultSize())
    if natural.isEmpty():
        natural = renderer.viewBoxF().size()
    if natural.isEmpty():
        raise ValueError("The image has no size to draw.")
    scale = min(size / natural.width(), size / natural.height())
    width, height = natural.width() * scale, natural.height() * scale
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHints(
        QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform
    )
    renderer.render(painter, QRectF((size - width) / 2, (size - height) / 2, width, height))
    painter.end()
    return image


class SanitisedCache:
    """Sanitised documents by the digest of their source bytes, least recently used dropped."""

    def __init__(self, budget_bytes: int = _SANITISED_BUDGET_BYTES) -> None:
        self._documents: OrderedDict[bytes, bytes] = OrderedDict()
        self._bytes = 0
        self._budget = budget_bytes

    def sanitised(self, data: bytes) -> bytes:
        """`sanitize_svg(data)`, computed once per distinct `data`; raises as it does."""
        from weshape_desktop.core.svg import sanitize_svg

        digest = hashlib.sha256(data).digest()
        clean = self._documents.get(digest)
        if clean is not None:
            self._documents.move_to_end(digest)
            return clean
        clean = sanitize_svg(data, max_bytes=MAX_DOWNLOAD_BYTES)
        self._documents[digest] = clean
        self._bytes += len(clean)
        while self._bytes > self._budget and len(self._documents) > 1:
            self._bytes -= len(self._documents.popitem(last=False)[1])
        return clean


def render_preview(data: bytes, size: int, cache_path: str, documents: SanitisedCache) -> bytes:
    """Sanitise `data` (once per file, through `documents`), render it as `render_svg_image`
    does and write it to the preview cache at `cache_path`; returns what it wrote
    (`cache_file.encode_preview`).

    Needs a QGuiApplication. Raises `ValueError` (incl. `UnsafeSvgError`) or `OSError` with an
    English reason.
    """
    from weshape_desktop.ui.previews.cache_file import encode_preview, write_preview

    encoded = encode_preview(_render_clean(documents.sanitised(data), size))
    try:
        write_preview(encoded, Path(cache_path))
    except OSError as exc:
        raise OSError("The preview could not be written to the cache folder.") from exc
    return encoded


def render_svg_file(data: bytes, size: int, cache_path: str) -> None:
    """Sanitise `data`, render it centred into a transparent size×size PNG at `cache_path`.

    Needs a QGuiApplication. Raises `ValueError` (incl. `UnsafeSvgError`) or `OSError` with an
    English reason. The PNG is written to a temporary file and renamed, so readers never see half.
    """
    image = render_svg_image(data, size)
    target = Path(cache_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    if not image.save(str(temporary), "PNG", _PNG_QUALITY):
        raise OSError("The preview could not be written to the cache folder.")
    os.replace(temporary, target)


def worker_main(conn: Connection, time_budget_s: float) -> None:
    """Entry point of a worker process: render jobs from `conn` until told to stop or orphaned."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    # Below the app in the scheduler: on a machine with as many cores as workers, rendering
    # at the same priority took CPU from the GUI thread mid-paint (the grids' scroll stalls).
    with contextlib.suppress(OSError):
        os.nice(_NICENESS)
    from PySide6.QtGui import QGuiApplication

    from weshape_desktop.ui.qt_messages import route_qt_messages

    notes: list[str] = []  # Qt's messages while drawing the current job, for the app's log

    def note(_level: int, text: str) -> None:
        if len(notes) < MAX_NOTES:
            notes.append(text)

    route_qt_messages(note)
    app = QGuiApplication(["weshape-preview-worker", "-platform", "offscreen"])  # fonts need it
    connections = Connections()
    documents = SanitisedCache()
    conn.send(("ready",))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):  # the app went away
            break
        if message is None:
            break
        sha256, size, url, cache_path = message
        notes.clear()
        encoded = b""  # handed to the app, which then needn't read the cache file back
        try:
            data = fetch_bytes(url, time_budget_s, connections)
            encoded = render_preview(data, size, cache_path, documents)
            ok, reason = True, ""
        except (ValueError, OSError) as exc:
            ok, reason = False, str(exc)
        except Exception as exc:  # an unexpected bug: still one failed item, not a dead worker
            ok, reason = False, f"The preview could not be drawn ({exc!r})."
        reply = ("done", sha256, size, ok, reason, tuple(notes), encoded)
        try:
            conn.send(reply)
        except (EOFError, OSError):
            break
    connections.close()
    del app
