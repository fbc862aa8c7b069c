"""The administrator's accounts dialog: every account with its role and state, and the
buttons to add one, give one a new password, disable or enable it, and choose the
communities a facilitator or mentor works with.

Everything goes through the account and assignment services, which check the
permission matrix and audit each change; the dialog is offered to administrators only,
and the services refuse anyone else anyway.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.labels import label
from desktop.services.security.passwords import AccountSummary
from desktop.views.admin.accounts_assign import AssignmentsPanel
from desktop.views.admin.accounts_forms import add_account_dialog, set_password_dialog
from desktop.views.auth.forms import message_label
from desktop.views.forms.tables import fill_table, record_table, selected_id
from desktop.views.shell.context import AppContext
from desktop.views.shell.operations import run_write


def may_manage_accounts(context: AppContext) -> bool:
    """Whether to offer the dialog: the role may add accounts."""
    return context.services.can("create", "user")


class AccountsDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.accounts = context.services.accounts
        self.people: dict[uuid.UUID, AccountSummary] = {}
        self.setWindowTitle(self.tr("Accounts"))
        self.setSizeGripEnabled(True)
        intro = self._introduction()
        top = self._account_list()
        self.assignments = AssignmentsPanel(context)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.assignments)
        splitter.setChildrenCollapsible(False)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(close)
        self.table.itemSelectionChanged.connect(self._on_selected)
        self.resize(820, 640)
        self.reload()

    def _introduction(self) -> QLabel:
        """What accounts are, and (for a plain file) why they have no passwords."""
        intro = QLabel(
            self.tr(
                "Everyone who uses this office's records has an account. A new or reset "
                "password must be changed at the first sign-in. A disabled account's "
                "password no longer opens the records; its past work stays."
            )
        )
        intro.setWordWrap(True)
        if not self.accounts.protected:
            intro.setText(
                intro.text()
                + " "
                + self.tr(
                    "This database is not encrypted, so accounts have no passwords: "
                    "encrypt it first (see the administrator's guide)."
                )
            )
        return intro

    def _account_list(self) -> QWidget:
        """The table of accounts with its buttons and the line for messages."""
        self.table = record_table(
            [
                self.tr("User name"),
                self.tr("Full name"),
                self.tr("Role"),
                self.tr("State"),
                self.tr("Last sign-in"),
            ],
            self.tr("Accounts"),
            stretch=1,
        )
        self.add_button = QPushButton(self.tr("&Add account…"))
        self.reset_button = QPushButton(self.tr("New &password…"))
        self.disable_button = QPushButton(self.tr("&Disable"))
        self.enable_button = QPushButton(self.tr("&Enable…"))
        self.add_button.clicked.connect(self.add_account)
        self.reset_button.clicked.connect(self.reset_password)
        self.disable_button.clicked.connect(self.disable)
        self.enable_button.clicked.connect(self.enable)
        row = QHBoxLayout()
        for button in (self.add_button, self.reset_button, self.disable_button, self.enable_button):
            row.addWidget(button)
        row.addStretch(1)
        self.message = message_label()
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table, 1)
        top_layout.addLayout(row)
        top_layout.addWidget(self.message)
        return top

    # ------------------------------------------------------------------ showing
    def reload(self, select: str | None = None) -> None:
        """Read the accounts again; keep (or move to) the account named ``select``."""
        current = self.selected()
        wanted = select or (current.username if current is not None else None)
        self.people = {person.id: person for person in self.accounts.accounts()}
        fill_table(
            self.table,
            [
                (
                    person.id,
                    [
                        person.username,
                        person.display_name,
                        label(person.role),
                        self._state(person),
                        self._last_sign_in(person),
                    ],
                )
                for person in self.people.values()
            ],
        )
        for n, person in enumerate(self.people.values()):
            if person.username == wanted:
                self.table.selectRow(n)
        self._on_selected()

    def _state(self, person: AccountSummary) -> str:
        if not person.active:
            return self.tr("Disabled")
        if self.accounts.protected and not person.has_password:
            return self.tr("No password yet")
        return self.tr("Active")

    def _last_sign_in(self, person: AccountSummary) -> str:
        """The person looking at the list is signed in right now, whatever the trail says
        (a window opened by the setup wizard or on a file without passwords has no
        sign-in of its own): "Now (this session)", never "Never"."""
        if person.username == self.context.actor.username:
            return self.tr("Now (this session)")
        return self._when(person.last_sign_in)

    def _when(self, moment: datetime | None) -> str:
        if moment is None:
            return self.tr("Never")
        return moment.astimezone().strftime("%Y-%m-%d %H:%M")

    def selected(self) -> AccountSummary | None:
        chosen = selected_id(self.table)
        return self.people.get(chosen) if chosen is not None else None

    def find_row(self, username: str) -> int:
        """The table row of ``username`` (-1 when not listed)."""
        for n, person in enumerate(self.people.values()):
            if person.username == username:
                return n
        return -1

    def _on_selected(self) -> None:
        person = self.selected()
        may = may_manage_accounts(self.context)
        own = person is not None and person.username == self.context.actor.username
        self.add_button.setEnabled(may)
        self.reset_button.setEnabled(may and person is not None and person.active and not own)
        self.disable_button.setEnabled(may and person is not None and person.active and not own)
        self.enable_button.setEnabled(may and person is not None and not person.active)
        self.reset_button.setToolTip(
            self.tr("Change your own password from the File menu.") if own else ""
        )
        self.message.clear()
        self.assignments.show_person(person)

    # ------------------------------------------------------------------ actions
    def add_account(self) -> None:
        dialog = add_account_dialog(self.context, self)
        if dialog.exec():
            username = dialog.form.values()["username"].strip().lower()
            self._changed(username)

    def reset_password(self) -> None:
        person = self.selected()
        if (
            person is not None
            and set_password_dialog(self.context, person.username, enable=False, parent=self).exec()
        ):
            self._changed(person.username)

    def enable(self) -> None:
        person = self.selected()
        if (
            person is not None
            and set_password_dialog(self.context, person.username, enable=True, parent=self).exec()
        ):
            self._changed(person.username)

    def disable(self) -> None:
        person = self.selected()
        if person is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Disable the account"),
            self.tr(
                "Disable {name}? Their password will no longer open the records. Their "
                "past work stays, and you can enable the account again with a new password."
            ).format(name=person.display_name or person.username),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        outcome = run_write(
            self,
            self.context,
            lambda _services: self.accounts.disable(person.username),
            failed=self.tr("The account was not disabled."),
            reload=self.reload,
        )
        if outcome.ok:
            self._changed(person.username)

    def _changed(self, username: str) -> None:
        """Show the list again after a change (the dialogs' forms announced it already)."""
        self.reload(select=username)
