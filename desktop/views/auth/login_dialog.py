"""Signing in to an encrypted database: user name and password, or the recovery key."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.framework.errors import ServiceError
from desktop.services.security.signin import SignedIn, sign_in, sign_in_with_recovery_key
from desktop.storage import StorageError
from desktop.views.auth.forms import (
    NewPasswordFields,
    ShowRefusal,
    lay_out_dialog,
    make_default,
    message_label,
    password_field,
)


class LoginDialog(QDialog):
    """Asks for a user name and password; ``signed_in`` holds the result once accepted.

    ``succeeded`` is emitted once ``signed_in`` is set, while the dialog is still shown:
    a window opened then is never preceded by a moment without any window (which
    would end the app)."""

    succeeded = Signal()

    def __init__(self, db_path: Path, username: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.signed_in: SignedIn | None = None
        self.setWindowTitle(self.tr("Sign in - CLCP Desktop"))
        intro = QLabel(self.tr("The records are encrypted. Sign in to open them."))
        intro.setWordWrap(True)
        self.username = QLineEdit(username)
        self.password = password_field()
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        self.message = message_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_in_button = buttons.addButton(
            self.tr("Sign in"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.forgot_button = QPushButton(self.tr("Forgot the password? Use the recovery key"))
        self.forgot_button.setFlat(True)
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        self.forgot_button.clicked.connect(self._recover)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        layout.addWidget(self.forgot_button)
        make_default(self, self.sign_in_button)
        (self.password if username else self.username).setFocus()

    def try_sign_in(self) -> None:
        # Unlocking takes a moment, and the first sign-in after an update of the app also
        # upgrades the database (after a backup), which can take a minute for a large office.
        self.message.setText(
            self.tr("Opening the database… After an update of the app this can take a minute.")
        )
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        QApplication.processEvents()
        try:
            self.signed_in = sign_in(self.db_path, self.username.text(), self.password.text())
        except (ServiceError, StorageError) as error:
            self.message.setText(str(error))
            self.password.clear()
            self.password.setFocus()
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.succeeded.emit()
        self.accept()

    def _recover(self) -> None:
        dialog = RecoveryDialog(self.db_path, self.username.text(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.signed_in is not None:
            self.signed_in = dialog.signed_in
            self.succeeded.emit()
            self.accept()


class RecoveryDialog(QDialog):
    """The printed recovery key sets a new password for an account (an administrator's)."""

    def __init__(self, db_path: Path, username: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.signed_in: SignedIn | None = None
        self.setWindowTitle(self.tr("Recover access"))
        intro = QLabel(
            self.tr(
                "Type the recovery key printed when the office was set up (it is kept in the "
                "office safe), the account to recover, and a new password for it."
            )
        )
        intro.setWordWrap(True)
        self.recovery_key = QLineEdit()
        self.recovery_key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.username = QLineEdit(username)
        self.new_password = NewPasswordFields()
        form = QFormLayout()
        form.addRow(self.tr("Recovery key"), self.recovery_key)
        form.addRow(self.tr("Account"), self.username)
        form.addRow(self.tr("New password"), self.new_password)
        self.message = message_label()
        lay_out_dialog(self, intro, form, self.message, self.try_recover)

    def try_recover(self) -> None:
        if self.new_password.refused(self.message):
            return
        refusal = ShowRefusal(self.message)
        with refusal:
            self.signed_in = sign_in_with_recovery_key(
                self.db_path,
                self.recovery_key.text(),
                self.username.text(),
                self.new_password.value(),
            )
        if not refusal.refused:
            self.accept()
