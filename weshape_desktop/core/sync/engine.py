"""The sync engine (DESIGN §8, docs/sync.md): rounds of push and pull until both sides agree.

One round: the library marks up to 500 pending changes sent, the engine posts them with the
last usn it has applied, and the library applies the answer in one transaction (acknowledged
rows gone, server changes written, `new_usn` stored). A failure anywhere leaves the library as
the last committed round left it; the next sync resends the same rows with the same ids, which
the server applies once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.errors import BadResponseError
from weshape_desktop.core.library import LibraryStore, SyncRound
from weshape_desktop.core.sync.wire import SyncAnswer, parse_answer, request_body

PAGE_SIZE = 500  # changes per request, the protocol's limit


@dataclass(frozen=True)
class SyncReport:
    """What a sync did: changes sent and received, entries that arrived without a file (to
    download, per the download settings), files whose entries were deleted on another device
    (library-relative paths, for the library's removal rule), and the usn the library is at."""

    pushed: int
    pulled: int
    arrived: tuple[str, ...]
    removed_paths: tuple[str, ...]
    new_usn: int


class SyncEngine:
    """Syncs `store` with the account `api` is signed in to. Blocking: run it off the GUI
    thread. The caller binds the store to the account first (`bind_sync_account`)."""

    def __init__(self, store: LibraryStore, api: ApiClient) -> None:
        self._store = store
        self._api = api

    def sync(
        self,
        *,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> SyncReport:
        """Run rounds until nothing is pending and the server has nothing more.

        `progress(done, total)` follows each round: changes exchanged so far, and an estimate
        of the total (it grows while the server has more pages). `cancelled()` is asked between
        rounds: a cancelled sync stops there, with the rounds done so far kept. Raises the
        usual core.errors (OfflineError, ServerError, SignInRequiredError, BadResponseError…);
        the library then stays as the last complete round left it.
        """
        pushed = pulled = 0
        arrived: dict[str, None] = {}
        removed: list[str] = []
        while True:
            sync_round = self._store.start_sync_round(PAGE_SIZE)
            answer = self._post(sync_round)
            page = self._store.apply_sync_page(sync_round.changes, answer.changes, answer.new_usn)
            pushed += len(sync_round.changes)
            pulled += len(answer.changes)
            arrived.update(dict.fromkeys(page.arrived))
            removed += page.removed_paths
            if progress is not None:
                done = pushed + pulled
                estimate = self._store.pending_changes() + (PAGE_SIZE if answer.more else 0)
                progress(done, done + estimate)
            # asked after the callback: an edit made in it (or meanwhile) goes in another round
            if not (answer.more or self._store.pending_changes()):
                break
            if cancelled is not None and cancelled():
                break
        # An entry that arrived and was deleted again (or downloaded meanwhile) isn't to fetch.
        to_download = self._store.entries_without_files(list(arrived))
        return SyncReport(pushed, pulled, tuple(to_download), tuple(removed), answer.new_usn)

    def _post(self, sync_round: SyncRound) -> SyncAnswer:
        response = self._api.request(
            "POST", "/v1/sync", authorized=True, json=request_body(sync_round)
        )
        try:
            data = response.json()
        except ValueError as exc:
            raise BadResponseError(detail="sync: the answer is not JSON") from exc
        answer = parse_answer(data)
        if answer.more and answer.new_usn <= sync_round.since_usn:  # else: ask again forever
            raise BadResponseError(detail="sync: more pages, but new_usn did not advance")
        return answer
