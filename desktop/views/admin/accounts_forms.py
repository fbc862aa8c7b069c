"""The administrator's account forms: a new account, and a new password for an account
(a reset, or re-enabling a disabled account). Messages appear beside the fields."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from desktop.labels import labels
from desktop.models.enums import Role
from desktop.services.framework.records import Record
from desktop.services.security.passwords import MIN_PASSWORD
from desktop.services.security.users import AssignmentData, AssignmentRow, UserData
from desktop.views.auth.forms import NewPasswordFields
from desktop.views.forms import Form, FormDialog, OptionalDateEdit, choice_combo, fit_width
from desktop.views.shell.context import AppContext
from desktop.views.shell.operations import route_form


def _tr(text: str) -> str:
    return QCoreApplication.translate("Accounts", text)


def _password_hint() -> str:
    return _tr(
        "At least {n} characters. Give it to the person privately; they choose their own "
        "at their first sign-in."
    ).format(n=MIN_PASSWORD)


def add_account_form(context: AppContext) -> Form:
    """The fields of a new account (File > Accounts and the setup wizard's staff page);
    on save the account and its key slot exist."""
    accounts = context.services.accounts

    def submit(values: dict[str, Any]) -> Record[UserData]:
        data = UserData(
            username=values["username"].strip(),
            role=values["role"],
            display_name=values["display_name"].strip(),
        )
        return accounts.add(data, values["password"])

    form = Form(context, title=_tr("New account"), submit=submit)
    username = form.add_field(
        "username",
        _tr("&User name:"),
        QLineEdit(),
        hint=_tr("Used to sign in: small letters, digits, dots or dashes, such as a.okello"),
    )
    fit_width(username, 24)
    form.add_field("display_name", _tr("&Full name:"), QLineEdit())
    role: QComboBox = form.add_field("role", _tr("&Role:"), choice_combo(labels(Role)))
    fit_width(role, 18)
    form.add_field("password", _tr("First &password:"), NewPasswordFields(), hint=_password_hint())
    return form


def add_account_dialog(context: AppContext, parent: QWidget | None = None) -> FormDialog:
    """A form for a new account; on Save the account and its key slot exist."""
    dialog = FormDialog(route_form(add_account_form(context), context), parent)
    dialog.setObjectName("add-account")
    return dialog


def set_password_dialog(
    context: AppContext, username: str, *, enable: bool, parent: QWidget | None = None
) -> FormDialog:
    """A new password for ``username``: a reset, or (``enable``) re-enabling the account.

    Either way the account's key slot is made anew from this password; the records are
    not re-encrypted.
    """
    accounts = context.services.accounts

    def submit(values: dict[str, Any]) -> str:
        if enable:
            accounts.enable(username, values["password"])
        else:
            accounts.reset_password(username, values["password"])
        return username

    title = (_tr("Enable the account {user}") if enable else _tr("New password for {user}")).format(
        user=username
    )
    form = Form(context, title=title, submit=submit)
    form.add_field("password", _tr("New &password:"), NewPasswordFields(), hint=_password_hint())
    dialog = FormDialog(route_form(form, context), parent)
    dialog.setObjectName("set-password")
    return dialog


def dates_dialog(
    context: AppContext, row: AssignmentRow, parent: QWidget | None = None
) -> FormDialog:
    """Change when an assignment starts and ends (ending it keeps the record)."""

    def submit(values: dict[str, Any]) -> Record[AssignmentData]:
        data = replace(row.data, from_on=values["from_on"], to_on=values["to_on"])
        return context.services.assignments.update(row.id, data, expected_version=row.version)

    form = Form(
        context,
        title=_tr("Dates of the assignment to {name}").format(name=row.community_name),
        submit=submit,
    )
    form.add_field("from_on", _tr("&From:"), OptionalDateEdit())
    form.add_field(
        "to_on",
        _tr("&Until:"),
        OptionalDateEdit(),
        hint=_tr("After this day the person no longer sees the community's records."),
    )
    form.set_values({"from_on": row.data.from_on, "to_on": row.data.to_on})
    return FormDialog(route_form(form, context), parent)
