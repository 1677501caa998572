"""One try of one download (DESIGN §7, §11): fetch and verify, then convert and store.

The file is fetched into its part file (`core.download_files`), resumed with `Range` + `If-Range`
when a part is already there, checked against the catalog's size and sha256, sanitised (SVG) or
rendered (PNG), and only then stored under a locally built name with an atomic rename, so the
library folder never holds half a file. Retries, pausing and bookkeeping are the queue's
(`core.downloads`).
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import urllib3.exceptions

from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.downloads.client import Cuttable, FileClient, FileResponse
from weshape_desktop.core.downloads.files import DownloadFolder, PartFile, disk_errors
from weshape_desktop.core.downloads.types import CHUNK_BYTES, RenderPng
from weshape_desktop.core.errors import (
    DownloadIncompleteError,
    PngExportError,
    RequestRejectedError,
    ServerTimeoutError,
    UnsafeDownloadError,
    WeshapeError,
)
from weshape_desktop.core.models import Illustration
from weshape_desktop.core.svg import UnsafeSvgError, sanitize_svg

log = logging.getLogger(__name__)

RecordEntry = Callable[[Illustration, str, str, str, int, int | None], object]
"""Records a stored file in the library: item, file name, sha256, format, bytes, PNG size."""
StoredFile = Callable[[Illustration, str, int | None], tuple[str, str] | None]
"""The file name and sha256 an earlier download of the item's file in a format (and PNG size)
was recorded with, if any."""


class Aborted(Exception):
    """The job was paused, cancelled or the queue is shutting down."""


class Damaged(Exception):
    """The bytes didn't match the catalog; `resumed` says whether an old part file was involved."""

    def __init__(self, resumed: bool) -> None:
        super().__init__()
        self.resumed = resumed


@dataclass(frozen=True)
class Verified:
    """A file fetched and checked against the catalog, not yet stored."""

    data: bytes
    part: Path  # its part file, if one was written


class TransferJob(Protocol):
    """What an attempt needs to know about the queue's job."""

    @property
    def item(self) -> Illustration: ...
    @property
    def fmt(self) -> str: ...
    @property
    def png_size(self) -> int | None: ...
    @property
    def abort(self) -> threading.Event: ...


class TransferWatcher(Protocol):
    """How an attempt keeps the queue informed (called on the worker thread)."""

    def attach(self, connection: Cuttable | None) -> None:
        """What an abort must cut while a request or its body is under way (None: nothing)."""

    def starting(self, have: int) -> None:
        """The body is about to be read into a part file that holds `have` bytes."""

    def progress(self, done: int, speed_bps: float) -> None:
        """`done` bytes of the file are in the part file, arriving at `speed_bps`."""


class FileTransfer:
    """Fetches files into `library_dir` for the queue's workers (`fetch`, then `store`, per try).

    Requests go to `api`'s server with its auth (see `core.download_client`); `record_entry`
    records a stored file in the library and `stored_file` finds one recorded before;
    `render_png` makes PNG files; titles (for file names and messages) are in `lang`.
    """

    def __init__(
        self,
        api: ApiClient,
        library_dir: Path,
        record_entry: RecordEntry,
        stored_file: StoredFile,
        *,
        render_png: RenderPng | None,
        lang: str,
        clock: Callable[[], float],
    ) -> None:
        self._client = FileClient(api)
        self._folder = DownloadFolder(library_dir)
        self._library_dir = library_dir
        self._record_entry = record_entry
        self._stored_file = stored_file
        self._render_png = render_png
        self._lang = lang
        self._clock = clock

    def title(self, job: TransferJob) -> str:
        """The item's title in the queue's language."""
        return job.item.title_in(self._lang)

    def cut_connections(self) -> None:
        """Cut every connection: transfers still in flight fail at once, later ones too."""
        self._client.close()

    def remove_leftovers(self) -> None:
        """Delete temp files a killed process left in the parts folder (no transfer may run)."""
        self._folder.remove_leftovers()

    def discard_part(self, job: TransferJob) -> None:
        """Delete `job`'s part file, if any (a failure to delete is not the user's problem)."""
        try:
            self._folder.part_path(job.item.sha256, job.fmt).unlink(missing_ok=True)
        except OSError:
            log.warning("could not delete the part file of %s (%s)", job.item.id, job.fmt)

    def fetch(self, job: TransferJob, watcher: TransferWatcher) -> Path | Verified:
        """Fetch and verify `job`'s file: the library path when it is stored already, else its
        verified bytes for `store`.

        Raises Aborted when `job.abort` is set, Damaged when the bytes don't match the catalog
        (the part file is gone then), or a WeshapeError saying what went wrong.
        """
        item, folder = job.item, self._folder
        recorded = self._stored_file(item, job.fmt, job.png_size)
        done = folder.stored(*recorded) if recorded is not None else None
        if done is not None:
            return done
        with disk_errors(self._library_dir):
            folder.make_parts_dir()
            part = folder.part_path(item.sha256, job.fmt)
            try:
                have = part.stat().st_size
            except FileNotFoundError:
                have = 0
        resumed = have > 0
        if have > item.bytes:
            have = 0  # longer than the real file: certainly not a prefix of it
        data = self._fetch(job, watcher, part, have) if have < item.bytes else None
        with disk_errors(self._library_dir):
            if data is None:  # resumed: the start of the file is only on disk
                data = part.read_bytes()
            if len(data) != item.bytes or hashlib.sha256(data).hexdigest() != item.sha256:
                part.unlink(missing_ok=True)
                raise Damaged(resumed)
        return Verified(data, part)

    def store(self, job: TransferJob, verified: Verified) -> Path:
        """Convert `job`'s verified bytes, store them in the library and record them; returns
        the library path. Raises a WeshapeError saying what went wrong (final: no retry helps).
        """
        item, folder, part = job.item, self._folder, verified.part
        try:
            final = self._convert(job, verified.data)
        except WeshapeError:
            part.unlink(missing_ok=True)  # correct bytes that can't be stored: no use resuming
            raise
        final_sha256 = hashlib.sha256(final).hexdigest()
        title = self.title(job) + (f" {job.png_size}px" if job.fmt == "png" else "")
        with disk_errors(self._library_dir):
            path = folder.store(final, title, item.id, job.fmt)
            # Before the record, which makes the next download a no-op that would leave it.
            part.unlink(missing_ok=True)
            self._record_entry(item, path.name, final_sha256, job.fmt, len(final), job.png_size)
        return path

    # -- the network -----------------------------------------------------------------------------

    def _fetch(
        self, job: TransferJob, watcher: TransferWatcher, part: Path, have: int
    ) -> bytes | None:
        """Append the rest of the file to `part` (or rewrite it when the server sends it all).

        Returns the whole file when this response carried all of it, None when it only carried
        the rest (the start is in the part file)."""
        item = job.item
        headers = {"Range": f"bytes={have}-", "If-Range": f'"{item.sha256}"'} if have else {}
        try:
            try:
                response = self._client.get(f"/v1/files/{item.sha256}", headers, watcher.attach)
            except RequestRejectedError as exc:
                if have and exc.detail.startswith("HTTP 416"):
                    raise Damaged(resumed=True) from exc  # our part doesn't fit the server's file
                raise
            except WeshapeError:
                if job.abort.is_set():  # cut while connecting or waiting for the answer
                    raise Aborted from None
                raise
            try:
                # After attach: an abort from now on cuts the socket, one before it shows here.
                if job.abort.is_set():
                    raise Aborted
                if response.status == 206:
                    spans = (response.header("Content-Range") or "").partition(" ")[2]
                    if not spans.startswith(f"{have}-") or not spans.endswith(f"/{item.bytes}"):
                        raise Damaged(resumed=True)
                else:
                    have = 0  # the server ignored the range: start over
                    length = response.header("Content-Length")
                    if length is not None and length != str(item.bytes):
                        raise Damaged(resumed=False)  # not the file the catalog describes
                return self._stream(job, watcher, response, part, have)
            finally:
                response.close()
        finally:
            watcher.attach(None)

    def _stream(
        self,
        job: TransferJob,
        watcher: TransferWatcher,
        response: FileResponse,
        part: Path,
        have: int,
    ) -> bytes | None:
        """Read the body into `part`; returns the whole file when `have` was 0, else None."""
        expected = job.item.bytes
        started_at, done = self._clock(), have
        watcher.starting(have)
        part_file = PartFile(part, have)
        try:
            try:
                while chunk := response.read1(CHUNK_BYTES):
                    if job.abort.is_set():
                        raise Aborted
                    if done + len(chunk) > expected:
                        raise Damaged(resumed=have > 0)
                    with disk_errors(self._library_dir):
                        part_file.add(chunk)
                    done += len(chunk)
                    elapsed = self._clock() - started_at
                    watcher.progress(done, (done - have) / elapsed if elapsed > 0 else 0.0)
            except (urllib3.exceptions.HTTPError, OSError) as exc:
                if job.abort.is_set():
                    raise Aborted from exc
                if isinstance(exc, TimeoutError | urllib3.exceptions.ReadTimeoutError):
                    raise ServerTimeoutError(detail=str(exc)) from exc
                raise DownloadIncompleteError(self.title(job), detail=repr(exc)) from exc
            if job.abort.is_set():
                raise Aborted
            if done < expected:
                raise DownloadIncompleteError(self.title(job), detail=f"{done} of {expected} bytes")
        except (Aborted, ServerTimeoutError, DownloadIncompleteError):
            with disk_errors(self._library_dir):
                part_file.keep()  # stopped early: the next attempt resumes from here
            raise
        finally:
            with disk_errors(self._library_dir):
                part_file.close()
        return part_file.body()

    # -- what gets stored ------------------------------------------------------------------------

    def _convert(self, job: TransferJob, data: bytes) -> bytes:
        """The bytes to store: the sanitised SVG, or a PNG rendered from it."""
        try:
            clean = sanitize_svg(data)
        except UnsafeSvgError as exc:
            raise UnsafeDownloadError(self.title(job), exc.reason) from exc
        if job.fmt == "svg":
            return clean
        assert self._render_png is not None and job.png_size is not None
        with disk_errors(self._library_dir):
            self._folder.make_parts_dir()
            fd, tmp_name = tempfile.mkstemp(dir=self._folder.parts_dir, suffix=".png")
            os.close(fd)
        tmp = Path(tmp_name)
        try:
            try:
                self._render_png(clean, job.png_size, tmp)
            except ValueError as exc:
                raise PngExportError(self.title(job), str(exc)) from exc
            with disk_errors(self._library_dir):
                return tmp.read_bytes()
        finally:
            tmp.unlink(missing_ok=True)
