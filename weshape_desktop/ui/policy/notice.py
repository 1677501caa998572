"""The significant-change notice (DESIGN §10): shown when the policy in force is a significant
version the user has not acknowledged, at start and whenever the app learns of one later.

It can only be left with "I understand": no close button, Escape and the window manager's
close do nothing, so nobody acknowledges a change by accident. "Read the policy" opens the
viewer on top and keeps the notice.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from weshape_desktop.core.api import ApiClient
from weshape_desktop.core.policy import (
    PolicyFiles,
    PolicyStatus,
    PolicyText,
    acknowledge_policy,
    check_policy,
)
from weshape_desktop.ui.account import AccountController
from weshape_desktop.ui.policy.dialog import format_policy_date
from weshape_desktop.ui.tasks import Task, TaskRunner

RECHECK_MS = 6 * 3600 * 1000  # a long-running app still learns of a new version


class PolicyNotice(QDialog):
    """Modal notice of one significant policy version."""

    read_requested = Signal()

    def __init__(self, policy: PolicyText, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.policy = policy
        self.setModal(True)
        self.setWindowFlags(
            Qt.WindowType.Dialog | Qt.WindowType.CustomizeWindowHint | Qt.WindowType.WindowTitleHint
        )
        self.setMinimumWidth(520)
        self.heading = QLabel(self, wordWrap=True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.summary = QLabel(self, wordWrap=True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.read_button = QPushButton(self)
        self.read_button.clicked.connect(self.read_requested)
        # Not a default button: a stray Enter (typing when the notice pops up) only opens the
        # policy; acknowledging takes a deliberate click or Space on "I understand".
        self.understand_button = QPushButton(self, autoDefault=False)
        self.understand_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.read_button)
        buttons.addWidget(self.understand_button)
        icon = QLabel(self)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation).pixmap(48)
        )
        text = QVBoxLayout()
        text.setSpacing(12)
        text.addWidget(self.heading)
        text.addWidget(self.summary)
        text.addStretch(1)
        body = QHBoxLayout()
        body.setSpacing(18)
        body.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        body.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 18)
        layout.setSpacing(18)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        self.read_button.setFocus()
        self.retranslate_ui()

    def show_policy(self, policy: PolicyText) -> None:
        self.policy = policy
        self.retranslate_ui()

    def reject(self) -> None:
        """Escape: the notice stays until the user says "I understand"."""

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.result() != QDialog.DialogCode.Accepted:
            event.ignore()
            return
        super().closeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Privacy policy update"))
        self.heading.setText(self.tr("We changed our privacy policy"))
        self.summary.setText(
            self.tr(
                "Version %1 of the weShape privacy policy, published on %2, makes significant "
                "changes to how we collect, use or share your personal information. Please "
                "read it to see what changed."
            )
            .replace("%1", QLocale().toString(self.policy.version))
            .replace("%2", format_policy_date(self.policy.published))
        )
        self.read_button.setText(self.tr("Read the policy"))
        self.understand_button.setText(self.tr("I understand"))
        for button in (self.read_button, self.understand_button):
            button.setAccessibleName(button.text())
        self.summary.setAccessibleName(self.heading.text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class PolicyWatcher(QObject):
    """Checks the policy in the background and shows the notice when it is due.

    Checks run when a server is connected, when the account changes (sign-in, sign-out), when
    the server is reachable again, and every few hours.
    """

    def __init__(
        self,
        tasks: TaskRunner,
        store: PolicyFiles,
        accounts: AccountController,
        language: Callable[[], str],
        read_policy: Callable[[], object],
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.tasks = tasks
        self.store = store
        self.accounts = accounts
        self.language = language
        self.read_policy = read_policy
        self.window = window
        self.api: ApiClient | None = None
        self.notice: PolicyNotice | None = None
        self.last_status: PolicyStatus | None = None
        self._checking: Task | None = None
        self._timer = QTimer(self, interval=RECHECK_MS)
        self._timer.timeout.connect(self.check)
        accounts.changed.connect(self.check)

    def set_api(self, api: ApiClient | None) -> None:
        self.api = api
        self._timer.start()
        self.check()

    def signed_in(self) -> bool:
        session = self.accounts.session
        return session is not None and session.signed_in

    def check(self) -> None:
        """Fetch the policy and the acknowledged version in the background; notice if due."""
        if self._checking is not None:
            self._checking.cancel()  # the newer check, with the current account, wins
        api, store, lang, signed_in = self.api, self.store, self.language(), self.signed_in()
        self._checking = self.tasks.run(
            lambda: check_policy(api, store, lang, signed_in), on_done=self._on_checked
        )

    def _on_checked(self, status: PolicyStatus) -> None:
        self._checking = None
        self.last_status = status
        notice = self.notice
        if status.needs_notice:
            self.show_notice(status.policy)
        elif (
            notice is not None
            and notice.policy.significant
            and notice.policy.version <= status.acknowledged
        ):
            self._drop_notice()  # acknowledged meanwhile, on another device

    def show_notice(self, policy: PolicyText) -> PolicyNotice:
        """Show the notice of `policy` (one notice at a time)."""
        if self.notice is None:
            self.notice = PolicyNotice(policy, self.window)
            self.notice.read_requested.connect(self.read_policy)
            self.notice.accepted.connect(self._acknowledge)
        self.notice.show_policy(policy)
        self.notice.show()
        self.notice.raise_()
        return self.notice

    def _acknowledge(self) -> None:
        assert self.notice is not None
        version = self.notice.policy.version
        self._drop_notice()
        api, store, signed_in = self.api, self.store, self.signed_in()
        self.tasks.run(lambda: acknowledge_policy(api, store, version, signed_in))

    def _drop_notice(self) -> None:
        assert self.notice is not None
        self.notice.hide()
        self.notice.deleteLater()
        self.notice = None
