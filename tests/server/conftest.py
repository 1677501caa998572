"""A real reference server per test, over a small catalog whose texts the tests know.

`start_test_server(catalog)` is the one helper; the fixtures below are thin wrappers so a shared
`live_server` fixture can be lifted into tests/conftest.py unchanged.

The database engine is SQLite unless `WESHAPE_TEST_DB=postgresql` (`make test` runs tests/server
a second time so): then a throwaway PostgreSQL cluster serves the session, and every server (and
every `database_url(data_dir)`) gets a database of its own.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.s3_emulator import FILE_STORE_KINDS, file_store_settings
from tests.server.postgres import PostgresCluster, PostgresUnavailable
from weshape_desktop.server.app import create_app
from weshape_desktop.server.catalog_source import Catalog, CatalogEntry
from weshape_desktop.server.runner import ServerThread
from weshape_desktop.server.settings import ServerSettings

SMALL_CATALOG_SIZE = 23
ENGINE = os.environ.get("WESHAPE_TEST_DB", "sqlite")
_cluster: PostgresCluster | None = None
# For tests that read the SQLite file itself.
sqlite_only = pytest.mark.skipif(ENGINE != "sqlite", reason="reads the SQLite database file")
# For tests whose code never meets the engine (or runs on SQLite whatever the pass): the
# PostgreSQL pass leaves them out, so it adds little to `make test`.
same_on_every_engine = pytest.mark.same_on_every_engine
_databases: dict[Path, str] = {}


_unavailable: str | None = None  # why the PostgreSQL pass could not start


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "same_on_every_engine: left out of the PostgreSQL pass (tests/server)"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On the PostgreSQL pass, start the cluster every test's databases live in. When it can't
    start, the server tests are deselected and the summary says why in one line."""
    global _cluster, _unavailable
    if ENGINE != "postgresql" or _cluster is not None:
        return
    repeated = [item for item in items if item.get_closest_marker("same_on_every_engine")]
    config.hook.pytest_deselected(items=repeated)
    items[:] = [item for item in items if item not in repeated]
    try:
        _cluster = PostgresCluster().start()
    except PostgresUnavailable as exc:
        _unavailable = str(exc)
        here = Path(__file__).parent
        dropped = [item for item in items if here in item.path.parents]
        config.hook.pytest_deselected(items=dropped)
        items[:] = [item for item in items if item not in dropped]


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _unavailable is not None:
        terminalreporter.write_line(
            f"PostgreSQL pass NOT RUN: {_unavailable}", yellow=True, bold=True
        )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    global _cluster
    if _cluster is not None:
        _cluster.stop()
        _cluster = None
    if _unavailable is not None and exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
        session.exitstatus = pytest.ExitCode.OK  # said in the summary; not a failure of ours


def database_url(data_dir: Path | None = None) -> str:
    """The database of the test server keeping its state in `data_dir` (None: a new throwaway
    one): the SQLite file there, or on the PostgreSQL pass a database made for that folder."""
    if ENGINE != "postgresql":
        return f"sqlite:///{data_dir / 'server.db'}" if data_dir is not None else "sqlite://"
    assert _cluster is not None, "pytest_collection_modifyitems starts it"
    if data_dir is None:
        return _cluster.create_database()
    if data_dir not in _databases:
        _databases[data_dir] = _cluster.create_database()
    return _databases[data_dir]


# (en title, ar title, en tags, ar tags) for the first items; the rest are generic.
KNOWN_ITEMS = [
    ("Access denied", "تم رفض الوصول", ["lock", "Security"], ["أمان", "قفل"]),
    ("Name card", "بطاقة إسم", ["identity"], ["هويّة"]),
    ("Cloud upload", "رفع إلى السحابة", ["sync", "100%_done"], ["مكتبة"]),
]
CATEGORIES = {
    "errors": {"en": "Errors", "ar": "أخطاء"},
    "empty": {"en": "Empty states", "ar": "حالات فارغة"},
    "success": {"en": "Success", "ar": "نجاح"},
    "unused": {"en": "Unused", "ar": "غير مستخدمة"},
}
STYLES = {"light": {"en": "Light", "ar": "فاتح"}, "dark": {"en": "Dark", "ar": "داكن"}}


SVG_TEMPLATE = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="80">'
    '<rect width="10" height="10" fill="#e5325d"/><!-- item {n} --></svg>'
)


def build_catalog(folder: Path, n: int = SMALL_CATALOG_SIZE) -> Catalog:
    """`n` items with distinct SVG files in `folder`; categories and styles cycle."""
    folder.mkdir(parents=True, exist_ok=True)
    catalog = Catalog(entries=[], categories=dict(CATEGORIES), styles=dict(STYLES))
    for k in range(n):
        if k < len(KNOWN_ITEMS):
            title_en, title_ar, tags_en, tags_ar = KNOWN_ITEMS[k]
        else:
            title_en, title_ar, tags_en, tags_ar = f"Item {k}", f"عنصر {k}", ["generic"], ["عام"]
        svg = SVG_TEMPLATE.format(width=100 + k, n=k).encode()
        sha = hashlib.sha256(svg).hexdigest()
        path = folder / f"item-{k}.svg"
        path.write_bytes(svg)
        catalog.files[sha] = path
        catalog.entries.append(
            CatalogEntry(
                id=f"item-{k}",
                title={"en": title_en, "ar": title_ar},
                tags={"en": tags_en, "ar": tags_ar},
                category=("errors", "empty", "success")[k % 3],
                style=("light", "dark")[k % 2],
                accent="#e5325d",
                sha256=sha,
                bytes=len(svg),
                width=100 + k,
                height=80,
                license="MIT",
                updated_at="2026-01-01T00:00:00Z",
            )
        )
    return catalog


# Passwords hash in about a millisecond instead of argon2-cffi's ~50 ms defaults.
CHEAP_HASHING: dict[str, Any] = {"argon2_time_cost": 1, "argon2_memory_cost_kib": 64}


def register_account(url: str, name: str, email: str, password: str) -> None:
    """Create an account on the server at `url` the way the app's sign-up does (policy 1, en)."""
    body = {"name": name, "email": email, "password": password}
    requests.post(
        f"{url}/v1/accounts",
        json={**body, "accepted_policy_version": 1, "locale": "en"},
        timeout=10,
    ).raise_for_status()


def start_test_server(
    catalog: Catalog,
    data_dir: Path | None = None,
    *,
    clock: Callable[[], float] = time.time,
    middleware: Callable[[Any], Any] | None = None,
    **settings: Any,
) -> ServerThread:
    """A started server over `catalog` on 127.0.0.1 with a free port; stop() it when done.

    Without `data_dir` the database is a throwaway. `settings` override ServerSettings fields
    (cheap password hashing unless given); `clock` is the server's clock; `middleware(app)`
    wraps the app (e.g. tests.held_requests.HeldRequests)."""
    options = {**CHEAP_HASHING, **settings}
    if ENGINE == "postgresql":
        options.setdefault("db_url", database_url(data_dir))
    app = create_app(ServerSettings(data_dir=data_dir, **options), catalog=catalog, clock=clock)
    return ServerThread(middleware(app) if middleware else app).start()


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    return build_catalog(tmp_path / "catalog")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A module that sets `ON_EVERY_FILE_STORE = True` runs its server tests on every store."""
    if getattr(metafunc.module, "ON_EVERY_FILE_STORE", False) and (
        "file_store" in metafunc.fixturenames
    ):
        metafunc.parametrize("file_store", FILE_STORE_KINDS, indirect=True)


@pytest.fixture
def file_store(request: pytest.FixtureRequest, tmp_path: Path, s3_endpoint: str) -> dict[str, Any]:
    """Where the test servers keep files: the catalog's own files unless a test module
    sets ON_EVERY_FILE_STORE — the ServerSettings fields for it."""
    kind = getattr(request, "param", "catalog")
    return file_store_settings(kind, tmp_path / "files", s3_endpoint)


@pytest.fixture
def server_url(catalog: Catalog, tmp_path: Path, file_store: dict[str, Any]) -> Iterator[str]:
    # HTTP mechanics of files and the catalog; the download gate has its own tests.
    server = start_test_server(
        catalog, tmp_path / "server-data", require_account_for_downloads=False, **file_store
    )
    try:
        yield server.url
    finally:
        server.stop()


class FakeClock:
    """The server's clock in auth tests: moved forward instead of sleeping."""

    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


PASSWORD = "lantern-orchard-57-quietly"
EMAIL = "lina@example.org"


@dataclass
class AuthServer:
    """A running server with accounts, its fake clock and its data folder."""

    url: str
    clock: FakeClock
    data_dir: Path

    def register(self, **fields: Any) -> requests.Response:
        body = {
            "name": "Lina Haddad",
            "email": EMAIL,
            "password": PASSWORD,
            "accepted_policy_version": 1,
            "locale": "ar",
            **fields,
        }
        return requests.post(f"{self.url}/v1/accounts", json=body, timeout=10)

    def token(self, **form: str) -> requests.Response:
        return requests.post(f"{self.url}/v1/auth/token", data=form, timeout=10)

    def sign_in(self, email: str = EMAIL, password: str = PASSWORD) -> requests.Response:
        return self.token(grant_type="password", username=email, password=password)

    def tokens(self) -> dict[str, Any]:
        """Register (if needed) and sign in; the token response."""
        self.register()
        response = self.sign_in()
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def me(self, access_token: str | None) -> requests.Response:
        headers = {"Authorization": f"Bearer {access_token}"} if access_token else {}
        return requests.get(f"{self.url}/v1/me", headers=headers, timeout=10)


@pytest.fixture
def auth_server(
    catalog: Catalog, tmp_path: Path, file_store: dict[str, Any]
) -> Iterator[AuthServer]:
    """Accounts on a file database (so tests can read its bytes), a fake clock, the gate on."""
    clock = FakeClock()
    data_dir = tmp_path / "auth-data"
    server = start_test_server(catalog, data_dir, clock=clock, **file_store)
    try:
        yield AuthServer(server.url, clock, data_dir)
    finally:
        server.stop()


def assert_invalid_token(response: requests.Response) -> None:
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_token"
    assert response.headers["WWW-Authenticate"] == 'Bearer error="invalid_token"'
