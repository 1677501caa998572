"""One sync in its own process, for the kill test:

    python -m tests.core.sync.sync_child SERVER_URL EMAIL PASSWORD LIBRARY_DB KILL_AFTER

signs in, syncs the library, and SIGKILLs itself at SQLite's KILL_AFTER-th progress callback
(every few hundred virtual machine steps; 0: never), so it dies at a reproducible point inside
a round's transactions or between them. A sync that ends prints how many callbacks it took.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.auth import AuthSession, SessionOnlyCredentialStore
from weshape_desktop.core.library import LibraryStore
from weshape_desktop.core.sync import SyncEngine

STEPS_PER_CALLBACK = 200


def main() -> None:
    url, email, password, database, kill_after = sys.argv[1:6]
    api = ApiClient(url, retries=0)
    AuthSession(api, SessionOnlyCredentialStore()).sign_in_password(email, password)
    store = LibraryStore(Path(database))
    calls = 0

    def progress() -> int:
        nonlocal calls
        calls += 1
        if calls == int(kill_after):
            os.kill(os.getpid(), signal.SIGKILL)
        return 0

    store._conn.set_progress_handler(progress, STEPS_PER_CALLBACK)
    SyncEngine(store, api).sync()
    print(calls, flush=True)


if __name__ == "__main__":
    main()
