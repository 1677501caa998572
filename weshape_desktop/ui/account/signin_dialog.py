"""Sign in (password or browser) and create an account (DESIGN §5, issue 5)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from weshape_desktop.core.demo_account import DEMO_EMAIL, DEMO_PASSWORD
from weshape_desktop.core.models import Account
from weshape_desktop.ui.account.controller import AccountController
from weshape_desktop.ui.tasks import describe_error

POLICY_VERSION = 1  # the policy version the bundled text is
# A flat button that looks like a link (it is one: it goes to the other page), keyboard and all.
LINK_STYLE = (
    "QPushButton { border: none; padding: 2px; color: palette(link); text-decoration: underline; }"
)


class SignInDialog(QDialog):
    """Two pages, sign in and create account; every server call runs in the background."""

    policy_requested = Signal()

    def __init__(
        self,
        accounts: AccountController,
        lang: str,
        parent: QWidget | None = None,
        policy_version: int = POLICY_VERSION,
        *,
        demo: bool = False,
    ):
        """`demo`: the server is the embedded demo one, so its demo account is offered."""
        super().__init__(parent)
        self.accounts = accounts
        self.lang = lang
        self.policy_version = policy_version  # the version the policy link shows; sent on register
        self._cancel_browser: threading.Event | None = None
        self.setMinimumWidth(420)

        self.keyring_label = QLabel(self, wordWrap=True, objectName="keyringNotice")
        self.session_only = QCheckBox(self)
        self.session_only.setChecked(True)
        self.error_label = QLabel(self, wordWrap=True, objectName="errorLabel")
        self.error_label.setStyleSheet("color: #c92a2a;")
        self.busy = QProgressBar(self, maximum=0, textVisible=False)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self._cancel)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_sign_in_page())
        self.pages.addWidget(self._build_register_page())
        self.demo_button.setVisible(demo)

        busy_row = QHBoxLayout()
        busy_row.addWidget(self.busy, 1)
        busy_row.addWidget(self.cancel_button)
        self.intro = QLabel(self, wordWrap=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.keyring_label)
        layout.addWidget(self.session_only)
        layout.addWidget(self.pages)
        layout.addWidget(self.error_label)
        layout.addLayout(busy_row)
        self.accounts.changed.connect(self._refresh_keyring_notice)
        self._set_busy(False)
        self._refresh_keyring_notice()
        self._show_page(0)

    # -- pages -------------------------------------------------------------------------------

    def _build_sign_in_page(self) -> QWidget:
        page = QWidget(self)
        self.email = QLineEdit(page)
        self.email.setInputMethodHints(Qt.InputMethodHint.ImhEmailCharactersOnly)
        self.password = QLineEdit(page, echoMode=QLineEdit.EchoMode.Password)
        self.sign_in_button = QPushButton(page, default=True)
        self.sign_in_button.clicked.connect(self._sign_in)
        self.browser_button = QPushButton(page)
        self.browser_button.clicked.connect(self._sign_in_browser)
        self.demo_button = QPushButton(page)
        self.demo_button.clicked.connect(self._sign_in_demo)
        self.to_register = _link_button(page)
        self.to_register.clicked.connect(lambda: self._show_page(1))
        self.sign_in_form = QFormLayout()
        self.sign_in_form.addRow(_label_for(self.email), self.email)
        self.sign_in_form.addRow(_label_for(self.password), self.password)
        layout = QVBoxLayout(page)
        layout.addLayout(self.sign_in_form)
        layout.addWidget(self.sign_in_button)
        layout.addWidget(self.browser_button)
        layout.addWidget(self.demo_button)
        layout.addWidget(self.to_register, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        return page

    def _build_register_page(self) -> QWidget:
        page = QWidget(self)
        self.name = QLineEdit(page)
        self.new_email = QLineEdit(page)
        self.new_password = QLineEdit(page, echoMode=QLineEdit.EchoMode.Password)
        self.policy_link = QLabel(page, openExternalLinks=False, wordWrap=True)
        self.policy_link.linkActivated.connect(lambda _: self.policy_requested.emit())
        self.accept_policy = QCheckBox(page)
        self.create_button = QPushButton(page)
        self.create_button.clicked.connect(self._register)
        self.to_sign_in = _link_button(page)
        self.to_sign_in.clicked.connect(lambda: self._show_page(0))
        for widget in (self.name, self.new_email, self.new_password):
            widget.textChanged.connect(self._update_create_enabled)
        self.accept_policy.toggled.connect(self._update_create_enabled)
        self.register_form = QFormLayout()
        self.register_form.addRow(_label_for(self.name), self.name)
        self.register_form.addRow(_label_for(self.new_email), self.new_email)
        self.register_form.addRow(_label_for(self.new_password), self.new_password)
        layout = QVBoxLayout(page)
        layout.addLayout(self.register_form)
        layout.addWidget(self.policy_link)
        layout.addWidget(self.accept_policy)
        layout.addWidget(self.create_button)
        layout.addWidget(self.to_sign_in, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self._update_create_enabled()
        return page

    def show_register(self) -> None:
        self._show_page(1)

    # -- actions -----------------------------------------------------------------------------

    def _sign_in(self) -> None:
        # Checked here, in our words: the server's answer to an empty field is English jargon.
        for field, missing in (
            (self.email, self.tr("Enter your email address.")),
            (self.password, self.tr("Enter your password.")),
        ):
            if not field.text().strip():
                self.error_label.setText(missing)
                field.setFocus()
                return
        self._start()
        self.accounts.sign_in(
            self.email.text().strip(), self.password.text(), self._signed_in, self._failed
        )

    def _sign_in_demo(self) -> None:
        self.email.setText(DEMO_EMAIL)
        self.password.setText(DEMO_PASSWORD)
        self._sign_in()

    def _sign_in_browser(self) -> None:
        self._start()
        cancel = self.accounts.sign_in_browser(
            lambda url: QDesktopServices.openUrl(QUrl(url)),
            self.lang,
            self._signed_in,
            self._failed,
        )
        if self.busy.isVisible():  # still waiting: a browser that didn't open has failed already
            self._cancel_browser = cancel
            self.cancel_button.show()

    def _register(self) -> None:
        self._start()
        self.accounts.register(
            self.name.text().strip(),
            self.new_email.text().strip(),
            self.new_password.text(),
            self.policy_version,
            self.lang,
            self._signed_in,
            self._failed,
        )

    def _start(self) -> None:
        self.error_label.clear()
        if self.accounts.keyring_problem and self.session_only.isChecked():
            self.accounts.use_session_only_store()
        self._set_busy(True)

    def _cancel(self) -> None:
        if self._cancel_browser is not None:
            self._cancel_browser.set()

    def _signed_in(self, account: Account) -> None:
        del account
        self._set_busy(False)
        self.password.clear()
        self.new_password.clear()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.error_label.setText(describe_error(exc))

    # -- state -------------------------------------------------------------------------------

    def _show_page(self, index: int) -> None:
        self.error_label.clear()
        # A stack is as tall as its tallest page: hidden pages must not leave a gap above the
        # error line, so only the current page counts for the size.
        for number in range(self.pages.count()):
            policy = QSizePolicy.Policy.Preferred if number == index else QSizePolicy.Policy.Ignored
            self.pages.widget(number).setSizePolicy(policy, policy)
        self.pages.setCurrentIndex(index)
        self.retranslate_ui()
        self.adjustSize()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.cancel_button.setVisible(busy and self._cancel_browser is not None)
        self.pages.setEnabled(not busy)
        if not busy:
            self._cancel_browser = None

    def _update_create_enabled(self) -> None:
        filled = all(w.text().strip() for w in (self.name, self.new_email, self.new_password))
        self.create_button.setEnabled(filled and self.accept_policy.isChecked())

    def _refresh_keyring_notice(self) -> None:
        problem = self.accounts.keyring_problem
        self.keyring_label.setText(problem)
        self.keyring_label.setVisible(bool(problem))
        self.session_only.setVisible(bool(problem))

    def retranslate_ui(self) -> None:
        registering = self.pages.currentIndex() == 1
        self.setWindowTitle(self.tr("Create account") if registering else self.tr("Sign in"))
        self.intro.setText(
            self.tr("Sign in to download illustrations and keep your library on every computer.")
        )
        self.session_only.setText(self.tr("Sign in for this session only"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._label(self.sign_in_form, self.email).setText(self.tr("&Email:"))
        self._label(self.sign_in_form, self.password).setText(self.tr("&Password:"))
        self.sign_in_button.setText(self.tr("Sign in"))
        self.browser_button.setText(self.tr("Sign in with browser"))
        self.demo_button.setText(self.tr("Use the demo account"))
        self.to_register.setText(self.tr("No account yet? Create one"))
        self._label(self.register_form, self.name).setText(self.tr("&Name:"))
        self._label(self.register_form, self.new_email).setText(self.tr("&Email:"))
        self._label(self.register_form, self.new_password).setText(self.tr("&Password:"))
        self.new_password.setPlaceholderText(self.tr("At least 10 characters"))
        self.policy_link.setText(
            self.tr(
                "weShape keeps your name and email to run your account. "
                '<a href="policy">Read the privacy policy</a>.'
            )
        )
        self.accept_policy.setText(self.tr("I have read the privacy policy"))
        self.create_button.setText(self.tr("Create account"))
        self.to_sign_in.setText(self.tr("Already have an account? Sign in"))

    @staticmethod
    def _label(form: QFormLayout, field: QWidget) -> QLabel:
        label = form.labelForField(field)
        assert isinstance(label, QLabel)
        return label

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def _link_button(parent: QWidget) -> QPushButton:
    button = QPushButton(parent, flat=True)
    button.setStyleSheet(LINK_STYLE)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


def _label_for(field: QWidget) -> QLabel:
    """A form label that names `field` to screen readers and focuses it on its &-key."""
    label = QLabel(field.parentWidget())
    label.setBuddy(field)
    return label
