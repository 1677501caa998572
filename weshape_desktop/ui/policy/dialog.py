"""The privacy policy viewer: the newest policy the app has seen (else the bundled one) in the UI
language, with a toggle to the other one. A minor update shows a quiet "updated" line."""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, QLocale, Qt
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from weshape_desktop.core.policy import PolicyFiles, PolicyText, bundled_policy, policy_html


def format_policy_date(iso_date: str) -> str:
    """A policy's ISO date as the UI language writes dates."""
    return QLocale().toString(QDate.fromString(iso_date, "yyyy-MM-dd"), "d MMMM yyyy")


class PolicyDialog(QDialog):
    """Shows the policy verbatim; each language keeps its own direction."""

    def __init__(self, store: PolicyFiles, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.resize(640, 720)
        self.store = store
        self.heading = QLabel(self)
        self.updated = QLabel(self)
        self.updated.setEnabled(False)  # quiet: a minor change asks nothing of the reader
        self.browser = QTextBrowser(self, openExternalLinks=True)
        self.toggle = QPushButton(self)
        self.toggle.clicked.connect(lambda: self.show_policy(self.other_language()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.toggle, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.updated)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.policy: PolicyText = store.policy(lang)
        self.show_policy(lang)

    def other_language(self) -> str:
        return "en" if self.policy.lang == "ar" else "ar"

    def show_policy(self, lang: str) -> None:
        self.policy = self.store.policy(lang)
        direction = (
            Qt.LayoutDirection.RightToLeft if lang == "ar" else Qt.LayoutDirection.LeftToRight
        )
        option = QTextOption(self.browser.document().defaultTextOption())
        option.setTextDirection(direction)
        self.browser.document().setDefaultTextOption(option)
        self.browser.setLayoutDirection(direction)
        self.browser.setHtml(policy_html(self.policy.text))
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Privacy policy"))
        self.browser.setAccessibleName(self.windowTitle())
        published = format_policy_date(self.policy.published)
        self.heading.setText(
            self.tr("Version %1, published %2")
            .replace("%1", QLocale().toString(self.policy.version))
            .replace("%2", published)
        )
        minor_update = (
            not self.policy.significant
            and self.policy.version > bundled_policy(self.policy.lang).version
        )
        self.updated.setVisible(minor_update)
        self.updated.setText(self.tr("Updated %1 with minor changes.").replace("%1", published))
        # Each language's name is written in that language, so a reader of either finds it.
        self.toggle.setText("عرض بالعربية" if self.policy.lang == "en" else "Show in English")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
