"""The simple sections of the preferences: General, Downloads and Advanced."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from weshape_desktop.core.api import ApiClient, check_server_url
from weshape_desktop.core.config import FORMATS, LANGUAGES, MAX_PARALLEL_DOWNLOADS, THEMES
from weshape_desktop.core.errors import WeshapeError
from weshape_desktop.ui.export import SIZE_KEY, remembered_png_size
from weshape_desktop.ui.i18n import LANGUAGE_NAMES
from weshape_desktop.ui.previews import MAX_PNG_SIZE, MIN_PNG_SIZE
from weshape_desktop.ui.settings.page import SettingsEditor, SettingsPage
from weshape_desktop.ui.tasks import TaskRunner, describe_error


def _select(combo: QComboBox, value: str) -> None:
    combo.setCurrentIndex(max(0, combo.findData(value)))


class GeneralPage(SettingsPage):
    """Language (applied at once) and theme."""

    def __init__(self, editor: SettingsEditor, language: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.language_combo = QComboBox(self)
        for lang in LANGUAGES:
            self.language_combo.addItem(LANGUAGE_NAMES[lang], lang)
        _select(self.language_combo, language)
        self.language_label = self.add_row(self.language_combo)
        self.theme_combo = QComboBox(self)
        for theme in THEMES:
            self.theme_combo.addItem("", theme)
        _select(self.theme_combo, editor.settings.theme)
        self.theme_label = self.add_row(self.theme_combo)
        self.language_combo.activated.connect(
            lambda: editor.update(language=self.language_combo.currentData())
        )
        self.theme_combo.activated.connect(
            lambda: editor.update(theme=self.theme_combo.currentData())
        )
        self.retranslate_ui()

    def title(self) -> str:
        return self.tr("General")

    def retranslate_ui(self) -> None:
        self.name_row(self.language_label, self.tr("&Language:"))
        self.name_row(self.theme_label, self.tr("&Theme:"))
        names = {
            "system": self.tr("Follow the system"),
            "light": self.tr("Light"),
            "dark": self.tr("Dark"),
        }
        for index in range(self.theme_combo.count()):
            self.theme_combo.setItemText(index, names[self.theme_combo.itemData(index)])


class DownloadsPage(SettingsPage):
    """Parallel downloads, what Ctrl+D downloads, and the PNG size the export dialog shares."""

    def __init__(
        self, editor: SettingsEditor, window_state: QSettings, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.parallel_spin = QSpinBox(self, minimum=1, maximum=MAX_PARALLEL_DOWNLOADS)
        self.parallel_spin.setValue(editor.settings.parallel_downloads)
        self.parallel_label = self.add_row(self.parallel_spin)
        self.parallel_note = QLabel(self, wordWrap=True)
        self.form.addRow("", self.parallel_note)
        self.format_combo = QComboBox(self)
        for fmt in FORMATS:
            self.format_combo.addItem(fmt.upper(), fmt)
        _select(self.format_combo, editor.settings.download_format)
        self.format_label = self.add_row(self.format_combo)
        self.png_spin = QSpinBox(self, minimum=MIN_PNG_SIZE, maximum=MAX_PNG_SIZE)
        self.png_spin.setValue(remembered_png_size(window_state))
        self.png_label = self.add_row(self.png_spin)
        self.parallel_spin.valueChanged.connect(lambda n: editor.update(parallel_downloads=n))
        self.format_combo.activated.connect(
            lambda: editor.update(download_format=self.format_combo.currentData())
        )
        self.png_spin.valueChanged.connect(lambda n: window_state.setValue(SIZE_KEY, n))
        self.retranslate_ui()

    def title(self) -> str:
        return self.tr("Downloads")

    def retranslate_ui(self) -> None:
        self.name_row(self.parallel_label, self.tr("&Parallel downloads:"))
        self.parallel_note.setText(self.tr("A new number applies from the next start."))
        self.name_row(self.format_label, self.tr("Default &format (Ctrl+D):"))
        self.name_row(self.png_label, self.tr("&PNG size (downloads and export):"))
        self.png_spin.setSuffix(self.tr(" px"))


class AdvancedPage(SettingsPage):
    """The server address, checked like every address the app uses, and a connection test."""

    def __init__(self, editor: SettingsEditor, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.editor = editor
        self.tasks = tasks
        self.url_edit = QLineEdit(editor.settings.server_url, self)
        self.url_label = self.add_row(self.url_edit)
        buttons = QWidget(self)
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        self.apply_button = QPushButton(buttons)
        self.test_button = QPushButton(buttons)
        row.addWidget(self.apply_button)
        row.addWidget(self.test_button)
        row.addStretch(1)
        self.form.addRow("", buttons)
        self.result_label = QLabel(self, wordWrap=True)
        self.result_label.setAccessibleName("result")
        self.form.addRow("", self.result_label)
        self.url_edit.returnPressed.connect(self.apply)
        self.apply_button.clicked.connect(self.apply)
        self.test_button.clicked.connect(self.test_connection)
        self.retranslate_ui()

    def _checked_url(self) -> str | None:
        """The address as it will be used, or None after saying what is wrong with it."""
        text = self.url_edit.text().strip()
        if not text:
            return ""
        try:
            return check_server_url(text)
        except WeshapeError as exc:
            self.result_label.setText(describe_error(exc))
            return None

    def apply(self) -> None:
        url = self._checked_url()
        if url is not None:
            self.url_edit.setText(url)
            self.result_label.setText(self.tr("Saved."))
            self.editor.update(server_url=url)

    def test_connection(self) -> None:
        url = self._checked_url()
        if not url:
            if url == "":
                self.result_label.setText(self.tr("Write the server's address first."))
            return
        self.test_button.setEnabled(False)
        self.result_label.setText(self.tr("Testing…"))

        def check() -> bool:
            api = ApiClient(url, retries=0)
            try:
                return api.health()
            finally:
                api.close()

        def done(healthy: bool) -> None:
            self.test_button.setEnabled(True)
            self.result_label.setText(
                self.tr("The server answers.")
                if healthy
                else self.tr("The server answers, but says it is not well.")
            )

        def failed(exc: BaseException) -> None:
            self.test_button.setEnabled(True)
            self.result_label.setText(describe_error(exc))

        self.tasks.run(check, on_done=done, on_error=failed, owner=self)

    def title(self) -> str:
        return self.tr("Advanced")

    def retranslate_ui(self) -> None:
        self.name_row(self.url_label, self.tr("&Server address:"))
        self.url_edit.setPlaceholderText("https://weshape.example")
        self.apply_button.setText(self.tr("&Use this server"))
        self.test_button.setText(self.tr("&Test connection"))
        self.result_label.setAccessibleName(self.tr("Connection test result"))
