"""A downloading process for the kill test, the way the app runs its queue:

    python -m tests.reliability.downloader SERVER_URL LIBRARY_DIR DATABASE ITEMS_JSON

Waits for a line on stdin, opens the library database, restores the queue an earlier (killed)
run persisted, queues every item in ITEMS_JSON (a list of catalog items as the API sends them),
prints "started" and exits when every entry is done (0) or one failed (1, its messages on
stderr).
"""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path

from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.downloads import DownloadEvent, DownloadQueue
from weshape_desktop.core.library import LibraryStore
from weshape_desktop.core.models import Illustration

SETTLED = ("done", "failed")


def main() -> int:
    url, library, database, items_json = sys.argv[1:]
    sys.stdin.readline()  # "go": the test starts the next run while it checks the last one
    items = [Illustration.from_json(data) for data in json.loads(Path(items_json).read_text())]
    store = LibraryStore(Path(database))
    api = ApiClient(url, timeout=10.0, retries=0)
    changed = threading.Condition()

    def on_event(event: DownloadEvent) -> None:
        with changed:
            changed.notify_all()

    queue = DownloadQueue(api, Path(library), store, on_event=on_event, backoff_s=0.01)
    try:
        queue.restore()
        print("started", flush=True)
        for item in items:
            queue.enqueue(item)
        with changed:
            changed.wait_for(lambda: all(s.state in SETTLED for s in queue.snapshot()))
        failed = [s for s in queue.snapshot() if s.state == "failed"]
        for state in failed:
            print(f"{state.key}: {state.error_text}", file=sys.stderr)
    finally:
        queue.shutdown()
        api.close()
        store.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
