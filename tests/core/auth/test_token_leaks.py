"""After a full session (register, restart, refresh, wrong password, sign-out) with DEBUG logging
to a file under WESHAPE_HOME, no token and no password appears in any file there, in the logs,
in the captured output, or in the text, repr or traceback of any error raised on the way."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.core.auth.test_auth import EMAIL, PASSWORD, Clock, Server, session_for
from tests.server.conftest import build_catalog
from weshape_desktop.core.errors import SignInRequiredError, WeshapeError, WrongPasswordError
from weshape_desktop.core.paths import AppPaths


class TokenCollector:
    """Remembers every token the server hands out to the client (a requests response hook)."""

    def __init__(self) -> None:
        self.secrets: set[str] = set()

    def __call__(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        if response.request.path_url == "/v1/auth/token" and response.status_code == 200:
            body = response.json()
            self.secrets.update((body["access_token"], body["refresh_token"]))


@pytest.fixture
def debug_log(weshape_home: Path) -> Iterator[Path]:
    paths = AppPaths.resolve().ensure()
    log_file = paths.log_dir / "weshape.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield log_file
    root.removeHandler(handler)
    root.setLevel(old_level)
    handler.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    srv = Server(build_catalog(tmp_path / "catalog"), tmp_path / "server-data")
    srv.start()
    yield srv
    srv.stop()


def test_no_secret_leaves_the_keyring(
    server: Server,
    weshape_home: Path,
    debug_log: Path,
    capfd: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    errors: list[BaseException] = []
    collector = TokenCollector()
    clock = Clock()

    auth = session_for(server.url, clock=clock)
    auth.api.session.hooks["response"].append(collector)
    auth.register("Lina Haddad", EMAIL, PASSWORD, 1, "ar")
    auth.api.request("GET", "/v1/me", authorized=True)

    restarted = session_for(server.url, clock=clock)
    restarted.api.session.hooks["response"].append(collector)
    assert restarted.restore() is not None
    clock.now += 3600
    restarted.api.request("GET", "/v1/me", authorized=True)  # refresh
    clock.now += 3600
    restarted.api.request("GET", "/v1/me", authorized=True)  # and again

    try:
        session_for(server.url).sign_in_password(EMAIL, PASSWORD + "x")
    except WrongPasswordError as exc:
        errors.append(exc)
    clock.now += 3600
    try:  # the first session's refresh token was rotated away by the second: reuse
        auth.api.request("GET", "/v1/me", authorized=True)
    except SignInRequiredError as exc:
        errors.append(exc)
    restarted.sign_out()
    try:
        restarted.api.request("GET", "/v1/me", authorized=True)
    except WeshapeError as exc:
        errors.append(exc)

    assert len(collector.secrets) >= 6, "the session should have seen several token pairs"
    assert len(errors) == 3
    secrets = [*collector.secrets, PASSWORD]

    out, err = capfd.readouterr()
    texts = {"stdout": out, "stderr": err, "caplog": caplog.text}
    assert debug_log.read_text(encoding="utf-8"), "DEBUG logging should have written something"
    for path in weshape_home.rglob("*"):
        if path.is_file():
            texts[str(path)] = path.read_bytes().decode("utf-8", "replace")
    for i, exc in enumerate(errors):
        texts[f"error {i}"] = "\n".join(
            [str(exc), repr(exc), getattr(exc, "detail", ""), *traceback.format_exception(exc)]
        )
    hits = [(where, s[:8]) for where, text in texts.items() for s in secrets if s in text]
    assert hits == []
