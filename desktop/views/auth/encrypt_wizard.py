"""Opening a database that is not encrypted (made by an older version): the offer to
encrypt it now, and then the new recovery key, shown once with a Print button.

"Not now" opens the records unencrypted, as before; the offer comes back next time.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
    QWizard,
)

from desktop.services.facade import Services
from desktop.services.security.encryption import encrypt_database
from desktop.services.security.passwords import MIN_PASSWORD
from desktop.services.security.signin import SignedIn
from desktop.views.auth.forms import NewPasswordFields, PasswordStepPage, message_label
from desktop.views.auth.setup_wizard import RecoveryKeyPage


class EncryptWizard(QWizard):
    """``signed_in`` is set once the database is encrypted (None: the person said not now)."""

    def __init__(self, db_path: Path, username: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.signed_in: SignedIn | None = None
        self.setWindowTitle(self.tr("Encrypt the records"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Not now"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Encrypt"))
        self.encrypt_page = EncryptPage(self, username)
        self.key_page = RecoveryKeyPage(self)
        self.addPage(self.encrypt_page)
        self.addPage(self.key_page)
        self.resize(640, 500)


class EncryptPage(PasswordStepPage):
    def __init__(self, wizard: EncryptWizard, username: str) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(self.tr("These records are not encrypted"))
        self.setSubTitle(
            self.tr(
                "Anyone who gets hold of this file, or of this computer, can read it. "
                "Encrypt it now: from then on a password is needed to open it."
            )
        )
        explain = QLabel(
            self.tr(
                "Give the user name of an administrator (or, if the records have none yet, "
                "the one to create) and a password of at least {n} characters. The other "
                "accounts get their passwords from the administrator afterwards. "
                "Unencrypted copies in the backups folder are removed."
            ).format(n=MIN_PASSWORD)
        )
        explain.setWordWrap(True)
        self.username = QLineEdit(username)
        self.password = NewPasswordFields()
        self.keep_backups = QCheckBox(self.tr("Keep the unencrypted backup copies"))
        self.message = message_label()
        form = QFormLayout(self)
        form.addRow(explain)
        form.addRow(self.tr("Administrator"), self.username)
        form.addRow(self.tr("Password"), self.password)
        form.addRow("", self.keep_backups)
        form.addRow(self.message)

    def done(self) -> bool:
        return self.wizard_.signed_in is not None

    def run_step(self) -> None:
        """Encrypt when the button is pressed, then show the new recovery key."""
        wizard = self.wizard_
        done = encrypt_database(
            wizard.db_path,
            self.username.text(),
            self.password.value(),
            keep_plain_backups=self.keep_backups.isChecked(),
        )
        wizard.signed_in = done.signed_in
        office = Services(done.signed_in.db, done.signed_in.actor).settings.office_name()
        wizard.key_page.show_key(done.recovery_key, office)


def offer_encryption(db_path: Path, username: str = "") -> SignedIn | None:
    """Show the offer; the signed-in database if it was encrypted, None for "not now"."""
    wizard = EncryptWizard(db_path, username)
    wizard.exec()
    return wizard.signed_in
