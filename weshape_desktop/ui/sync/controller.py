"""Account sync for the window (DESIGN §8): when to sync, the engine on a worker thread, what to
do with its report, and the state the status bar shows.

A sync runs after sign-in, every few minutes, a few seconds after the last local edit, and on
demand; one at a time (a request during a sync runs once more after it). Offline, it retries with
a growing delay, and at once when the network is back. Before the first sync of a library with an
account (or with another account than the library's) the user is asked through `question`.
"""

from __future__ import annotations

import enum
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from weshape_desktop.core.errors import OfflineError, WeshapeError
from weshape_desktop.core.library import FileRemoval, LibraryStore, delete_library_files
from weshape_desktop.core.models import Illustration
from weshape_desktop.ui.account import AccountController
from weshape_desktop.ui.tasks import TaskRunner, describe_error

if TYPE_CHECKING:
    from weshape_desktop.core.library import SyncStatus
    from weshape_desktop.core.sync import SyncReport

INTERVAL_MS = 5 * 60_000
DEBOUNCE_MS = 3_000
BACKOFF_FIRST_MS = 5_000
BACKOFF_MAX_MS = 4 * 60_000
KEPT_APART_PREF = "sync_kept_apart"  # the account this library is kept apart from (local only)


class SyncState(enum.Enum):
    OFF = "off"  # signed out, or no library: nothing to show
    APART = "apart"  # signed in, but this library is not synced with the account
    IDLE = "idle"
    SYNCING = "syncing"
    OFFLINE = "offline"  # retried with backoff
    FAILED = "failed"  # `error` says why; retried on demand and at the next interval


class Question(enum.Enum):
    FIRST_SIGN_IN = "first"  # a library never synced: its entries would join the account
    OTHER_ACCOUNT = "other"  # a library synced with another account


@dataclass(frozen=True)
class _Binding:
    """What the library says about the signed-in account (read on a worker)."""

    status: SyncStatus
    kept_apart: bool
    unsynced: int


@dataclass(frozen=True)
class _Outcome:
    """One sync, as the worker saw it; `error` is a WeshapeError the user is told about."""

    status: SyncStatus
    report: SyncReport | None = None
    error: WeshapeError | None = None
    arrived: tuple[Illustration, ...] = ()
    removal: FileRemoval | None = None


class SyncController(QObject):
    """Runs `SyncEngine` for the signed-in account and the open library.

    Signals (GUI thread): `changed()` state, progress or status; `question(Question, int)` asks
    whether to merge the library (with how many entries would join), answered by `answer(bool)`;
    `arrived(list[Illustration])` entries synced from elsewhere, to download; `library_changed()`
    a sync changed the library.
    """

    changed = Signal()
    question = Signal(object, int)
    arrived = Signal(list)
    library_changed = Signal()
    completed = Signal(int, int)  # a sync finished: changes sent, changes received
    _progress = Signal(int, int)  # emitted on the worker thread

    def __init__(
        self,
        tasks: TaskRunner,
        accounts: AccountController,
        parent: QObject | None = None,
        *,
        interval_ms: int = INTERVAL_MS,
        debounce_ms: int = DEBOUNCE_MS,
        backoff_first_ms: int = BACKOFF_FIRST_MS,
        backoff_max_ms: int = BACKOFF_MAX_MS,
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.accounts = accounts
        self.state = SyncState.OFF
        self.status: SyncStatus | None = None
        self.progress = (0, 0)
        self.error = ""  # translated, when FAILED
        self.syncs = 0  # finished syncs, for tests and diagnostics
        self._store: LibraryStore | None = None
        self._library_dir = Path()
        self._account_id: str | None = None
        self._running = False
        self._again = False
        self._asking = False
        self._cancel = threading.Event()
        self._backoff_first_ms = backoff_first_ms
        self._backoff_max_ms = backoff_max_ms
        self._backoff_ms = backoff_first_ms
        self._interval = QTimer(self, interval=interval_ms)
        self._debounce = QTimer(self, singleShot=True, interval=debounce_ms)
        self._retry = QTimer(self, singleShot=True)
        for timer in (self._interval, self._debounce, self._retry):
            timer.timeout.connect(self.sync_now)
        self._progress.connect(self._on_progress)
        accounts.changed.connect(self._on_account_changed)

    # -- inputs ------------------------------------------------------------------------------

    def set_library(self, store: LibraryStore | None, library_dir: Path) -> None:
        """The library is open and checked (None while it is rebuilt)."""
        self._store, self._library_dir = store, library_dir
        self._account_id = None  # look at the binding again
        self._on_account_changed()

    def sync_now(self) -> None:
        """Sync at once (Account → Sync now, Retry, the timers); a library not synced with this
        account asks first."""
        if self._store is None or self.accounts.account is None:
            return
        if self.state is SyncState.APART:
            self._look_at_binding(ask=True)
        elif self._running:
            self._again = True
        elif not self._asking and self.state is not SyncState.OFF:
            self._start()

    def library_edited(self) -> None:
        """A local edit was written: count it as pending now, sync once the edits pause."""
        store = self._store
        if store is None or self.state in (SyncState.OFF, SyncState.APART):
            return
        self._debounce.start()
        self.tasks.run(store.sync_status, on_done=self._set_status, owner=self)

    def _set_status(self, status: SyncStatus) -> None:
        self.status = status
        self.changed.emit()

    def network_back(self) -> None:
        """The server answers again: an offline sync retries now rather than after its delay."""
        if self.state is SyncState.OFFLINE:
            self._retry.stop()
            self.sync_now()

    def answer(self, merge: bool) -> None:
        """The user's answer to `question`: merge this library into the account, or keep it
        apart (not synced; Sync now asks again). An answer the account changed under is
        dropped."""
        if self._asking:
            self._asking = False
            self._bind(merge)

    def _bind(self, merge: bool) -> None:
        store, account = self._store, self.accounts.account
        if store is None or account is None:
            return

        def record() -> None:
            if not merge:
                store.set_pref(KEPT_APART_PREF, account.id)
                return
            if store.pref(KEPT_APART_PREF) is not None:
                store.set_pref(KEPT_APART_PREF, None)
            store.bind_sync_account(account.id)

        after = self._enable if merge else self._keep_apart
        self.tasks.run(record, on_done=lambda _: after(), owner=self)

    def shutdown(self) -> None:
        """Quitting: stop the timers and ask a running sync to stop at its next safe point."""
        self._again = False
        for timer in (self._interval, self._debounce, self._retry):
            timer.stop()
        self._cancel.set()

    # -- the account and the library's binding ------------------------------------------------

    def _on_account_changed(self) -> None:
        account = self.accounts.account
        if account is None or self._store is None:
            self._account_id = None
            self._asking = False
            self._stop(SyncState.OFF)
            return
        if account.id != self._account_id:
            self._account_id = account.id
            self._asking = False  # a question still open was about the previous account
            self._stop(SyncState.OFF)
            self._look_at_binding(ask=False)

    def _look_at_binding(self, *, ask: bool) -> None:
        store, account = self._store, self.accounts.account
        if store is None or account is None or self._asking:
            return

        def look() -> _Binding:
            status = store.sync_status()
            unsynced = store.unsynced_entry_count() if status.account_id != account.id else 0
            apart = store.pref(KEPT_APART_PREF) == account.id
            return _Binding(status, apart, unsynced)

        def decide(binding: _Binding) -> None:
            if self.accounts.account != account or self._store is not store:
                return  # signed out or switched meanwhile: that change looked again
            self.status = binding.status
            if binding.status.account_id == account.id:
                self._enable()
            elif binding.kept_apart and not ask:
                self._keep_apart()
            elif binding.status.account_id is None and binding.unsynced == 0:
                self._bind(True)  # nothing local would join the account: no need to ask
            else:
                first = binding.status.account_id is None
                self._asking = True
                self.question.emit(
                    Question.FIRST_SIGN_IN if first else Question.OTHER_ACCOUNT, binding.unsynced
                )

        self.tasks.run(look, on_done=decide, owner=self)

    def _enable(self) -> None:
        self._set_state(SyncState.IDLE)
        self._interval.start()
        self.sync_now()

    def _keep_apart(self) -> None:
        self._stop(SyncState.APART)

    def _stop(self, state: SyncState) -> None:
        for timer in (self._interval, self._debounce, self._retry):
            timer.stop()
        if self._running:
            self._cancel.set()  # its answer is dropped in _on_done
        self._again = False
        self._backoff_ms = self._backoff_first_ms
        self._set_state(state)

    # -- one sync --------------------------------------------------------------------------------

    def _start(self) -> None:
        store, session = self._store, self.accounts.session
        if store is None or session is None:
            return
        self._running = True
        self._cancel = cancel = threading.Event()
        self._debounce.stop()
        self._retry.stop()
        self.progress = (0, 0)
        self._set_state(SyncState.SYNCING)
        from weshape_desktop.core.sync import SyncEngine  # loaded with the first sync

        engine = SyncEngine(store, session.api)
        library_dir = self._library_dir

        def run() -> _Outcome:
            try:
                report = engine.sync(progress=self._progress.emit, cancelled=cancel.is_set)
            except WeshapeError as exc:
                return _Outcome(store.sync_status(), error=exc)
            items = (store.item(item_id) for item_id in report.arrived)
            return _Outcome(
                store.sync_status(),
                report,
                arrived=tuple(item for item in items if item is not None),
                removal=delete_library_files(library_dir, report.removed_paths),
            )

        self.tasks.run(
            run,
            on_done=lambda outcome: self._on_done(cancel, outcome),
            on_error=lambda exc: self._on_done(cancel, None, describe_error(exc)),
            owner=self,
        )

    def _on_progress(self, done: int, total: int) -> None:
        if self._running and self.state is SyncState.SYNCING:
            self.progress = (done, total)
            self.changed.emit()

    def _on_done(self, cancel: threading.Event, outcome: _Outcome | None, crash: str = "") -> None:
        self._running = False
        self.syncs += 1
        if outcome is not None:
            self.status = outcome.status
        if not cancel.is_set():  # a stopped sync (signed out) has nothing more to show
            self._show(outcome, crash)
        if self._again and self.state is not SyncState.OFFLINE:
            self._again = False
            self._start()

    def _show(self, outcome: _Outcome | None, crash: str) -> None:
        if outcome is not None and outcome.report is not None:
            self._backoff_ms = self._backoff_first_ms
            self._set_state(SyncState.IDLE)
            report = outcome.report
            self.completed.emit(report.pushed, report.pulled)
            if outcome.arrived:
                self.arrived.emit(list(outcome.arrived))
            if report.pulled or report.arrived or report.removed_paths:
                self.library_changed.emit()
        elif outcome is not None and isinstance(outcome.error, OfflineError):
            self._set_state(SyncState.OFFLINE)
            self._retry.start(self._backoff_ms)
            self._backoff_ms = min(2 * self._backoff_ms, self._backoff_max_ms)
        else:
            error = outcome.error if outcome is not None else None
            self.error = describe_error(error) if error is not None else crash
            self._set_state(SyncState.FAILED)

    def _set_state(self, state: SyncState) -> None:
        self.state = state
        self.changed.emit()
