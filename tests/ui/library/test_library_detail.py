"""LibraryDetailPanel on a real LibraryStore and real SVG files in a library folder."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from weshape_desktop.core.library import LibraryEntry, LibraryStore, NewFile
from weshape_desktop.core.models import Illustration
from weshape_desktop.server.catalog_source import sample_catalog_dir
from weshape_desktop.ui.grid import LARGE_PREVIEW_SIZE
from weshape_desktop.ui.i18n import data_size
from weshape_desktop.ui.library.detail import LibraryDetailPanel
from weshape_desktop.ui.previews import PreviewService

TIMEOUT = 15_000
CATALOG = sample_catalog_dir()
MANIFEST = json.loads((CATALOG / "manifest.json").read_text(encoding="utf-8"))


def sample(index: int) -> tuple[Illustration, Path]:
    """A real catalog illustration and its SVG file."""
    data = MANIFEST["items"][index]
    return Illustration.from_json(data), CATALOG / data["file"]


class Library:
    """A library folder with files in it and its database."""

    def __init__(self, root: Path) -> None:
        self.dir = root / "Library"
        self.dir.mkdir()
        self.store = LibraryStore(root / "library.db")

    def add(self, index: int, *, png: bool = False) -> str:
        item, source = sample(index)
        rel = f"{item.id}.svg"
        shutil.copyfile(source, self.dir / rel)
        files = [NewFile(item, rel, item.sha256, "svg", source.stat().st_size)]
        if png:
            (self.dir / f"{item.id}-512.png").write_bytes(b"\x89PNG fake, never read" * 40)
            files.append(NewFile(item, f"{item.id}-512.png", "1" * 64, "png", 840, 512))
        self.store.add_entries(files)
        return item.id

    def entry(self, item_id: str) -> LibraryEntry:
        found = self.store.entry(item_id)
        assert found is not None
        return found


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library(tmp_path)
    yield lib
    lib.store.close()


@pytest.fixture
def local_previews(qapp, tmp_path: Path, refused_url: str) -> Iterator[PreviewService]:
    """Previews with no server behind them: library files must render from disk."""
    service = PreviewService(tmp_path / "cache", f"{refused_url}/v1/files/{{sha256}}", workers=1)
    yield service
    service.shutdown()


@pytest.fixture
def panel(qtbot, tasks, local_previews, library) -> Iterator[LibraryDetailPanel]:
    widget = LibraryDetailPanel(tasks, local_previews, library.dir, "en")
    widget.set_store(library.store)
    widget.resize(380, 900)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    widget.flush()


def show(qtbot, panel: LibraryDetailPanel, entry: LibraryEntry) -> None:
    """Show `entry` and wait until its files were looked for on disk."""
    with qtbot.waitSignal(panel.files_checked, timeout=TIMEOUT):
        panel.show_entry(entry)


def stored_note(library: Library, item_id: str) -> str:
    return library.entry(item_id).note


def test_showing_an_entry_fills_the_fields_and_renders_the_local_file(
    qtbot, panel, library, local_previews
):
    assert panel.stack.currentWidget() is panel.empty_label
    assert panel.empty_label.text() == "Select an illustration to see its details."
    item_id = library.add(0, png=True)
    library.store.add_tags([item_id], ["hero", "blue"])
    entry = library.entry(item_id)
    show(qtbot, panel, entry)

    assert panel.entry() == entry
    assert panel.title_label.text() == entry.item.title["en"]
    assert panel.field_text("category") == "Access"  # no facets known: the id, readable
    assert panel.field_text("dimensions") == f"{entry.item.width} × {entry.item.height} px"
    total = sum(f.bytes for f in entry.files)
    assert panel.field_text("size") == data_size(total, QLocale("en"))
    assert panel.field_text("added") == QLocale("en").toString(
        entry.added_at.astimezone().date(), QLocale.FormatType.LongFormat
    )
    assert panel.field_text("location") == str(library.dir / entry.path)
    assert panel.field_text("files").count("\n") == 1 and "PNG, 512 px" in panel.field_text("files")
    assert panel.tag_editor.tags() == ("blue", "hero")
    assert not panel.missing_strip.isVisible()
    assert panel.copy_svg_action.isEnabled() and panel.export_action.isEnabled()

    # The preview renders from the library file although no server is reachable.
    qtbot.waitUntil(
        lambda: local_previews.pixmap(entry.item.sha256, LARGE_PREVIEW_SIZE) is not None,
        timeout=TIMEOUT,
    )
    qtbot.waitUntil(panel.is_ready, timeout=TIMEOUT)

    panel.show_entry(None)
    assert panel.stack.currentWidget() is panel.empty_label


def test_a_typed_note_is_saved_after_the_pause_and_on_flush(qtbot, panel, library):
    item_id = library.add(0)
    show(qtbot, panel, library.entry(item_id))
    changed: list[str] = []
    panel.entry_changed.connect(changed.append)

    panel.notes.edit.setFocus()
    qtbot.keyClicks(panel.notes.edit, "Use on the 404 page")
    assert stored_note(library, item_id) == ""  # not at every keystroke
    qtbot.waitUntil(lambda: stored_note(library, item_id) == "Use on the 404 page", timeout=TIMEOUT)
    qtbot.waitUntil(panel.notes.saved_label.isVisible, timeout=TIMEOUT)
    assert changed == [item_id]

    qtbot.keyClicks(panel.notes.edit, " and in the docs")
    assert panel.flush()  # blocking: when it returns the note is in the database
    assert stored_note(library, item_id) == "Use on the 404 page and in the docs"


def test_switching_entries_mid_typing_saves_to_the_first_entry(qtbot, panel, library):
    first, second = library.add(0), library.add(1)
    show(qtbot, panel, library.entry(first))
    panel.notes.edit.setFocus()
    qtbot.keyClicks(panel.notes.edit, "first note")
    panel.show_entry(library.entry(second))  # before the debounce fired
    assert panel.notes.text() == ""
    qtbot.keyClicks(panel.notes.edit, "second")
    panel.show_entry(library.entry(first))
    assert panel.flush()
    assert stored_note(library, first) == "first note"
    assert stored_note(library, second) == "second"
    assert panel.notes.text() == "first note"


def test_a_stale_entry_from_the_grid_is_read_again(qtbot, panel, library):
    item_id = library.add(0)
    stale = library.entry(item_id)
    library.store.set_note(item_id, "written by sync")
    library.store.add_tags([item_id], ["synced"])
    show(qtbot, panel, stale)
    qtbot.waitUntil(lambda: panel.notes.text() == "written by sync", timeout=TIMEOUT)
    assert panel.tag_editor.tags() == ("synced",)


def test_tags_add_with_commas_and_remove(qtbot, panel, library):
    item_id = library.add(0)
    other = library.add(1)
    library.store.add_tags([other], ["Onboarding"])
    show(qtbot, panel, library.entry(item_id))
    panel.tag_editor.input.setFocus()  # the completer learns the tags used since
    qtbot.waitUntil(lambda: "Onboarding" in panel.tag_editor.known_tags.stringList())
    panel.tag_editor.input.insert("hero، blue , hero,")  # QTest can't type the Arabic comma
    qtbot.keyClick(panel.tag_editor.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.tag_editor.tags() == ("blue", "hero"), timeout=TIMEOUT)
    assert library.entry(item_id).tags == ("blue", "hero")
    assert panel.tag_editor.input.text() == ""
    qtbot.waitUntil(lambda: "hero" in panel.tag_editor.known_tags.stringList())

    chip = panel.tag_editor.chip("hero")
    assert chip is not None
    qtbot.mouseClick(chip.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.tag_editor.tags() == ("blue",), timeout=TIMEOUT)
    assert library.entry(item_id).tags == ("blue",)


def test_favourite_toggle_persists(qtbot, panel, library):
    item_id = library.add(0)
    show(qtbot, panel, library.entry(item_id))
    with qtbot.waitSignal(panel.entry_changed, timeout=TIMEOUT) as blocker:
        qtbot.mouseClick(panel.favourite_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [item_id]
    assert library.entry(item_id).favourite
    assert panel.favourite_action.isChecked()
    panel.setFocus()
    with qtbot.waitSignal(panel.entry_changed, timeout=TIMEOUT):
        qtbot.keyClick(panel, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # the shortcut
    assert not library.entry(item_id).favourite


def test_a_missing_file_offers_to_download_it_again(qtbot, panel, library):
    item_id = library.add(0)
    entry = library.entry(item_id)
    (library.dir / entry.path).unlink()
    show(qtbot, panel, entry)
    assert panel.missing_strip.isVisible()
    assert "missing from the library folder" in panel.missing_strip.message_label.text()
    assert not panel.copy_svg_action.isEnabled() and not panel.show_in_folder_action.isEnabled()
    with qtbot.waitSignal(panel.redownload_requested) as blocker:
        qtbot.mouseClick(panel.missing_strip.download_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [entry]
    # no local file and no server: the preview ends as the broken placeholder, not a hang
    qtbot.waitUntil(panel.is_ready, timeout=TIMEOUT)


def test_action_signals_carry_the_entry(qtbot, panel, library):
    entry = library.entry(library.add(0))
    show(qtbot, panel, entry)
    for button, signal in (
        (panel.export_button, panel.export_requested),
        (panel.copy_svg_button, panel.copy_svg_requested),
        (panel.show_in_folder_button, panel.show_in_folder_requested),
        (panel.remove_button, panel.remove_requested),
    ):
        with qtbot.waitSignal(signal) as blocker:
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert blocker.args == [entry]
    panel.setFocus()
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    with qtbot.waitSignal(panel.copy_svg_requested) as blocker:
        qtbot.keyClick(panel, Qt.Key.Key_C, modifiers)
    assert blocker.args == [entry]


def test_a_failed_save_shows_why_and_keeps_the_text(qtbot, panel, library, tasks):
    item_id = library.add(0)
    show(qtbot, panel, library.entry(item_id))
    library.store._conn.execute(  # a real database failure inside the edit's transaction
        "CREATE TRIGGER fail AFTER INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'injected'); END"
    )
    qtbot.keyClicks(panel.notes.edit, "keep me")
    panel.notes.request_save()
    qtbot.waitUntil(panel.error_label.isVisible, timeout=TIMEOUT)
    assert "couldn't be saved" in panel.error_label.text()
    assert panel.notes.text() == "keep me"
    qtbot.keyClicks(panel.tag_editor.input, "hero")
    qtbot.keyClick(panel.tag_editor.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tasks.pending() == 0, timeout=TIMEOUT)  # the failure is reported
    assert panel.tag_editor.input.text() == "hero"  # typed text kept for another try

    library.store._conn.execute("DROP TRIGGER fail")
    assert panel.flush()  # the note is still pending and saves now
    assert stored_note(library, item_id) == "keep me"
    qtbot.waitUntil(lambda: not panel.error_label.isVisible(), timeout=TIMEOUT)


def test_arabic_lays_the_fields_out_right_to_left(qtbot, panel, library):
    item_id = library.add(0)
    QApplication.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        panel.set_language("ar")
        show(qtbot, panel, library.entry(item_id))
        entry = library.entry(item_id)
        assert panel.title_label.text() == entry.item.title["ar"]
        assert "٤٠٠" in panel.field_text("dimensions")  # Arabic-Indic digits
        size = panel.field_text("size")  # Arabic unit names, not a Latin "KiB"
        assert size and not any("a" <= c.lower() <= "z" for c in size), size
        form = panel.facts.form
        name = panel.facts.names["dimensions"]
        row = form.getWidgetPosition(name)[0]
        value = form.itemAt(row, form.ItemRole.FieldRole).widget()
        assert name.geometry().left() > value.geometry().right()  # the name on the right
    finally:
        QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


class _MarkingTranslator(QTranslator):
    """Wraps every string of the panel's widgets in ⟦ ⟧, to prove they are all re-set."""

    CONTEXTS = ("LibraryDetailPanel", "EntryFacts", "TagEditor", "NoteEditor", "MissingFileStrip")

    def translate(self, context, source, disambiguation=None, n=-1):
        return f"⟦{source}⟧" if context in self.CONTEXTS else ""

    def isEmpty(self) -> bool:
        return False  # else installing it sends no LanguageChange


def test_language_switch_retranslates_without_restart(qtbot, panel, library):
    entry = library.entry(library.add(0))
    (library.dir / entry.path).unlink()
    show(qtbot, panel, entry)
    translator = _MarkingTranslator()
    QCoreApplication.installTranslator(translator)
    try:
        QCoreApplication.processEvents()  # delivers LanguageChange to every widget
        assert panel.copy_svg_button.text() == "⟦Copy SVG⟧"
        assert panel.facts.names["size"].text() == "⟦Size on disk:⟧"
        assert panel.field_text("dimensions") == "⟦400 × 400 px⟧"
        assert panel.tag_editor.input.placeholderText() == "⟦Add tags, separated by commas⟧"
        assert panel.notes.heading.text() == "⟦Notes⟧"
        assert panel.missing_strip.download_button.text() == "⟦Download again⟧"
    finally:
        QCoreApplication.removeTranslator(translator)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    QCoreApplication.processEvents()
    assert panel.copy_svg_button.text() == "Copy SVG"
