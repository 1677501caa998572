"""ExportDialog over real sample files: recolour with a live preview, copy, save, errors."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtWidgets import QFileDialog

from tests.sample_entries import entry
from tests.tmpfs import tmpfs
from weshape_desktop.core.library import LibraryEntry
from weshape_desktop.core.svg import count_colour
from weshape_desktop.ui.export import SVG_MIME, ExportDialog
from weshape_desktop.ui.previews import DEFAULT_PNG_SIZE
from weshape_desktop.ui.tasks import TaskRunner

NEW = "#00aa11"
WAIT_MS = 10_000


def has_colour(image: QImage, colour: str) -> bool:
    """Whether some pixel of `image` is exactly `colour` (opaque)."""
    argb = image.convertToFormat(QImage.Format.Format_ARGB32)
    data = bytes(argb.constBits())
    pattern = int(QColor(colour).rgba()).to_bytes(4, "little")
    index = data.find(pattern)
    while index != -1 and index % 4:
        index = data.find(pattern, index + 1)
    return index != -1


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return tmp_path / "library"


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def open_dialog(
    qtbot, tasks: TaskRunner, library: Path, settings: QSettings
) -> Iterator[Callable[..., ExportDialog]]:
    def make(e: LibraryEntry, lang: str = "en") -> ExportDialog:
        dialog = ExportDialog(e, library, lang, tasks=tasks, settings=settings)
        qtbot.addWidget(dialog)
        return dialog

    yield make
    assert tasks.wait_idle()


def preview(dialog: ExportDialog) -> QImage:
    return dialog.preview_label.pixmap().toImage()


def test_opens_with_the_illustration_and_its_accent(open_dialog, library: Path) -> None:
    e = entry(library)
    dialog = open_dialog(e)
    assert dialog.pages.currentIndex() == 0
    assert dialog.colour() == e.item.accent
    assert has_colour(preview(dialog), e.item.accent)
    assert not dialog.accent_picker.reset_button.isEnabled()
    assert dialog.error_text() == ""


def test_preview_follows_the_colour_dialog_live(qtbot, open_dialog, library: Path) -> None:
    e = entry(library)
    dialog = open_dialog(e)
    picker = dialog.accent_picker
    picker.colour_button.click()
    assert picker.colour_dialog is not None and picker.colour_dialog.isVisible()
    picker.colour_dialog.setCurrentColor(QColor(NEW))  # as while dragging in the picker
    qtbot.waitUntil(lambda: has_colour(preview(dialog), NEW))
    assert not has_colour(preview(dialog), e.item.accent)
    assert dialog.colour() == e.item.accent, "not committed until the picker is accepted"

    picker.colour_dialog.reject()
    qtbot.waitUntil(lambda: has_colour(preview(dialog), e.item.accent))

    picker.pick()
    picker.colour_dialog.setCurrentColor(QColor(NEW))
    picker.colour_dialog.accept()
    assert dialog.colour() == NEW and picker.reset_button.isEnabled()
    assert count_colour(dialog.current_svg(), e.item.accent) == 0

    picker.reset_button.click()
    assert dialog.colour() == e.item.accent and not picker.reset_button.isEnabled()
    qtbot.waitUntil(lambda: has_colour(preview(dialog), e.item.accent))
    assert dialog.current_svg() == (library / str(e.path)).read_bytes()


def test_save_png_at_the_chosen_size_recoloured(
    qtbot, open_dialog, library: Path, tmp_path: Path
) -> None:
    e = entry(library)
    dialog = open_dialog(e)
    dialog.set_colour(NEW)
    dialog.size_spin.setValue(300)
    target = tmp_path / "out" / "a.png"
    target.parent.mkdir()
    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS) as saved:
        dialog.save_png_to(target)
    assert saved.args == ["png", str(target)]
    image = QImage(str(target))
    assert (image.width(), image.height()) == (300, 300)
    assert has_colour(image, NEW) and not has_colour(image, e.item.accent)
    assert "a.png" in dialog.status_label.text()


def test_save_svg_recoloured(qtbot, open_dialog, library: Path, tmp_path: Path) -> None:
    e = entry(library)
    dialog = open_dialog(e)
    dialog.set_colour("#0A1")
    target = tmp_path / "a.svg"
    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS):
        dialog.save_svg_to(target)
    saved = target.read_bytes()
    original = (library / str(e.path)).read_bytes()
    assert count_colour(saved, NEW) == count_colour(original, e.item.accent) > 0
    assert count_colour(saved, e.item.accent) == 0


def test_keyboard_copy_save_and_escape(
    qtbot, open_dialog, library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    e = entry(library)
    dialog = open_dialog(e)
    with qtbot.waitActive(dialog):  # window shortcuts need an active window
        dialog.show()
        dialog.activateWindow()
    dialog.size_spin.setFocus()  # Ctrl+C copies the SVG even from the size box
    dialog.size_spin.selectAll()

    with qtbot.waitSignal(dialog.copied, timeout=WAIT_MS) as copied:
        qtbot.keyClick(dialog.size_spin, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert copied.args == ["svg"]
    pasted = QGuiApplication.clipboard().mimeData()
    assert pasted.data(SVG_MIME).data() == dialog.current_svg()
    assert pasted.text() == dialog.current_svg().decode()

    asked: list[str] = []
    target = tmp_path / "picked.png"

    def fake_exec(file_dialog: QFileDialog) -> int:
        asked.append(file_dialog.selectedFiles()[0])
        file_dialog.selectFile(str(target))
        return 1

    monkeypatch.setattr(QFileDialog, "exec", fake_exec)
    dialog.size_spin.setValue(64)
    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS):
        qtbot.keyClick(dialog.size_spin, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert Path(asked[0]).name == f"Access denied-{e.item.id} 64px.png"
    assert QImage(str(target)).width() == 64

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_copy_png_at_the_chosen_size(qtbot, open_dialog, library: Path) -> None:
    dialog = open_dialog(entry(library))
    dialog.preset_buttons[256].click()
    assert dialog.png_size() == 256
    with qtbot.waitSignal(dialog.copied, timeout=WAIT_MS):
        dialog.copy_png()
    assert QGuiApplication.clipboard().image().width() == 256


def test_png_size_is_remembered(open_dialog, library: Path) -> None:
    first = open_dialog(entry(library))
    assert first.png_size() == DEFAULT_PNG_SIZE
    first.preset_buttons[256].click()
    assert open_dialog(entry(library)).png_size() == 256


def test_missing_file_shows_a_message_instead_of_the_editor(open_dialog, library: Path) -> None:
    e = entry(library)
    (library / str(e.path)).unlink()
    dialog = open_dialog(e)
    assert dialog.pages.currentIndex() == 1
    assert "no longer in the library folder" in dialog.error_text()
    dialog.copy_svg()  # shortcuts and actions do nothing
    assert dialog.status_label.text() == ""


def test_not_downloaded_here(open_dialog, library: Path) -> None:
    dialog = open_dialog(entry(library, files=()))
    assert dialog.pages.currentIndex() == 1
    assert dialog.error_text().startswith("There is no SVG file of “Access denied”")


def test_hostile_files(open_dialog, library: Path) -> None:
    xxe = b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>'
    refused = open_dialog(entry(library, files=(("x.svg", xxe),)))
    assert "could be harmful" in refused.error_text()

    scripted = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8" onload="x()">'
        b'<script>x()</script><rect width="8" height="8" fill="#ff003d"/></svg>'
    )
    cleaned = open_dialog(entry(library, files=(("s.svg", scripted),)))
    assert cleaned.pages.currentIndex() == 0
    assert b"script" not in cleaned.current_svg() and b"onload" not in cleaned.current_svg()


def test_no_accent_to_change(open_dialog, library: Path) -> None:
    plain = b'<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect/></svg>'
    dialog = open_dialog(entry(library, files=(("p.svg", plain),)))
    assert not dialog.accent_picker.colour_button.isEnabled()
    assert dialog.accent_note.isVisibleTo(dialog)
    dialog.set_colour(NEW)
    assert dialog.current_svg().endswith(b"<rect/></svg>")


@pytest.mark.parametrize(
    ("options", "message"),
    [("ro", "can't write to the folder"), ("size=64k", "The disk is full.")],
)
def test_save_errors_are_sentences_in_the_dialog(
    qtbot, open_dialog, library: Path, tmp_path: Path, options: str, message: str
) -> None:
    dialog = open_dialog(entry(library))
    dialog.size_spin.setValue(2048)  # a few hundred kB: more than the small disk holds
    with tmpfs(tmp_path / "disk", options) as folder:
        dialog.save_png_to(folder / "big.png")
        qtbot.waitUntil(lambda: dialog.error_text() != "", timeout=WAIT_MS)
        assert message in dialog.error_text()
        assert list(folder.iterdir()) == []
    assert dialog.save_png_button.isEnabled(), "usable again after a failure"


def test_arabic_is_right_to_left(qtbot, open_dialog, library: Path, tmp_path: Path) -> None:
    from weshape_desktop.ui.i18n import Translations

    app = QGuiApplication.instance()
    translations = Translations(app)  # type: ignore[arg-type]
    translations.apply("ar")
    try:
        dialog = open_dialog(entry(library), "ar")
        assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert dialog.copy_svg_button.text() == "نسخ SVG"
        assert dialog.title_label.text() == "تم رفض الوصول"
        dialog.show()
        # the preview sits on the right in Arabic
        assert dialog.preview_label.mapTo(dialog, dialog.preview_label.rect().topLeft()).x() > (
            dialog.title_label.mapTo(dialog, dialog.title_label.rect().topLeft()).x()
        )
    finally:
        translations.apply("en")
