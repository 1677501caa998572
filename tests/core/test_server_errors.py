"""Every error code the reference server can send has our own sentence (issue 17): the server's
`message` (developer English) never reaches the user."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import weshape_desktop.server
from weshape_desktop.core.errors import RequestRejectedError
from weshape_desktop.core.server_errors import SERVER_ERRORS, server_error

SERVER = Path(weshape_desktop.server.__file__).parent
# Calls whose argument at this position is an error code, and keyword names that hold one.
CODE_ARGUMENT = {"ApiError": 1, "token_error": 1, "error_response": 1, "AccountError": 0}


def server_codes() -> set[str]:
    """The codes written in the server's source: arguments of the calls above and the values
    of the status → code table."""
    codes: set[str] = set()
    for path in SERVER.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute):
                name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
                position = CODE_ARGUMENT.get(name)
                if position is not None and len(node.args) > position:
                    codes.update(_strings(node.args[position]))
            if isinstance(node, ast.AnnAssign | ast.Assign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(isinstance(t, ast.Name) and t.id == "_STATUS_CODES" for t in targets):
                    assert isinstance(node.value, ast.Dict)
                    codes.update(s for v in node.value.values for s in _strings(v))
    return codes


def _strings(node: ast.expr | None) -> list[str]:
    return [node.value] if isinstance(node, ast.Constant) and isinstance(node.value, str) else []


def test_the_scan_finds_the_servers_codes() -> None:
    """Guards the scan itself: codes from each place a code is written."""
    assert {"bad_cursor", "invalid_grant", "weak_password", "too_large", "not_found"} <= (
        server_codes()
    )


@pytest.mark.parametrize("code", sorted(server_codes()))
def test_every_server_code_has_our_sentence(code: str) -> None:
    assert code in SERVER_ERRORS, f"the server's code {code!r} has no sentence of ours"
    error = server_error(400, code, "HTTP 400 for /v1/x")
    assert "%" not in error.english()  # every placeholder filled
    assert type(error) is not RequestRejectedError  # more than the generic sentence


def test_unknown_codes_fall_back_on_the_status() -> None:
    assert "401" not in server_error(401, "new_code", "d").english()
    assert type(server_error(418, "", "d")) is RequestRejectedError
    assert server_error(429, "", "d", "7").english() == (
        "Too many requests. Wait 7 seconds, then try again."
    )
