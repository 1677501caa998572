"""Edit → Preferences in the window: every section applies and persists its settings, the server
address is checked like everywhere else, the library moves safely, keyboard order and names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from tests.conftest import LiveCatalog
from tests.server.conftest import EMAIL, PASSWORD
from tests.tmpfs import tmpfs
from weshape_desktop.core.config import Settings
from weshape_desktop.core.library import library_files
from weshape_desktop.core.paths import AppPaths
from weshape_desktop.ui.app import Windows, greet
from weshape_desktop.ui.settings import app_analytics
from weshape_desktop.ui.single_instance import SingleInstance

TIMEOUT = 20_000


def saved(window) -> Settings:
    return Settings.load(window.paths.settings_file)


def test_ctrl_comma_opens_the_preferences_once(make_window, qtbot) -> None:
    window = make_window()
    assert window.preferences_action.shortcut() == QKeySequence("Ctrl+,")
    assert window.preferences_action in window.edit_menu.actions()
    window.preferences_action.trigger()
    dialog = window._settings_dialog
    assert dialog is not None and dialog.isVisible()
    window.preferences_action.trigger()
    assert window._settings_dialog is dialog
    assert [dialog.sections.item(row).text() for row in range(dialog.sections.count())] == [
        "General", "Library", "Downloads", "Account & sync", "Privacy", "Advanced",
    ]  # fmt: skip


def test_language_applies_at_once_and_theme_persists(make_window, qtbot, qapp) -> None:
    window = make_window()
    general = window.show_settings().general
    general.language_combo.setCurrentIndex(general.language_combo.findData("ar"))
    general.language_combo.activated.emit(general.language_combo.currentIndex())
    assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    qtbot.waitUntil(lambda: general.title() == "عام")
    general.theme_combo.setCurrentIndex(general.theme_combo.findData("dark"))
    general.theme_combo.activated.emit(general.theme_combo.currentIndex())
    assert qapp.palette().window().color().lightness() < 60
    assert (saved(window).language, saved(window).theme) == ("ar", "dark")
    general.theme_combo.setCurrentIndex(general.theme_combo.findData("system"))
    general.theme_combo.activated.emit(general.theme_combo.currentIndex())
    assert qapp.palette().window().color().lightness() > 180
    window.set_language("en")


def test_download_settings_persist_and_share_the_export_png_size(make_window) -> None:
    window = make_window()
    downloads = window.show_settings("downloads").downloads
    downloads.parallel_spin.setValue(2)
    downloads.format_combo.setCurrentIndex(downloads.format_combo.findData("png"))
    downloads.format_combo.activated.emit(1)
    downloads.png_spin.setValue(512)
    assert (saved(window).parallel_downloads, saved(window).download_format) == (2, "png")
    assert window.catalog_tab.download_buttons.png_size == 512
    from weshape_desktop.ui.export import remembered_png_size

    assert remembered_png_size(window._window_state) == 512  # what the export dialog opens with


def test_unknown_keys_survive_a_change_in_the_preferences(make_window, weshape_home) -> None:
    window = make_window()
    window.paths.settings_file.write_text(json.dumps({"from_tomorrow": [1, 2]}))
    window.settings = Settings.load(window.paths.settings_file)
    window.show_settings("account").account.sync_box.setChecked(False)
    data = json.loads(window.paths.settings_file.read_text())
    assert data["from_tomorrow"] == [1, 2] and data["sync_enabled"] is False


def test_a_damaged_settings_file_warns_and_starts_with_defaults(make_window, qtbot) -> None:
    window = make_window()
    window.paths.settings_file.write_text('{"language": "ar", "theme": ')
    settings, problem = Settings.read(window.paths.settings_file)
    assert settings == Settings()
    greet(window, window.analytics, problem)
    boxes = [w for w in window.findChildren(QMessageBox) if w.isVisible()]
    assert len(boxes) == 1 and "could not be read" in boxes[0].text()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("http://weshape.example", "is not secure"),
        ("https://user:pw@weshape.example", "can't be used"),
        ("https://weshape.example/?q=1", "can't be used"),
    ],
)
def test_a_bad_server_address_is_explained_and_not_saved(
    make_window, typed: str, message: str
) -> None:
    window = make_window()
    advanced = window.show_settings("advanced").advanced
    advanced.url_edit.setText(typed)
    advanced.apply_button.click()
    assert message in advanced.result_label.text()
    assert saved(window).server_url == ""


def test_a_good_server_address_is_used_and_tested(
    make_window, live: LiveCatalog, refused_url: str, qtbot
) -> None:
    window = make_window()
    advanced = window.show_settings("advanced").advanced
    advanced.url_edit.setText(live.url + "/")
    advanced.test_button.click()
    qtbot.waitUntil(lambda: advanced.result_label.text() == "The server answers.", timeout=TIMEOUT)
    advanced.apply_button.click()
    assert saved(window).server_url == live.url
    assert window.server_url == live.url
    qtbot.waitUntil(lambda: window.catalog.model.rowCount() > 0, timeout=TIMEOUT)
    advanced.url_edit.setText(refused_url)
    advanced.test_button.click()
    qtbot.waitUntil(lambda: "Can't reach" in advanced.result_label.text(), timeout=TIMEOUT)


def test_clear_cache_shows_and_frees_the_space(make_window, qtbot) -> None:
    window = make_window()
    cache = window.paths.preview_cache_dir / "256" / "ab"
    cache.mkdir(parents=True)
    (cache / "ab.png").write_bytes(b"x" * 150_000)
    library = window.show_settings("library").library
    qtbot.waitUntil(lambda: library.cache_bytes == 150_000)
    assert library.cache_label.text() == "150.0 kB"
    library.clear_button.click()
    qtbot.waitUntil(lambda: library.cache_bytes == 0)
    assert not library.clear_button.isEnabled()


def library_with_files(window, qtbot) -> dict[Path, bytes]:
    qtbot.waitUntil(lambda: window.library.check is not None, timeout=TIMEOUT)
    files = {}
    for n in range(4):
        rel = Path("people") / f"person-{n}.svg"
        (window.library_dir / rel).parent.mkdir(parents=True, exist_ok=True)
        data = b"<svg xmlns='http://www.w3.org/2000/svg'/>" + bytes(30_000 + n)
        (window.library_dir / rel).write_bytes(data)
        files[rel] = data
    return files


def test_moving_the_library_switches_only_after_the_copy_is_checked(
    make_window, qtbot, tmp_path: Path
) -> None:
    window = make_window()
    files = library_with_files(window, qtbot)
    old, target = window.library_dir, tmp_path / "Pictures" / "weShape"
    with qtbot.waitSignal(window.reopen_requested, timeout=TIMEOUT):
        window.move_library(target)
    assert saved(window).library_dir == str(target)
    assert {rel: (target / rel).read_bytes() for rel in library_files(target)} == files
    assert library_files(old) == []


def test_a_move_failing_halfway_keeps_the_library_and_the_setting(
    make_window, qtbot, tmp_path: Path
) -> None:
    window = make_window()
    files = library_with_files(window, qtbot)
    old = window.library_dir
    with tmpfs(tmp_path / "small", "size=64k") as small:
        with qtbot.waitSignal(window.reopen_requested, timeout=TIMEOUT):
            window.move_library(small / "weShape")
        assert list(small.iterdir()) == []
    boxes = [w for w in window.findChildren(QMessageBox) if w.isVisible()]
    assert "still in its old folder" in boxes[0].text()
    assert saved(window).library_dir == ""
    assert {rel: (old / rel).read_bytes() for rel in library_files(old)} == files


def focus_chain(dialog: QWidget) -> list[QWidget]:
    """The widgets Tab visits, in order, from the section list (Qt's focus chain, keeping the
    visible, enabled widgets that take Tab focus, as QWidget.focusNextChild does)."""
    chain, widget = [], dialog.sections
    while True:
        if (
            widget.isVisibleTo(dialog)
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is dialog.sections:
            return chain


def test_keyboard_order_and_names_on_every_section(make_window, qtbot) -> None:
    window = make_window()
    dialog = window.show_settings()
    expected = {
        "general": ["language_combo", "theme_combo"],
        "library": ["move_button", "clear_button"],
        "downloads": ["parallel_spin", "format_combo", "png_spin"],
        "advanced": ["url_edit", "apply_button", "test_button"],
        "account": ["sync_box"],  # signed out: the account buttons are disabled
        "privacy": ["show_sent_button", "policy_button"],  # the switch: off, not configured
    }
    for section, names in expected.items():
        dialog.show_section(section)
        page = dialog.stack.currentWidget()
        library_cache = section == "library"
        if library_cache:
            qtbot.waitUntil(lambda page=page: page.cache_bytes is not None)
            page.clear_button.setEnabled(True)
        chain = focus_chain(dialog)
        fields = [getattr(page, name) for name in names]
        assert [w for w in chain if w in fields] == fields, section
        assert chain.index(fields[-1]) < chain.index(dialog.buttons.buttons()[0]), section
        for field in fields:
            assert field.accessibleName() or field.text(), (section, field)


def test_the_account_section_follows_the_account_and_acts_like_its_menu(
    make_window, qtbot, server_url
) -> None:
    window = make_window()
    window.connect_server(server_url)
    account = window.show_settings("account").account
    assert not account.sign_out_button.isEnabled()
    qtbot.waitUntil(lambda: window.accounts.session is not None, timeout=TIMEOUT)
    window.accounts.sign_in(EMAIL, PASSWORD, lambda _account: None, pytest.fail)
    qtbot.waitUntil(lambda: window.sync.syncs >= 1, timeout=TIMEOUT)
    assert account.who_label.text() == f"Signed in as Lina ({EMAIL})"
    assert account.last_sync_label.text() != "Never"
    account.export_button.click()
    assert window.account_data.file_dialog is not None
    window.account_data.file_dialog.reject()
    account.delete_button.click()
    assert window.account_data.delete_dialog.isVisible()
    window.account_data.delete_dialog.reject()
    account.sync_box.setChecked(False)  # sync off: the controller lets the library go
    qtbot.waitUntil(lambda: window.sync.state.value == "off")
    assert window.tasks.wait_idle()
    QApplication.processEvents()  # what the finished tasks report back
    assert window.sync.state.value == "off"  # and stays off
    account.sign_out_button.click()
    boxes = [w for w in window.findChildren(QMessageBox) if w.isVisible()]
    assert [b.windowTitle() for b in boxes] == ["Sign out"]


def test_the_app_reopens_its_window_on_the_moved_library(qtbot, translations, tmp_path) -> None:
    paths = AppPaths.resolve().ensure()
    analytics = app_analytics(paths.config_dir, {})
    instance = SingleInstance(paths.data_dir)
    windows = Windows(paths, translations, analytics, instance)
    old = windows.open(Settings())
    qtbot.waitUntil(lambda: old.library.check is not None, timeout=TIMEOUT)
    moved = tmp_path / "moved"
    Settings(library_dir=str(moved)).save(paths.settings_file)
    old.reopen_requested.emit()
    new = windows.current
    assert new is not old and new.isVisible() and not old.isVisible()
    assert new.library_dir == moved
    qtbot.waitUntil(lambda: new.library.check is not None, timeout=TIMEOUT)
    new.close()
    new.shutdown()
    analytics.close()
    instance.deleteLater()
