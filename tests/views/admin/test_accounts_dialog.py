"""The administrator's accounts dialog, driven like a person would: add a facilitator,
assign two communities, reset the password, disable the account; and what the
facilitator can then do when signing in."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop.services.facade import Services
from desktop.services.framework.actor import Actor
from desktop.services.framework.errors import PermissionDenied
from desktop.services.queries.community_list import CommunityQuery
from desktop.services.security.passwords import AccountService
from desktop.services.security.signin import SignInError, sign_in
from desktop.views.admin.accounts_assign import CommunityPicker
from desktop.views.admin.accounts_dialog import AccountsDialog
from desktop.views.auth.forms import NewPasswordFields
from desktop.views.forms import FormDialog
from desktop.views.shell.context import AppContext
from desktop.views.shell.main_window import MainWindow
from tests.views.admin.accounts_world import ADMIN_PASSWORD, AccountsOffice
from tests.views.modals import on_next_modal

FIRST = "first password 1"
SECOND = "second password 2"


def _fill_password(dialog: FormDialog, first: str, again: str) -> None:
    fields = dialog.form.field("password")
    assert isinstance(fields, NewPasswordFields)
    fields.first.setText(first)
    fields.repeat.setText(again)


def _save(dialog: QWidget) -> None:
    assert isinstance(dialog, FormDialog)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def _give_password(password: str) -> Callable[[QWidget], None]:
    def give(modal: QWidget) -> None:
        assert isinstance(modal, FormDialog)
        _fill_password(modal, password, password)
        _save(modal)

    return give


def _cancel_without_asking(dialog: QWidget) -> None:
    assert isinstance(dialog, FormDialog)
    dialog.form.set_values(dialog.form.values())  # nothing unsaved: no question asked
    dialog.reject()


def _cells(dialog: AccountsDialog, username: str) -> list[str]:
    row = dialog.find_row(username)
    assert row >= 0, username
    return [dialog.table.item(row, c).text() for c in range(dialog.table.columnCount())]


def _add_facilitator(qtbot: QtBot, dialog: AccountsDialog) -> None:
    seen: dict[str, str] = {}

    def fill(modal: QWidget) -> None:
        assert isinstance(modal, FormDialog)
        form = modal.form
        username = form.field("username")
        assert isinstance(username, QLineEdit)
        qtbot.keyClicks(username, "Fatuma.A")
        name = form.field("display_name")
        assert isinstance(name, QLineEdit)
        qtbot.keyClicks(name, "Fatuma Achieng")
        role = form.field("role")
        role.setCurrentIndex(role.findData("facilitator"))  # type: ignore[attr-defined]
        _fill_password(modal, FIRST, FIRST + "x")
        _save(modal)  # refused: the two boxes differ
        seen["mismatch"] = form.error("password")
        _fill_password(modal, "short", "short")
        _save(modal)  # refused by the service: too short
        seen["short"] = form.error("password")
        _fill_password(modal, FIRST, FIRST)
        _save(modal)

    on_next_modal(fill)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert seen["mismatch"] == "The two passwords differ."
    assert "At least 8 characters" in seen["short"]


def test_admin_adds_assigns_resets_and_disables_a_facilitator(
    qtbot: QtBot, office: AccountsOffice, admin_context: AppContext
) -> None:
    dialog = AccountsDialog(admin_context)
    qtbot.addWidget(dialog)
    assert _cells(dialog, "admin")[2:4] == ["Administrator", "Active"]

    _add_facilitator(qtbot, dialog)
    assert _cells(dialog, "fatuma.a") == [
        "fatuma.a",
        "Fatuma Achieng",
        "Facilitator",
        "Active",
        "Never",
    ]
    assert dialog.selected() is not None and dialog.selected().username == "fatuma.a"  # type: ignore[union-attr]
    signed_in = sign_in(office.path, "fatuma.a", FIRST)
    assert signed_in.must_change_password
    signed_in.db.close()

    # Assign two communities, found by typing in the picker.
    def pick(modal: QWidget) -> None:
        assert isinstance(modal, CommunityPicker)
        assert modal.list.count() == 3
        qtbot.keyClicks(modal.filter, "kere")  # accents and case do not matter
        assert modal.list.count() == 1
        modal.tick("Kéréwé")
        modal.filter.clear()
        qtbot.keyClicks(modal.filter, "Gulu")
        modal.tick("Amuru")
        modal.filter.clear()
        assert modal.count.text() == "2 ticked"
        qtbot.mouseClick(modal.assign_button, Qt.MouseButton.LeftButton)

    panel = dialog.assignments
    on_next_modal(pick)
    qtbot.mouseClick(panel.assign_button, Qt.MouseButton.LeftButton)
    assigned = sorted(panel.table.item(n, 0).text() for n in range(panel.table.rowCount()))
    assert assigned == ["Amuru", "Kéréwé"]

    facilitator = sign_in(office.path, "fatuma.a", FIRST)
    try:
        seen = Services(facilitator.db, facilitator.actor).list_communities(CommunityQuery())
        assert sorted(row.name for row in seen.items) == ["Amuru", "Kéréwé"]
    finally:
        facilitator.db.close()

    # End one assignment today: it stays listed with its end date.
    panel.table.selectRow(0)
    ended = panel.selected()
    assert ended is not None
    qtbot.mouseClick(panel.end_button, Qt.MouseButton.LeftButton)
    assert panel.rows[ended.id].data.to_on == admin_context.today()

    # A new password: the old one stops working, the new one must be changed at sign-in.
    dialog.table.selectRow(dialog.find_row("fatuma.a"))

    on_next_modal(_give_password(SECOND))
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    with pytest.raises(SignInError):
        sign_in(office.path, "fatuma.a", FIRST)
    again = sign_in(office.path, "fatuma.a", SECOND)
    assert again.must_change_password
    again.db.close()
    assert _cells(dialog, "fatuma.a")[4] != "Never"

    # Disable: the password no longer opens the database.
    dialog.table.selectRow(dialog.find_row("fatuma.a"))

    def yes(modal: QWidget) -> None:
        assert isinstance(modal, QMessageBox)
        modal.button(QMessageBox.StandardButton.Yes).click()

    on_next_modal(yes)
    qtbot.mouseClick(dialog.disable_button, Qt.MouseButton.LeftButton)
    assert _cells(dialog, "fatuma.a")[3] == "Disabled"
    assert not dialog.reset_button.isEnabled() and dialog.enable_button.isEnabled()
    assert not dialog.assignments.assign_button.isEnabled()
    with pytest.raises(SignInError):
        sign_in(office.path, "fatuma.a", SECOND)

    # Enabled again with a new password, which then works.
    on_next_modal(_give_password(FIRST))
    qtbot.mouseClick(dialog.enable_button, Qt.MouseButton.LeftButton)
    assert _cells(dialog, "fatuma.a")[3] == "Active"
    sign_in(office.path, "fatuma.a", FIRST).db.close()

    actions = [e.action for e in Services(office.db, admin_context.actor).audit_log.list().items]
    for expected in ("password.reset", "login", "create", "update"):
        assert expected in actions


def test_own_account_cannot_be_reset_or_disabled_here(
    qtbot: QtBot, admin_context: AppContext
) -> None:
    dialog = AccountsDialog(admin_context)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(dialog.find_row("admin"))
    assert not dialog.disable_button.isEnabled()
    assert not dialog.reset_button.isEnabled()
    assert dialog.assignments.note.text().startswith("Administrators and managers")


def test_cancelled_add_changes_nothing(qtbot: QtBot, admin_context: AppContext) -> None:
    dialog = AccountsDialog(admin_context)
    qtbot.addWidget(dialog)
    on_next_modal(_cancel_without_asking)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 1


@pytest.mark.parametrize("role", ["manager", "facilitator", "mentor"])
def test_other_roles_get_no_accounts_entry_and_the_services_refuse(
    qtbot: QtBot, office: AccountsOffice, admin_context: AppContext, role: str
) -> None:
    from desktop.services.security.users import UserData

    accounts = AccountService(office.db, admin_context.actor)
    accounts.add(UserData(username=f"{role}1", role=role), FIRST)
    actor = Actor(f"{role}1", role=role)
    context = AppContext.create(office.db, actor, settings=admin_context.settings)
    window = MainWindow(office.db, actor=actor, settings=admin_context.settings)
    qtbot.addWidget(window)
    assert not window.commands["accounts"].isVisible()
    with pytest.raises(PermissionDenied):
        AccountService(office.db, actor).reset_password("admin", SECOND)
    with pytest.raises(PermissionDenied):
        AccountService(office.db, actor).add(UserData(username="x1", role="mentor"), FIRST)
    assert context.services.can("create", "user") is False
    sign_in(office.path, "admin", ADMIN_PASSWORD).db.close()


def test_administrator_gets_the_accounts_entry(qtbot: QtBot, office: AccountsOffice) -> None:
    window = MainWindow(office.db, actor=Actor("admin", role="admin"))
    qtbot.addWidget(window)
    assert window.commands["accounts"].isVisible()
