"""The dates of a new assignment, and how assignment and account changes are announced.

A date that cannot be read is refused beside its field, never saved as "Not set" (an
Until typed wrong would otherwise make the work endless)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.services.facade import Services
from desktop.services.framework.changes import Changes
from desktop.services.queries.community_list import CommunityQuery
from desktop.services.security.passwords import AccountService, AccountSummary
from desktop.services.security.users import UserData
from desktop.views.admin.accounts_assign import CommunityPicker
from desktop.views.admin.accounts_dialog import AccountsDialog
from desktop.views.shell.context import AppContext
from tests.views.admin.accounts_world import AccountsOffice
from tests.views.modals import on_next_modal


def _facilitator(context: AppContext) -> AccountSummary:
    accounts = AccountService(context.db, context.actor)
    accounts.add(UserData("okello", role="facilitator", display_name="Okello"), "first pass 1")
    return next(p for p in accounts.accounts() if p.username == "okello")


def _retype(qtbot: QtBot, text: str) -> None:
    """Select what the focused field holds and type ``text`` over it, as a person does."""
    field = QApplication.focusWidget()
    assert field is not None
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def _open_picker(qtbot: QtBot, context: AppContext) -> tuple[CommunityPicker, AccountSummary]:
    person = _facilitator(context)
    picker = CommunityPicker(context, person)
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitExposed(picker)
    picker.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is picker)
    picker.tick("Amuru")
    return picker, person


def test_an_unreadable_until_is_refused_beside_it_and_nothing_is_saved(
    qtbot: QtBot, office: AccountsOffice, admin_context: AppContext
) -> None:
    picker, person = _open_picker(qtbot, admin_context)
    heard: list[Changes] = []
    admin_context.navigator.changes_made.connect(heard.append)
    picker.to_on.setFocus()  # a click into Until
    _retype(qtbot, "end of 2025")
    qtbot.mouseClick(picker.assign_button, Qt.MouseButton.LeftButton)

    assert picker.isVisible()
    until_error = picker.date_errors[picker.to_on]
    assert until_error.isVisible() and "Not a date" in until_error.text()
    assert not picker.date_errors[picker.from_on].isVisible()
    assert QApplication.focusWidget() is picker.to_on
    services = Services(office.db, admin_context.actor)
    assert services.assignments.of_person(person.id) == []
    assert heard == []

    _retype(qtbot, "2025-12-31")
    qtbot.mouseClick(picker.assign_button, Qt.MouseButton.LeftButton)
    assert not picker.isVisible()
    [saved] = services.assignments.of_person(person.id)
    assert (saved.community_name, saved.data.to_on) == ("Amuru", date(2025, 12, 31))
    assert len(heard) == 1 and heard[0].touches("community_assignment")
    assert heard[0].uuids("community_assignment", "created") == {saved.id}


def test_an_impossible_from_day_is_refused_too(
    qtbot: QtBot, office: AccountsOffice, admin_context: AppContext
) -> None:
    picker, person = _open_picker(qtbot, admin_context)
    picker.from_on.setFocus()  # a click into From
    _retype(qtbot, "2025-02-30")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # Enter is Assign

    assert picker.isVisible()
    assert "No such day" in picker.date_errors[picker.from_on].text()
    assert Services(office.db, admin_context.actor).assignments.of_person(person.id) == []


def test_ending_an_assignment_and_disabling_an_account_are_announced(
    qtbot: QtBot, office: AccountsOffice, admin_context: AppContext
) -> None:
    person = _facilitator(admin_context)
    services = Services(office.db, admin_context.actor)
    amuru = next(
        r.id for r in services.list_communities(CommunityQuery()).items if r.name == "Amuru"
    )
    services.assignments.assign_many(person.id, person.role, [amuru], date(2025, 1, 1), None)
    dialog = AccountsDialog(admin_context)
    qtbot.addWidget(dialog)
    heard: list[Changes] = []
    admin_context.navigator.changes_made.connect(heard.append)
    dialog.table.selectRow(dialog.find_row("okello"))
    dialog.assignments.table.selectRow(0)
    qtbot.mouseClick(dialog.assignments.end_button, Qt.MouseButton.LeftButton)
    [row] = services.assignments.of_person(person.id)
    assert row.data.to_on == admin_context.today()
    assert [c.kinds for c in heard] == [frozenset({"community_assignment"})]

    on_next_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())  # type: ignore[attr-defined]
    qtbot.mouseClick(dialog.disable_button, Qt.MouseButton.LeftButton)
    assert heard[-1].touches("user") and heard[-1].initiator is dialog
    assert dialog.table.item(dialog.find_row("okello"), 3).text() == "Disabled"
