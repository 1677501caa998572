"""The log file takes any text, whatever the system's locale."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

MESSAGE = "saved «رسم توضيحي» to /tmp/مكتبة"
# ASCII source (an ASCII locale can't even read an Arabic command line): the message escaped.
LOG_MESSAGE = f"""
import logging, sys
from pathlib import Path
from weshape_desktop.ui.app import setup_logging
setup_logging(Path(sys.argv[1]))
logging.getLogger("weshape_desktop").warning({MESSAGE!a})
"""


def test_arabic_titles_and_paths_log_under_an_ascii_locale(tmp_path: Path) -> None:
    ascii_locale = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    done = subprocess.run(
        [sys.executable, "-c", LOG_MESSAGE, str(tmp_path)],
        capture_output=True,
        text=True,
        env={**os.environ, **ascii_locale},
        check=True,
    )
    assert "Logging error" not in done.stderr
    assert MESSAGE in (tmp_path / "weshape.log").read_text("utf-8")
