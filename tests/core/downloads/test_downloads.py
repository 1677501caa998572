"""The download queue against the real reference server over HTTP, with real files (DESIGN §7)."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.core.downloads.support import (
    TIMEOUT_S,
    Events,
    Fault,
    MakeQueue,
    Served,
    illustration,
    persisted,
    serve,
)
from tests.s3_emulator import FILE_STORE_KINDS, file_store_settings
from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.downloads.queue import PARTS_DIR, DownloadQueue, download_key
from weshape_desktop.core.library import LibraryStore
from weshape_desktop.core.svg import sanitize_svg

pytest_plugins = ["tests.core.downloads.support"]


@pytest.fixture
def served(tmp_path: Path, request: pytest.FixtureRequest, s3_endpoint: str) -> Iterator[Served]:
    """The server over the catalog's own files, or (indirect parameter) a FILE_STORE_KINDS one."""
    files = file_store_settings(
        getattr(request, "param", "catalog"), tmp_path / "files", s3_endpoint
    )
    yield from serve(tmp_path / "catalog", 12, **files)


# The whole journey on each file store: what the app sees must not depend on where files live.
on_every_file_store = pytest.mark.parametrize("served", FILE_STORE_KINDS, indirect=True)


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    return folder


def library_files(library: Path) -> list[Path]:
    return sorted(p for p in library.iterdir() if p.name != PARTS_DIR)


@pytest.mark.parametrize("kind", FILE_STORE_KINDS)
def test_downloads_200_items_and_verifies_every_file(
    tmp_path: Path, library: Path, store: LibraryStore, events: Events, kind: str, s3_endpoint: str
) -> None:
    files = file_store_settings(kind, tmp_path / "files", s3_endpoint)
    for big in serve(tmp_path / "big-catalog", 200, **files):
        api = ApiClient(big.url, retries=0)
        queue = DownloadQueue(api, library, store, on_event=events)
        try:
            items = big.items()
            keys = [queue.enqueue(item) for item in items]
            events.wait_settled(200)
            states = {s.key: s for s in queue.snapshot()}
        finally:
            queue.shutdown()
            api.close()
        assert [states[k].state for k in keys] == ["done"] * 200
        entries = {e.item.id: e for e in store.entries([item.id for item in items])}
        for item, key in zip(items, keys, strict=True):
            path = states[key].path
            assert path is not None and path.parent == library
            assert path.read_bytes() == sanitize_svg(big.blob(item.sha256))
            recorded = entries[item.id].files
            assert [(f.path, f.format, f.sha256) for f in recorded] == [
                (path.name, "svg", hashlib.sha256(path.read_bytes()).hexdigest())
            ]
        assert len(library_files(library)) == 200
        assert store.count() == 200
        assert persisted(store) == {}, "finished downloads are forgotten by the queue store"
        assert list((library / PARTS_DIR).glob("*.part")) == []
        assert (library / PARTS_DIR).stat().st_mode & 0o777 == 0o700
        assert len(big.faults.files_requests()) == 200


def test_events_progress_then_done(make_queue: MakeQueue, served: Served, events: Events) -> None:
    queue = make_queue()
    item = served.items()[0]
    key = queue.enqueue(item)
    done = events.wait_state(key, "done", "failed")
    assert done.kind == "done"
    assert done.state.bytes_done == done.state.bytes_total == item.bytes
    kinds = events.kinds(key)
    assert kinds[0] == "state" and "progress" in kinds and kinds[-1] == "done"
    assert [e.state.state for e in events.events if e.kind == "state"][:2] == ["queued", "running"]


def test_file_is_named_from_the_local_title(
    make_queue: MakeQueue, served: Served, library: Path, events: Events
) -> None:
    queue = make_queue(lang="ar")
    key = queue.enqueue(served.items()[0])
    assert events.wait_state(key, "done").state.path == library / "تم رفض الوصول-item-0.svg"


@pytest.mark.parametrize(
    "title",
    [
        "../../etc/passwd",
        "/abs/path",
        "C:\\x",
        "CON",
        "nul.txt",
        "evil\u202egpj.svg",
        "x" * 1000,
        "",
    ],
)
def test_hostile_titles_stay_inside_the_library(
    make_queue: MakeQueue, served: Served, library: Path, events: Events, title: str
) -> None:
    queue = make_queue()
    item = served.items(title={"en": title, "ar": title})[1]
    path = events.wait_state(queue.enqueue(item), "done").state.path
    assert path is not None and path.parent == library
    assert path.name.endswith("-item-1.svg") and "\u202e" not in path.name
    assert len(path.name.encode()) <= 255
    assert library_files(library) == [path]


@pytest.mark.parametrize("second_id", ["item-3", "item-3/"], ids=["new-version", "id-alike"])
def test_a_name_taken_by_other_bytes_gets_the_next_name_and_same_bytes_keep_theirs(
    make_queue: MakeQueue,
    served: Served,
    library: Path,
    events: Events,
    second_id: str,
    tmp_path: Path,
) -> None:
    """Names hold the title and the id, so they collide when the server publishes new bytes for
    an item (same id) or when another item's id sanitises alike ("item-3/" → "item-3")."""
    first = served.items()[3]
    other_bytes = served.items()[4]  # a real file the server serves, with other bytes
    second = illustration(
        served.catalog.entries[3], id=second_id, sha256=other_bytes.sha256, bytes=other_bytes.bytes
    )
    queue = make_queue()
    path1 = events.wait_state(queue.enqueue(first), "done").state.path
    path2 = events.wait_state(queue.enqueue(second), "done").state.path
    assert path1 == library / "Item 3-item-3.svg"
    assert path2 == library / "Item 3 (2)-item-3.svg"
    assert path1.read_bytes() == sanitize_svg(served.blob(first.sha256))
    assert path2.read_bytes() == sanitize_svg(served.blob(second.sha256))
    queue.shutdown()

    # With a database that doesn't record them (say, a folder copied from another computer) the
    # bytes come again and are stored under the name that already holds them: no third file.
    events.events.clear()
    other = LibraryStore(tmp_path / "other.db")
    again = make_queue(store=other)
    assert events.wait_state(again.enqueue(first), "done").state.path == path1
    assert events.wait_state(again.enqueue(second), "done").state.path == path2
    assert len(served.faults.files_requests()) == 4, "both downloaded again"
    assert library_files(library) == sorted([path1, path2])
    assert path1.read_bytes() == sanitize_svg(served.blob(first.sha256))
    assert path2.read_bytes() == sanitize_svg(served.blob(second.sha256))
    again.shutdown()
    other.close()


def test_redownloading_an_identical_file_is_a_no_op(
    make_queue: MakeQueue, served: Served, library: Path, events: Events, store: LibraryStore
) -> None:
    item = served.items()[2]
    queue = make_queue()
    path = events.wait_state(queue.enqueue(item), "done").state.path
    assert path is not None
    stat = path.stat()
    queue.shutdown()
    again = make_queue()
    events.events.clear()
    assert events.wait_state(again.enqueue(item), "done").state.path == path
    assert len(served.faults.files_requests()) == 1, "no second request"
    assert path.stat().st_mtime_ns == stat.st_mtime_ns
    assert library_files(library) == [path]
    assert list((library / PARTS_DIR).iterdir()) == [], "no marker files"

    # A library file deleted since comes again; one changed since (edited) is kept, and the
    # download goes next to it.
    path.unlink()
    events.events.clear()
    assert events.wait_state(again.enqueue(item), "done").state.path == path
    path.write_bytes(b"<svg/>")
    events.events.clear()
    beside = events.wait_state(again.enqueue(item), "done").state.path
    assert len(served.faults.files_requests()) == 3
    assert beside.name == path.name.replace("-item-2.svg", " (2)-item-2.svg")
    assert beside.read_bytes() == sanitize_svg(served.blob(item.sha256))
    assert path.read_bytes() == b"<svg/>"


def test_png_is_rendered_locally(
    qapp: Any, make_queue: MakeQueue, served: Served, library: Path, events: Events
) -> None:
    from PySide6.QtGui import QImage

    from weshape_desktop.ui.previews import render_svg_file

    def render_png(data: bytes, size: int, path: Path) -> None:
        render_svg_file(data, size, str(path))

    queue = make_queue(render_png=render_png)
    key = queue.enqueue(served.items()[5], "png", 64)
    state = events.wait_state(key, "done", "failed").state
    assert state.state == "done", state.error_text
    assert state.path == library / "Item 5 64px-item-5.png"
    image = QImage(str(state.path))
    assert (image.width(), image.height()) == (64, 64)
    assert library_files(library) == [state.path]
    assert list((library / PARTS_DIR).iterdir()) == []


def test_a_worker_fetches_the_next_file_while_the_last_one_is_stored(
    qapp: Any, make_queue: MakeQueue, served: Served, events: Events
) -> None:
    """Storing (here: rendering a PNG, held up) happens off the worker: with one worker, the
    next file still arrives in the meantime."""
    from weshape_desktop.ui.previews import render_svg_file

    rendering, go_on = threading.Event(), threading.Event()

    def slow_render_png(data: bytes, size: int, path: Path) -> None:
        rendering.set()
        go_on.wait(TIMEOUT_S)
        render_svg_file(data, size, str(path))

    queue = make_queue(render_png=slow_render_png, concurrency=1)
    held = queue.enqueue(served.items()[5], "png", 64)
    assert rendering.wait(TIMEOUT_S)
    try:
        item = served.items()[6]
        after = queue.enqueue(item)

        def arrived() -> bool:
            mine = [e for e in events.events if e.key == after and e.kind == "progress"]
            return bool(mine) and mine[-1].state.bytes_done == item.bytes

        events.wait(arrived, timeout=10)
        assert queue.snapshot()[0].state == "running"
    finally:
        go_on.set()
    assert events.wait_state(held, "done", "failed").state.state == "done"
    assert events.wait_state(after, "done", "failed").state.state == "done"


def test_png_needs_a_renderer(make_queue: MakeQueue, served: Served) -> None:
    with pytest.raises(ValueError):
        make_queue().enqueue(served.items()[0], "png", 64)


@on_every_file_store
def test_pause_and_resume_continue_with_a_range(
    make_queue: MakeQueue, served: Served, library: Path, events: Events
) -> None:
    served.faults.plan = [Fault(stall=True)]
    item = served.items()[6]
    queue = make_queue()
    key = queue.enqueue(item)
    assert served.faults.stalled.acquire(timeout=30)
    events.wait(lambda: "progress" in events.kinds(key))
    queue.pause(key)
    paused = events.wait_state(key, "paused")
    assert 0 < paused.state.bytes_done < item.bytes
    part = library / PARTS_DIR / f"{item.sha256}.svg.part"
    assert part.stat().st_size == paused.state.bytes_done
    queue.resume(key)
    done = events.wait_state(key, "done").state
    assert done.path is not None
    assert done.path.read_bytes() == sanitize_svg(served.blob(item.sha256))
    seen = served.faults.files_requests()
    assert [r.range for r in seen] == [None, f"bytes={paused.state.bytes_done}-"]
    assert seen[1].if_range == f'"{item.sha256}"'
    assert not part.exists()


def test_cancel_one_and_all(
    make_queue: MakeQueue, served: Served, library: Path, events: Events, store: LibraryStore
) -> None:
    served.faults.default = Fault(stall=True)
    queue = make_queue(concurrency=2)
    items = served.items()[:4]
    keys = [queue.enqueue(item) for item in items]
    for _ in range(2):
        assert served.faults.stalled.acquire(timeout=30)
    queue.cancel(keys[3])  # still queued
    assert events.wait_state(keys[3], "cancelled")
    queue.cancel_all()
    for key in keys:
        events.wait_state(key, "cancelled")
    assert {s.state for s in queue.snapshot()} == {"cancelled"}
    assert library_files(library) == []
    assert list((library / PARTS_DIR).glob("*.part")) == []
    assert persisted(store) == {}
    served.faults.default = None
    queue.retry(keys[0])
    assert events.wait_state(keys[0], "done", "failed").kind == "done"


def test_pause_all_and_resume_all(
    make_queue: MakeQueue, served: Served, events: Events, store: LibraryStore
) -> None:
    served.faults.plan = [Fault(stall=True)]
    queue = make_queue(concurrency=1)
    keys = [queue.enqueue(item) for item in served.items()[:3]]
    assert served.faults.stalled.acquire(timeout=30)
    queue.pause_all()
    for key in keys:
        events.wait_state(key, "paused")
    assert {row.state for row in persisted(store).values()} == {"paused"}
    queue.resume_all()
    for key in keys:
        assert events.wait_state(key, "done", "failed").kind == "done"


@on_every_file_store
def test_resume_after_the_app_stopped_midway(
    served: Served, library: Path, store: LibraryStore, events: Events
) -> None:
    """Kill the transfer midway (shutdown while the server stalls), restart, restore()."""
    served.faults.plan = [Fault(stall=True)]
    item = served.items()[7]
    api = ApiClient(served.url, retries=0)
    first = DownloadQueue(api, library, store, on_event=events)
    try:
        key = first.enqueue(item)
        assert served.faults.stalled.acquire(timeout=30)
        events.wait(lambda: "progress" in events.kinds(key))
    finally:
        first.shutdown()
    assert persisted(store)[(item.id, "svg")].state == "queued"
    part = library / PARTS_DIR / f"{item.sha256}.svg.part"
    half = part.stat().st_size
    assert 0 < half < item.bytes
    assert library_files(library) == []

    store.close()
    restarted = LibraryStore(store.path)  # the next run opens the same database
    second = DownloadQueue(api, library, restarted, on_event=events)
    try:
        assert second.restore() == [download_key(item.id, "svg")]
        done = events.wait_state(key, "done").state
        assert persisted(restarted) == {}, "the finished download is forgotten"
    finally:
        second.shutdown()
        api.close()
        restarted.close()
    assert done.path is not None
    assert done.path.read_bytes() == sanitize_svg(served.blob(item.sha256))
    assert hashlib.sha256(served.blob(item.sha256)).hexdigest() == item.sha256
    assert [r.range for r in served.faults.files_requests()] == [None, f"bytes={half}-"]


def test_restore_keeps_user_pauses_and_lists_failures(
    make_queue: MakeQueue, served: Served, store: LibraryStore, events: Events
) -> None:
    items = served.items()
    store.upsert_items(items[:3])
    store.save_download(items[0].id, "svg", None, "paused")
    store.save_download(items[1].id, "svg", None, "failed", error="The disk is full.")
    store.save_download("gone", "svg", None, "queued")
    queue = make_queue()
    keys = queue.restore()
    assert keys == [download_key(items[0].id, "svg"), download_key(items[1].id, "svg")]
    states = {s.key: s for s in queue.snapshot()}
    assert states[keys[0]].state == "paused"
    assert states[keys[1]].state == "failed"
    assert states[keys[1]].error_text == "The disk is full."
    assert ("gone", "svg") not in persisted(store)
    queue.retry(keys[1])
    assert events.wait_state(keys[1], "done").kind == "done"
    assert served.faults.files_requests()[0].path.endswith(items[1].sha256)


def test_the_queue_follows_a_client_swapped_under_it(
    served: Served, library: Path, store: LibraryStore, events: Events, refused_url: str
) -> None:
    """The UI hands the queue a forwarding client, so the server can change while it runs."""

    class Switchable:
        def __init__(self, api: ApiClient) -> None:
            self.current = api

        def __getattr__(self, name: str) -> Any:
            return getattr(self.current, name)

    offline, online = ApiClient(refused_url, retries=0), ApiClient(served.url, retries=0)
    switchable = Switchable(offline)
    queue = DownloadQueue(switchable, library, store, on_event=events, max_attempts=1)  # type: ignore[arg-type]
    try:
        key = queue.enqueue(served.items()[0])
        assert events.wait_state(key, "paused").state.waiting_for_network
        switchable.current = online
        queue.resume(key)
        assert events.wait_state(key, "done", "failed").kind == "done"
    finally:
        queue.shutdown()
        offline.close()
        online.close()
