"""The shipped app (issue 15): `build.spec` builds a bundle that starts, headless, without the
source tree; `make install` puts it and its desktop integration in place and `make uninstall`
takes exactly that away again. The bundle is built once per run (a minute or two)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.scripted_http import refused_url

pytestmark = [pytest.mark.dist, pytest.mark.timeout(900)]
ROOT = Path(__file__).resolve().parents[2]
APP_ID = "com.weshape.Desktop"


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`make dist`'s build into a temporary folder (the .qm files are compiled before tests)."""
    out = tmp_path_factory.mktemp("dist")
    assert list((ROOT / "i18n").glob("*.qm")), "compile the translations first (make does)"
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    built = subprocess.run(
        [*command, "--distpath", out / "dist", "--workpath", out / "build", "build.spec"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    return out / "dist" / "weshape-desktop"


def run_bundle(
    executable: Path, home: Path, *args: str, platform: str = "offscreen"
) -> subprocess.CompletedProcess[str]:
    """Start the built app as a user would: another folder, no PYTHONPATH to the sources."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(WESHAPE_HOME=str(home), QT_QPA_PLATFORM=platform)
    home.mkdir(parents=True, exist_ok=True)
    return subprocess.run(
        [str(executable), *args],
        cwd=home,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
    )


def assert_clean_log(home: Path) -> None:
    """Nothing the bundle lacks: every translation found, no traceback, no crash report."""
    log = (home / "logs" / "weshape.log").read_text("utf-8")
    assert "not found" not in log and "Traceback" not in log, log
    assert not list((home / "logs").glob("crash-*.txt"))


def colours(image: QImage) -> int:
    step = 7
    return len(
        {image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, 600, step)}
    )


@pytest.mark.parametrize(
    ("lang", "view", "platform", "min_colours"),
    # a grid of painted illustrations has many colours; the empty library text on a plain
    # background a few dozen (anti-aliasing), a blank window one or two
    [("en", "catalog", "offscreen", 200), ("ar", "catalog", "offscreen", 200),
     ("en", "library", "offscreen", 10), ("ar", "library", "xcb", 10)],
)  # fmt: skip
def test_the_bundle_runs_the_demo_headless(
    bundle: Path, tmp_path: Path, qapp, lang: str, view: str, platform: str, min_colours: int
) -> None:
    if platform == "xcb" and not os.environ.get("DISPLAY"):
        pytest.skip("the X11 platform needs an X server (make test runs under xvfb-run)")
    out = tmp_path / f"{view}-{lang}.png"
    home = tmp_path / "home"
    result = run_bundle(
        bundle / "weshape-desktop", home, "--demo", "--lang", lang, "--show", view,
        "--screenshot", str(out), platform=platform,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert image.width() >= 800 and image.height() >= 600
    assert colours(image) > min_colours
    assert_clean_log(home)


def test_a_bad_server_takes_the_offline_path_in_the_bundle(
    bundle: Path, tmp_path: Path, qapp
) -> None:
    out = tmp_path / "library.png"
    home = tmp_path / "home"
    result = run_bundle(
        bundle / "weshape-desktop", home, "--server", refused_url(), "--lang", "ar",
        "--show", "library", "--screenshot", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert colours(QImage(str(out))) > 10
    assert "policy check offline" in (home / "logs" / "weshape.log").read_text("utf-8")
    assert_clean_log(home)


def test_the_bundle_carries_the_secret_service_keyring(bundle: Path) -> None:
    """keyring finds backends by entry point, and Secret Service imports its helpers lazily:
    both are easy for a bundle to lose."""
    listing = subprocess.run(
        [sys.executable, "-m", "PyInstaller.utils.cliutils.archive_viewer", "-r", "-b",
         str(bundle / "weshape-desktop")],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    for module in ("keyring.backends.SecretService", "secretstorage", "jeepney.io.blocking"):
        assert module in listing.split(), module
    entry_points = list((bundle / "_internal").glob("keyring-*.dist-info/entry_points.txt"))
    assert entry_points and "SecretService" in entry_points[0].read_text()


def installed_files(prefix: Path) -> set[str]:
    return {str(p.relative_to(prefix)) for p in prefix.rglob("*") if not p.is_dir()}


def test_install_puts_the_app_in_place_and_uninstall_removes_exactly_that(
    bundle: Path, tmp_path: Path, qapp
) -> None:
    prefix = tmp_path / "prefix"
    other = prefix / "share" / "applications" / "someone-else.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\n")
    make = ["make", "--no-print-directory", "-C", str(ROOT), f"PREFIX={prefix}",
            f"DIST_DIR={bundle.parent}"]  # fmt: skip
    subprocess.run([*make, "install"], check=True, capture_output=True)

    share = prefix / "share"
    sizes = ("48x48", "128x128", "256x256")
    assert installed_files(prefix) >= {
        "bin/weshape-desktop",
        "lib/weshape-desktop/weshape-desktop",
        "share/applications/weshape-desktop.desktop",
        f"share/metainfo/{APP_ID}.metainfo.xml",
        "share/icons/hicolor/scalable/apps/weshape-desktop.svg",
        *(f"share/icons/hicolor/{size}/apps/weshape-desktop.png" for size in sizes),
    }
    for size in sizes:
        icon = QImage(str(share / "icons" / "hicolor" / size / "apps" / "weshape-desktop.png"))
        assert f"{icon.width()}x{icon.height()}" == size
    desktop = share / "applications" / "weshape-desktop.desktop"
    subprocess.run(["desktop-file-validate", str(desktop)], check=True)
    metainfo = share / "metainfo" / f"{APP_ID}.metainfo.xml"
    subprocess.run(["appstreamcli", "validate", "--no-net", str(metainfo)], check=True)
    launcher = run_bundle(prefix / "bin" / "weshape-desktop", tmp_path / "home", "--version")
    assert launcher.stdout.strip() == "weshape-desktop 0.1.0", launcher.stderr

    subprocess.run([*make, "uninstall"], check=True, capture_output=True)
    left = {str(p.relative_to(prefix)) for p in prefix.rglob("*")}
    assert left == {"share", "share/applications", "share/applications/someone-else.desktop"}
