"""Recording stored files in group commits (core.downloads.records): every worker's file is
recorded exactly once, and a store error reaches every worker whose file it concerned."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterable
from pathlib import Path

from tests.sample_entries import illustration
from weshape_desktop.core.downloads.records import QueueRecords
from weshape_desktop.core.library import LibraryStore, NewFile


class CountingStore(LibraryStore):
    """The real store, counting the files of each add_entries call."""

    def __init__(self, path: Path, *, fail: bool = False) -> None:
        super().__init__(path)
        self.calls: list[int] = []
        self.fail = fail

    def add_entries(self, files: Iterable[NewFile]) -> int:
        files = list(files)
        self.calls.append(len(files))
        if self.fail:
            raise OSError(28, "injected")
        return super().add_entries(files)


def record_from_threads(records: QueueRecords, n: int) -> list[BaseException | None]:
    """Each of `n` threads records one file at once; what each of them got back."""
    start = threading.Barrier(n)
    outcome: list[BaseException | None] = [None] * n

    def record(k: int) -> None:
        item = dataclasses.replace(illustration(), id=f"item-{k}", sha256=f"{k:064x}")
        start.wait()
        try:
            records.record_entry(item, f"item-{k}.svg", item.sha256, "svg", 10, None)
        except BaseException as exc:
            outcome[k] = exc

    threads = [threading.Thread(target=record, args=(k,)) for k in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcome


def test_every_file_is_recorded_once(tmp_path: Path) -> None:
    store = CountingStore(tmp_path / "library.db")
    try:
        assert record_from_threads(QueueRecords(store), 8) == [None] * 8
        assert sum(store.calls) == 8
        ids = [f"item-{k}" for k in range(8)]
        assert sorted(e.item.id for e in store.entries(ids)) == sorted(ids)
    finally:
        store.close()


def test_a_store_error_reaches_every_worker_of_its_batch(tmp_path: Path) -> None:
    store = CountingStore(tmp_path / "library.db", fail=True)
    try:
        outcome = record_from_threads(QueueRecords(store), 6)
        assert store.entries([f"item-{k}" for k in range(6)]) == []
    finally:
        store.close()
    assert all(isinstance(exc, OSError) for exc in outcome)
    assert 1 <= len(store.calls) <= 6  # a batch stops at its first error
