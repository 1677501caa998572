"""`"library_dir"` in settings.json (README "Configuration") picks the library folder: the opening
check scans it, File → Open the library folder shows it, downloads land in it, and the default
folder is never made."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.server.conftest import EMAIL, PASSWORD
from tests.ui.library.support import sample_items
from weshape_desktop.core.paths import AppPaths

TIMEOUT = 20_000


def test_library_dir_in_settings_is_where_the_library_lives(
    make_window, server_url: str, qtbot, opened_urls, tmp_path: Path
) -> None:
    paths = AppPaths.resolve().ensure()
    chosen = tmp_path / "My Illustrations"
    chosen.mkdir()
    ((_item, source),) = sample_items(1)
    shutil.copyfile(source, chosen / "copied in by hand.svg")
    paths.settings_file.write_text(json.dumps({"library_dir": str(chosen)}), encoding="utf-8")

    window = make_window()
    window.connect_server(server_url)
    window.show()
    window.tabs.setCurrentWidget(window.library_tab)
    strip = window.library_tab.unknown_banner
    qtbot.waitUntil(strip.isVisible, timeout=TIMEOUT)  # the chosen folder was checked
    assert "1 file in the library folder" in strip.message()

    window.open_folder_action.trigger()
    assert [Path(url.toLocalFile()) for url in opened_urls] == [chosen]

    qtbot.waitUntil(
        lambda: (
            window.downloads.is_running()
            and window.catalog.model.rowCount() > 0
            and window.accounts.session is not None
        ),
        timeout=TIMEOUT,
    )
    with qtbot.waitSignal(window.accounts.changed, timeout=TIMEOUT):
        window.accounts.sign_in(EMAIL, PASSWORD, lambda _account: None, pytest.fail)
    window.downloads.enqueue(window.catalog.model.item(0), "svg", None)
    qtbot.waitUntil(
        lambda: any(s.state == "done" for s in window.downloads.states()), timeout=TIMEOUT
    )
    (state,) = window.downloads.states()
    assert state.path is not None and state.path.parent == chosen and state.path.is_file()
    assert not paths.default_library_dir.exists()
