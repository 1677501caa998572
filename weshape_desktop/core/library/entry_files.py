"""The files behind "using illustrations" (DESIGN §1): finding an entry's file in the library
folder, reading its SVG safely, naming and writing exports.

Library files were sanitised when they were downloaded, but the folder is plain files a person
(or another program) may change, so what is read is sanitised again before it is rendered,
copied or dragged (DESIGN §11).
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path, PurePosixPath

from weshape_desktop.core.errors import (
    DiskFullError,
    ExportFailedError,
    ExportNotWritableError,
    LibraryFileMissingError,
    LibraryFileUnreadableError,
    NoSvgFileError,
    UnsafeLibraryFileError,
    WeshapeError,
)
from weshape_desktop.core.filenames import safe_file_name
from weshape_desktop.core.library.types import LibraryEntry
from weshape_desktop.core.text import isolate


def entry_paths(entry: LibraryEntry, library_dir: Path) -> list[Path]:
    """Absolute paths of the entry's files on this device (which may be missing from disk),
    newest first, each once.

    A recorded path that would leave the library folder (`..`, absolute) is skipped: the database
    is local, but the folder may be shared, and a path is never trusted to stay inside it.
    """
    root = library_dir.resolve()
    return [root.joinpath(*rel.parts) for rel in _recorded(entry)]


def entry_svg_path(entry: LibraryEntry, library_dir: Path) -> Path | None:
    """The entry's newest SVG file path (which may be missing from disk), or None if it has none."""
    return next((p for p in entry_paths(entry, library_dir) if p.suffix.lower() == ".svg"), None)


def _recorded(entry: LibraryEntry) -> list[PurePosixPath]:
    names = [entry.path] if entry.path else []
    names += [f.path for f in reversed(entry.files)]
    paths: list[PurePosixPath] = []
    for name in names:
        rel = PurePosixPath(name)
        if rel.is_absolute() or ".." in rel.parts or not rel.parts or rel in paths:
            continue
        paths.append(rel)
    return paths


def read_entry_svg(entry: LibraryEntry, library_dir: Path, lang: str = "en") -> bytes:
    """The sanitised SVG of `entry`, read from the library folder.

    Raises `NoSvgFileError` (no SVG downloaded here), `LibraryFileMissingError`,
    `LibraryFileUnreadableError` or `UnsafeLibraryFileError`; messages name the title in `lang`.
    """
    title = entry.item.title_in(lang)
    path = entry_svg_path(entry, library_dir)
    if path is None:
        raise NoSvgFileError(title)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise LibraryFileMissingError(title, isolate(path.name), detail=str(exc)) from exc
    except OSError as exc:
        raise LibraryFileUnreadableError(
            isolate(str(path)), _sentence(exc), detail=str(exc)
        ) from exc
    # Imported on the first read: the XML parsers (~7 ms) aren't needed to show the library.
    from weshape_desktop.core.svg import UnsafeSvgError, sanitize_svg

    try:
        return sanitize_svg(data)
    except UnsafeSvgError as exc:
        raise UnsafeLibraryFileError(title, exc.reason, detail=str(path)) from exc


def export_file_name(
    entry: LibraryEntry, fmt: str, png_size: int | None = None, colour: str = ""
) -> str:
    """A default name for an export of `entry` as `fmt` ("svg"/"png"): its library SVG's name
    (else the name a download would get) plus the PNG size and the new accent colour, if any,
    e.g. `Cat-cat-1 512px 00aa11.png`. Never the library file's own name when recoloured."""
    svg = next((rel for rel in _recorded(entry) if rel.suffix.lower() == ".svg"), None)
    stem = (
        svg.stem
        if svg is not None
        else Path(safe_file_name(entry.item.title_in("en"), entry.item.id, "svg")).stem
    )
    if fmt == "png" and png_size:
        stem += f" {png_size}px"
    if colour:
        stem += " " + colour.lstrip("#").lower()
    return f"{stem}.{fmt}"


def write_export(target: Path, data: bytes) -> None:
    """Write `data` to `target` atomically (a temporary file beside it, then a rename), replacing
    any file there. Raises `DiskFullError`, `ExportNotWritableError` or `ExportFailedError`."""
    folder = target.parent
    try:
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=".weshape-", suffix=".tmp")
    except OSError as exc:
        raise _export_error(exc, target) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        raise _export_error(exc, target) from exc
    finally:
        tmp.unlink(missing_ok=True)


def _export_error(exc: OSError, target: Path) -> WeshapeError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(detail=str(exc))
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ExportNotWritableError(isolate(str(target.parent)), detail=str(exc))
    return ExportFailedError(isolate(str(target)), _sentence(exc), detail=str(exc))


def _sentence(exc: OSError) -> str:
    """The system's reason as a sentence ("No such file or directory.")."""
    reason = (exc.strerror or str(exc)).strip()
    return reason if reason.endswith(".") else reason + "."
