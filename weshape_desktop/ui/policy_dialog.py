"""The privacy policy viewer: the policy in the UI language, with a toggle to the other one."""

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

from weshape_desktop.core.policy import PolicyText, bundled_policy, policy_html


class PolicyDialog(QDialog):
    """Shows the bundled policy verbatim; each language keeps its own direction."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.resize(640, 720)
        self.heading = QLabel(self)
        self.browser = QTextBrowser(self, openExternalLinks=True)
        self.toggle = QPushButton(self)
        self.toggle.clicked.connect(lambda: self.show_policy(self.other_language()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.toggle, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.policy: PolicyText = bundled_policy(lang)
        self.show_policy(lang)

    def other_language(self) -> str:
        return "en" if self.policy.lang == "ar" else "ar"

    def show_policy(self, lang: str) -> None:
        self.policy = bundled_policy(lang)
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
        published = QLocale().toString(
            QDate.fromString(self.policy.published, "yyyy-MM-dd"), "d MMMM yyyy"
        )
        self.heading.setText(
            self.tr("Version %1, published %2")
            .replace("%1", QLocale().toString(self.policy.version))
            .replace("%2", published)
        )
        # Each language's name is written in that language, so a reader of either finds it.
        self.toggle.setText("عرض بالعربية" if self.policy.lang == "en" else "Show in English")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
