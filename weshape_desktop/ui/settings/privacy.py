"""Usage statistics in the window: the Privacy section, "Show what is sent" and the first-run
question (DESIGN §10). The sender itself is `core.analytics.Analytics`."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from weshape_desktop.core.analytics import (
    FIELD_MEANINGS,
    Analytics,
    AnalyticsConfig,
    Choice,
    ConsentStore,
    managed_file,
)
from weshape_desktop.ui.settings.page import SettingsPage
from weshape_desktop.ui.tasks import TaskRunner


def app_analytics(config_dir: Path, env: Mapping[str, str]) -> Analytics:
    """The app's one sender: endpoint from the environment, this device's consent in the config
    folder, an administrator's managed file honoured."""
    consent = ConsentStore(config_dir / "analytics.json")
    return Analytics(AnalyticsConfig.from_env(env), consent, env, managed_file())


def unavailable_reason(analytics: Analytics) -> str:
    """Why the statistics switch can't be turned on, translated; "" when it can."""
    if analytics.forced_off is not None:
        return QCoreApplication.translate("Analytics", analytics.forced_off)
    if analytics.config is None:
        return QCoreApplication.translate(
            "Analytics", "Unavailable: this copy of weShape Desktop has no statistics service set."
        )
    return ""


class PrivacyPage(SettingsPage):
    policy_requested = Signal()

    def __init__(self, analytics: Analytics, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.analytics = analytics
        self.tasks = tasks
        self.share_box = QCheckBox(self)
        self.share_box.setChecked(
            analytics.choice is Choice.YES and not unavailable_reason(analytics)
        )
        self.share_box.setEnabled(not unavailable_reason(analytics))
        self.form.addRow(self.share_box)
        self.reason_label = QLabel(self, wordWrap=True)
        self.form.addRow(self.reason_label)
        self.about_label = QLabel(self, wordWrap=True)
        self.form.addRow(self.about_label)
        buttons = QWidget(self)
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        self.show_sent_button = QPushButton(buttons)
        self.policy_button = QPushButton(buttons)
        row.addWidget(self.show_sent_button)
        row.addWidget(self.policy_button)
        row.addStretch(1)
        self.form.addRow(buttons)
        self.share_box.toggled.connect(
            lambda on: tasks.run(lambda: analytics.answer(on), owner=self)
        )
        self.show_sent_button.clicked.connect(self.show_sent)
        self.policy_button.clicked.connect(self.policy_requested)
        self.retranslate_ui()

    def show_sent(self) -> SentPayloadsDialog:
        dialog = SentPayloadsDialog(self.analytics, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def title(self) -> str:
        return self.tr("Privacy")

    def retranslate_ui(self) -> None:
        self.share_box.setText(self.tr("&Share anonymous usage statistics"))
        reason = unavailable_reason(self.analytics)
        self.reason_label.setText(reason)
        self.reason_label.setVisible(bool(reason))
        self.about_label.setText(
            self.tr(
                "Statistics say which features are used — never your name, email, searches, "
                "titles or files. Off unless you turn it on."
            )
        )
        self.show_sent_button.setText(self.tr("Show &what is sent"))
        self.policy_button.setText(self.tr("Read the &privacy policy"))


class SentPayloadsDialog(QDialog):
    """The recent payloads exactly as sent (JSON) and what each field means."""

    def __init__(self, analytics: Analytics, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.analytics = analytics
        self.resize(620, 560)
        self.intro = QLabel(self, wordWrap=True)
        self.payloads_view = QPlainTextEdit(self, readOnly=True)
        self.payloads_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        # JSON reads left to right in every language.
        self.payloads_view.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.meanings = QLabel(self, wordWrap=True)
        self.meanings.setTextFormat(Qt.TextFormat.RichText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.payloads_view, 1)
        layout.addWidget(self.meanings)
        layout.addWidget(buttons)
        self.retranslate_ui()

    def payload_text(self) -> str:
        return json.dumps(self.analytics.recent_payloads(), indent=2, ensure_ascii=False)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("What is sent"))
        payloads = self.analytics.recent_payloads()
        self.intro.setText(
            self.tr("The latest statistics this computer sent, exactly as sent:")
            if payloads
            else self.tr("Nothing has been sent from this computer.")
        )
        self.payloads_view.setPlainText(self.payload_text() if payloads else "")
        self.payloads_view.setVisible(bool(payloads))
        rows = "".join(
            f"<li><code>{field}</code>: {QCoreApplication.translate('Analytics', meaning)}</li>"
            for field, meaning in FIELD_MEANINGS.items()
        )
        heading = self.tr("What each field means")
        self.meanings.setText(f"<b>{heading}</b><ul>{rows}</ul>")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class ConsentDialog(QDialog):
    """The first-run question. "Yes" and "No" look and weigh the same; neither is the default,
    so Enter answers nothing. Closing it answers nothing either (it asks again next time)."""

    answered = Signal(bool)
    policy_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = QLabel(self, wordWrap=True)
        heading_font = QFont(self.question.font())
        heading_font.setBold(True)
        self.question.setFont(heading_font)
        self.details = QLabel(self, wordWrap=True)
        self.policy_link = QLabel(self)
        self.policy_link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.policy_link.linkActivated.connect(lambda _link: self.policy_requested.emit())
        self.yes_button = QPushButton(self)
        self.no_button = QPushButton(self)
        for button, answer in ((self.yes_button, True), (self.no_button, False)):
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, answer=answer: self._answer(answer))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.yes_button, 1)
        row.addWidget(self.no_button, 1)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.details)
        layout.addWidget(self.policy_link)
        layout.addSpacing(8)
        layout.addLayout(row)
        self.setMinimumWidth(480)
        self.retranslate_ui()

    def _answer(self, yes: bool) -> None:
        self.answered.emit(yes)
        self.accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Usage statistics"))
        self.question.setText(self.tr("Share anonymous usage statistics with weShape?"))
        self.details.setText(
            self.tr(
                "They would tell us which features are used (through Google Analytics), so we "
                "know what to improve. They never include your name, email, searches, titles or "
                "files, and nothing is sent unless you say yes. You can change your answer at "
                "any time in Edit → Preferences → Privacy."
            )
        )
        link_text = self.tr("Read the privacy policy")
        self.policy_link.setText(f"<a href='#policy'>{link_text}</a>")
        self.yes_button.setText(self.tr("Yes, share"))
        self.no_button.setText(self.tr("No, don't share"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
