"""`weshape-server` / `python -m weshape_desktop.server` (DESIGN §13).

Once listening it prints exactly one line to stdout, `weShape server listening on URL`, and
nothing else there (logs go to stderr): the desktop app's `--demo` reads that line to find a
server started on port 0.

The server speaks plain HTTP, so it listens on loopback only unless `--public` is given (for a
deployment behind a TLS-terminating proxy); the app refuses plain HTTP to other hosts anyway.
`X-Forwarded-For` is believed only from the proxies `--forwarded-allow-ips` names.

`weshape-server publish-policy ...` is the admin command that adds a privacy policy version to
the database the server uses (same `--data` / `--db`); running servers serve it at once.
"""

from __future__ import annotations

import argparse
import copy
import datetime
import ipaddress
import os
import sys
from pathlib import Path

import platformdirs
import uvicorn

from weshape_desktop import __version__
from weshape_desktop.core.demo_account import DEMO_EMAIL, DEMO_NAME, DEMO_PASSWORD
from weshape_desktop.server.app import SETTINGS_ENV, create_app
from weshape_desktop.server.auth_api import Auth
from weshape_desktop.server.catalog_source import CatalogError
from weshape_desktop.server.db import make_engine, migrate
from weshape_desktop.server.policy import (
    PolicyDocument,
    PolicyStore,
    PolicyVersionError,
    load_policy,
)
from weshape_desktop.server.runner import ReadyServer, ReadyWorkers, uvicorn_config
from weshape_desktop.server.settings import LOOPBACK_HOSTS, ServerSettings

READY_PREFIX = "weShape server listening on "
DEFAULT_PORT = 8765
# `--demo` makes sure the demo account exists (core.demo_account; README: "The reference server
# alone").
WORKER_APP = "weshape_desktop.server.app:create_app_from_environment"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="weshape-server", description="The weShape reference API server (API v1)."
    )
    parser.add_argument(
        "--demo", action="store_true", help="serve the bundled sample catalog on 127.0.0.1"
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help="port; 0 picks a free one (printed)"
    )
    parser.add_argument(
        "--public",
        action="store_true",
        help="allow a non-loopback --host (put a TLS-terminating proxy in front)",
    )
    parser.add_argument(
        "--forwarded-allow-ips",
        metavar="ADDRS",
        help="behind a proxy: the proxy's addresses (comma-separated), whose X-Forwarded-For "
        "and X-Forwarded-Proto are then believed; without it they are ignored",
    )
    parser.add_argument(
        "--synthetic", type=int, default=0, metavar="N", help="scale the catalog up to N items"
    )
    parser.add_argument(
        "--catalog",
        type=Path,
        metavar="DIR",
        help="a folder of illustrations (manifest.json or plain SVG files); default: the sample",
    )
    add_database_arguments(parser)
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="serve with N processes sharing only the database and the files (use --db "
        "postgresql+psycopg://… for more than a few)",
    )
    parser.add_argument(
        "--files",
        metavar="DIR|s3://BUCKET/PREFIX",
        help="keep and serve the catalog's files in a folder or an S3 bucket (credentials and "
        "region from the standard AWS_* variables); default: read them from the catalog",
    )
    parser.add_argument(
        "--s3-endpoint", metavar="URL", help="an S3-compatible server's URL instead of AWS's"
    )
    parser.add_argument(
        "--no-download-gate",
        action="store_true",
        help="serve full files without sign-in (previews are always public)",
    )
    parser.add_argument(
        "--log-level", default="warning", choices=["debug", "info", "warning", "error"]
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def add_database_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        type=Path,
        metavar="DIR",
        help="database and cache folder (default: the user data folder for weshape-server)",
    )
    parser.add_argument("--db", metavar="URL", help="SQLAlchemy database URL (e.g. PostgreSQL)")


def build_publish_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="weshape-server publish-policy",
        description="Add a privacy policy version; the highest version is the one served.",
    )
    parser.add_argument("--version", type=int, required=True, metavar="N", help="its number")
    parser.add_argument(
        "--significant",
        action="store_true",
        help="a significant change: the app asks everyone to acknowledge it",
    )
    parser.add_argument(
        "--published",
        type=datetime.date.fromisoformat,
        default=datetime.date.today(),
        metavar="YYYY-MM-DD",
        help="publication date (default: today)",
    )
    for lang, name in (("ar", "Arabic"), ("en", "English")):
        parser.add_argument(
            f"--text-{lang}", type=Path, required=True, metavar="FILE", help=f"the {name} text"
        )
    add_database_arguments(parser)
    return parser


def data_dir_from_args(args: argparse.Namespace) -> Path:
    data_dir: Path = args.data or platformdirs.user_data_path("weshape-server", appauthor=False)
    return data_dir.expanduser().resolve()


def publish_policy(argv: list[str]) -> int:
    """`weshape-server publish-policy`: store a new policy version in the server database."""
    parser = build_publish_parser()
    args = parser.parse_args(argv)
    try:
        texts = {
            lang: getattr(args, f"text_{lang}").read_text(encoding="utf-8") for lang in ("ar", "en")
        }
        data_dir = data_dir_from_args(args)
        settings = ServerSettings(data_dir=data_dir, db_url=args.db)
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)  # as the server does
        engine = make_engine(settings.database_url())
        try:
            migrate(engine)
            store = PolicyStore(engine)
            store.seed(load_policy())
            store.publish(
                PolicyDocument(args.version, args.published.isoformat(), args.significant, texts)
            )
        finally:
            engine.dispose()
    except (OSError, UnicodeDecodeError, PolicyVersionError) as exc:
        print(f"weshape-server publish-policy: {exc}", file=sys.stderr)
        return 2
    kind = "significant" if args.significant else "minor"
    print(f"published privacy policy version {args.version} ({kind}, {args.published})")
    return 0


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def settings_from_args(args: argparse.Namespace, parser: argparse.ArgumentParser) -> ServerSettings:
    if args.demo and args.catalog is not None:
        parser.error("--demo serves the bundled sample catalog; leave out --catalog")
    if args.demo and not is_loopback(args.host):
        parser.error("--demo listens on 127.0.0.1 only")
    if not is_loopback(args.host) and not args.public:
        parser.error(
            f"--host {args.host} is not a loopback address; this server speaks plain HTTP, so "
            "add --public only when a TLS-terminating proxy is in front of it"
        )
    if not 0 <= args.port <= 65535:
        parser.error("--port must be between 0 and 65535")
    if args.synthetic < 0:
        parser.error("--synthetic must be 0 or more")
    if args.workers < 1:
        parser.error("--workers must be 1 or more")
    return ServerSettings(
        catalog_dir=args.catalog,
        synthetic=args.synthetic,
        data_dir=data_dir_from_args(args),
        db_url=args.db,
        files=args.files,
        s3_endpoint=args.s3_endpoint,
        require_account_for_downloads=not args.no_download_gate,
    )


def stderr_log_config() -> dict[str, object]:
    """uvicorn's logging, with the access log moved off stdout (stdout carries the ready line)."""
    config = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    config["handlers"]["access"]["stream"] = "ext://sys.stderr"
    return config


def ensure_demo_account(auth: Auth) -> None:
    auth.accounts.ensure(
        name=DEMO_NAME,
        email=DEMO_EMAIL,
        password=DEMO_PASSWORD,
        locale="en",
        accepted_policy_version=1,
    )


def announce(url: str) -> None:
    print(f"{READY_PREFIX}{url}", flush=True)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["publish-policy"]:
        return publish_policy(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    settings = settings_from_args(args, parser)
    try:
        app = create_app(settings)
        if args.demo:
            ensure_demo_account(app.state.auth)
    except (CatalogError, OSError) as exc:
        print(f"weshape-server: {exc}", file=sys.stderr)
        return 2
    config = uvicorn_config(
        app if args.workers == 1 else WORKER_APP,
        "127.0.0.1" if args.demo else args.host,
        args.port,
        forwarded_allow_ips=args.forwarded_allow_ips,
        log_level=args.log_level,
        log_config=stderr_log_config(),
        workers=args.workers,
        factory=args.workers > 1,
    )
    if args.workers == 1:
        server: ReadyServer | ReadyWorkers = ReadyServer(config, announce)
        server.run()
        return 0 if server.started else 1
    # This process has migrated and imported; the workers build their own apps from the same
    # settings (the rate-limit key included, so their limits count alike).
    app.state.engine.dispose()
    os.environ[SETTINGS_ENV] = settings.to_json()
    server = ReadyWorkers(config, announce)
    server.run()
    return 0 if server.started else 1


if __name__ == "__main__":
    sys.exit(main())
