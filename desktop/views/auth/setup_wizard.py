"""First run: the office, its participant groups, the first administrator, the recovery
key, then the staff accounts and the first communities.

The encrypted database is made when the administrator's page is completed; the next page
shows the recovery key once, with a button to print it for the office safe. The staff and
communities pages (``auth_setup_pages``) can each be skipped: File > Accounts and New
community do the same later.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QPageLayout, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.services.facade import Services
from desktop.services.security.passwords import MIN_PASSWORD
from desktop.services.security.signin import SignedIn
from desktop.services.usecases.setup import OfficeSetup, check_setup, create_office
from desktop.views.auth.forms import NewPasswordFields, PasswordStepPage, message_label
from desktop.views.auth.setup_pages import FirstCommunitiesPage, StaffPage
from desktop.views.forms import confirm_leave


class SetupWizard(QWizard):
    """``signed_in`` and ``recovery_key`` are set once the database exists."""

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.signed_in: SignedIn | None = None
        self.recovery_key = ""
        self.logo: bytes | None = None
        self.setWindowTitle(self.tr("Set up CLCP Desktop"))
        self.office_page = self._office_page()
        self.admin_page = AdminPage(self)
        self.key_page = RecoveryKeyPage(self)
        self.staff_page = StaffPage()
        self.communities_page = FirstCommunitiesPage()
        pages = (
            self.office_page,
            self.admin_page,
            self.key_page,
            self.staff_page,
            self.communities_page,
        )
        for page in pages:
            self.addPage(page)
        self.resize(720, 640)

    def reject(self) -> None:
        """Cancel (or Escape) on the staff or communities page: what is typed there and not
        yet added is asked about, as in any form, before the wizard closes."""
        if self.signed_in is not None and not confirm_leave(self):
            return
        super().reject()

    def _office_page(self) -> QWizardPage:
        page = QWizardPage()
        page.setTitle(self.tr("Your office"))
        page.setSubTitle(
            self.tr("The office name and logo appear on the screens and printed reports.")
        )
        self.office_name = QLineEdit()
        self.extra_groups = QLineEdit()
        self.extra_groups.setPlaceholderText(self.tr("for example: adolescent girls, youth"))
        groups_note = QLabel(
            self.tr(
                "Meetings count participants by group: girls, boys, women, men, elders and "
                "people with disabilities. Add other groups your office follows, separated "
                "by commas (you can change groups later in Settings)."
            )
        )
        groups_note.setWordWrap(True)
        self.logo_label = QLabel(self.tr("No logo"))
        choose = QPushButton(self.tr("Choose a &logo..."))
        choose.setAutoDefault(False)  # Enter is the wizard's Next, even after Tab reached this
        choose.clicked.connect(self._choose_logo)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_label, 1)
        logo_row.addWidget(choose)
        form = QFormLayout(page)
        form.addRow(self.tr("Office name"), self.office_name)
        form.addRow(groups_note)
        form.addRow(self.tr("Other groups"), self.extra_groups)
        form.addRow(self.tr("Logo (optional)"), logo_row)
        page.registerField("office_name*", self.office_name)
        return page

    def _choose_logo(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Office logo"), "", self.tr("Pictures (*.png *.jpg *.jpeg)")
        )
        if name:
            self.logo = Path(name).read_bytes()
            self.logo_label.setText(Path(name).name)

    def setup(self) -> OfficeSetup:
        extra = [part.strip() for part in self.extra_groups.text().split(",") if part.strip()]
        return OfficeSetup(
            office_name=self.office_name.text(),
            admin_username=self.admin_page.username.text(),
            admin_display_name=self.admin_page.display_name.text(),
            admin_password=self.admin_page.password.value(),
            extra_groups=extra,
            logo=self.logo,
        )


class AdminPage(PasswordStepPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(self.tr("The first administrator"))
        self.setSubTitle(
            self.tr(
                "The administrator adds the other accounts. Choose a password of at least "
                "{n} characters."
            ).format(n=MIN_PASSWORD)
        )
        # Once the database is made there is no going back to change what made it.
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Create the database"))
        self.username = QLineEdit()
        self.display_name = QLineEdit()
        self.password = NewPasswordFields()
        self.message = message_label()
        form = QFormLayout(self)
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Full name"), self.display_name)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.message)

    def done(self) -> bool:
        return self.wizard_.signed_in is not None

    def run_step(self) -> None:
        """Create the database when Next is pressed, then show the recovery key."""
        wizard = self.wizard_
        setup = wizard.setup()
        check_setup(setup)
        wizard.signed_in, wizard.recovery_key = create_office(wizard.db_path, setup)
        wizard.key_page.show_key(wizard.recovery_key, setup.office_name)


class RecoveryKeyPage(QWizardPage):
    """Shows the recovery key once, with a Print button; the wizard it is in keeps
    ``signed_in`` (to audit the print)."""

    def __init__(self, wizard: QWizard) -> None:
        super().__init__()
        self.office_name = ""
        self.setTitle(self.tr("Your recovery key"))
        self.setSubTitle(
            self.tr(
                "If every administrator forgets their password, only this key opens the "
                "records. It is shown this once: print it and keep it in the office safe."
            )
        )
        self.key = QLabel()
        self.key.setStyleSheet("font-family: monospace; font-size: 16pt; padding: 12px;")
        self.key.setTextInteractionFlags(self.key.textInteractionFlags())
        self.print_button = QPushButton(self.tr("&Print the recovery key..."))
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self.print_key)
        layout = QVBoxLayout(self)
        layout.addWidget(self.key)
        layout.addWidget(self.print_button)
        layout.addStretch(1)

    def show_key(self, key: str, office_name: str) -> None:
        self.key.setText(key)
        self.office_name = office_name

    def key_document(self) -> QTextDocument:
        document = QTextDocument()
        document.setHtml(
            "<h2>{title}</h2><p>{office}</p><p style='font-family: monospace; font-size: 18pt'>"
            "{key}</p><p>{note}</p>".format(
                title=self.tr("CLCP Desktop recovery key"),
                office=self.office_name,
                key=self.key.text(),
                note=self.tr(
                    "Keep this sheet in the office safe. With it, a forgotten administrator "
                    "password can be replaced. Anyone holding it together with the database "
                    "file can read the records."
                ),
            )
        )
        return document

    def print_key(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        painter = QPainter(printer)
        try:
            document = self.key_document()
            document.setPageSize(printer.pageRect(QPrinter.Unit.DevicePixel).size())
            document.drawContents(painter)
        finally:
            painter.end()
        wizard = self.wizard()
        signed_in = getattr(wizard, "signed_in", None)
        if isinstance(signed_in, SignedIn):
            Services(signed_in.db, signed_in.actor).audit_log.record_print("recovery_key")
