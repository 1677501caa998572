"""Paths, settings and the language/server choice."""

from __future__ import annotations

import json
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from tests.tmpfs import tmpfs
from weshape_desktop.core.config import Settings, choose_language, choose_server
from weshape_desktop.core.paths import AppPaths


def test_weshape_home_puts_everything_under_one_private_folder(weshape_home: Path) -> None:
    paths = AppPaths.resolve().ensure()
    for folder in (paths.config_dir, paths.data_dir, paths.cache_dir, paths.log_dir):
        assert folder.is_relative_to(weshape_home.resolve())
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_library_folder_is_the_users_choice_or_inside_the_data_folder(weshape_home: Path) -> None:
    paths = AppPaths.resolve()
    assert paths.library_dir("") == paths.default_library_dir
    assert paths.default_library_dir.is_relative_to(paths.data_dir)
    assert paths.library_dir("~/Pictures/weShape") == Path.home() / "Pictures" / "weShape"
    assert paths.library_db.parent == paths.data_dir


def test_platform_dirs_without_weshape_home() -> None:
    paths = AppPaths.resolve(env={})
    assert "weshape-desktop" in str(paths.config_dir)


def test_settings_round_trip_and_bad_files(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    assert Settings.load(path) == Settings()
    Settings(language="ar", server_url="https://x.example").save(path)
    assert Settings.load(path) == Settings(language="ar", server_url="https://x.example")
    for garbage in ("{not json", "[1]", '{"language": "klingon"}'):
        path.write_text(garbage)
        assert Settings.load(path).language == ""
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]  # no temp files left


def test_a_failed_save_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "config", "size=8k") as folder:
        settings_file = folder / "settings.json"
        Settings(language="ar").save(settings_file)
        with pytest.raises(OSError):
            Settings(server_url="https://" + "x" * 64_000).save(settings_file)  # the disk is full
        assert [p.name for p in folder.iterdir()] == ["settings.json"]
        assert Settings.load(settings_file) == Settings(language="ar")


def test_choose_language() -> None:
    assert choose_language("ar", "en", "en_US") == "ar"
    assert choose_language(None, "ar", "en_US") == "ar"
    assert choose_language(None, "", "ar_EG") == "ar"
    assert choose_language(None, "", "de_DE") == "en"


def test_choose_server() -> None:
    env = {"WESHAPE_SERVER": "https://env.example/"}
    assert choose_server("https://cli.example", env, "https://saved") == "https://cli.example"
    assert choose_server(None, env, "https://saved") == "https://env.example"
    assert choose_server(None, {}, "https://saved/") == "https://saved"


def test_every_setting_round_trips_and_unknown_keys_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"language": "ar", "from_a_newer_version": {"x": 1}, "extra": 2}))
    settings, problem = Settings.read(path)
    assert problem is None
    changed = replace(
        settings,
        theme="dark",
        library_dir="/media/art",
        parallel_downloads=2,
        download_format="png",
        sync_enabled=False,
    )
    changed.save(path)
    assert Settings.read(path) == (changed, None)
    kept = json.loads(path.read_text())
    assert (kept["from_a_newer_version"], kept["extra"]) == ({"x": 1}, 2)


@pytest.mark.parametrize(
    "text",
    [
        "{not json",
        "[1]",
        '{"language": "klingon"}',
        '{"parallel_downloads": 0}',
        '{"parallel_downloads": true}',
        '{"theme": "neon"}',
        '{"sync_enabled": "yes"}',
        '{"download_format": 7}',
    ],
)
def test_a_damaged_or_hand_edited_file_gives_defaults_and_says_so(
    tmp_path: Path, text: str
) -> None:
    path = tmp_path / "settings.json"
    path.write_text(text)
    settings, problem = Settings.read(path)
    assert settings == Settings()
    assert problem is not None and "could not be read" in problem


def test_a_good_value_survives_a_bad_neighbour(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"language": "ar", "parallel_downloads": "many"}')
    settings, problem = Settings.read(path)
    assert (settings.language, settings.parallel_downloads, problem is not None) == ("ar", 4, True)
