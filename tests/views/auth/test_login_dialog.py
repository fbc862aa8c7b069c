"""The sign-in dialog driven with the keyboard, the way a person signs in: type the user
name, Tab, the password, Enter. Enter signs in whatever field has the focus and never
cancels; Escape cancels."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop.views.auth.login_dialog import LoginDialog, RecoveryDialog
from tests.views.admin.accounts_world import ADMIN_PASSWORD, AccountsOffice


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _type(qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(_focus(), text)


def _key(qtbot: QtBot, key: Qt.Key) -> None:
    qtbot.keyClick(_focus(), key)


D = TypeVar("D", bound=QDialog)


def _shown(qtbot: QtBot, dialog: D) -> D:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_typing_tab_and_enter_signs_in(qtbot: QtBot, office: AccountsOffice) -> None:
    dialog = _shown(qtbot, LoginDialog(office.path))
    assert _focus() is dialog.username
    _type(qtbot, "admin")
    _key(qtbot, Qt.Key.Key_Tab)
    assert _focus() is dialog.password
    _type(qtbot, ADMIN_PASSWORD)
    _key(qtbot, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.signed_in is not None
    try:
        assert dialog.signed_in.actor.username == "admin"
    finally:
        dialog.signed_in.db.close()


def test_only_sign_in_takes_enter(qtbot: QtBot, office: AccountsOffice) -> None:
    dialog = _shown(qtbot, LoginDialog(office.path))
    defaults = [b.text() for b in dialog.findChildren(QPushButton) if b.isDefault()]
    auto = [b.text() for b in dialog.findChildren(QPushButton) if b.autoDefault()]
    assert defaults == [dialog.sign_in_button.text()]
    assert auto == [dialog.sign_in_button.text()]


def test_enter_with_a_wrong_password_stays_open_and_says_why(
    qtbot: QtBot, office: AccountsOffice
) -> None:
    dialog = _shown(qtbot, LoginDialog(office.path, "admin"))
    assert _focus() is dialog.password  # the name is known: straight to the password
    _type(qtbot, "not the password")
    _key(qtbot, Qt.Key.Key_Enter)
    assert dialog.isVisible() and dialog.signed_in is None
    assert "Wrong user name or password" in dialog.message.text()
    assert dialog.password.text() == "" and _focus() is dialog.password


def test_enter_after_tabbing_past_every_button_still_signs_in(
    qtbot: QtBot, office: AccountsOffice
) -> None:
    """Focus once on Cancel or "Forgot the password?" must not make them take Enter."""
    dialog = _shown(qtbot, LoginDialog(office.path))
    _type(qtbot, "admin")
    _key(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, ADMIN_PASSWORD)
    for _n in range(4):  # through the buttons and back round to a field
        _key(qtbot, Qt.Key.Key_Tab)
    while not isinstance(_focus(), type(dialog.username)):
        _key(qtbot, Qt.Key.Key_Tab)
    _key(qtbot, Qt.Key.Key_Return)
    assert dialog.signed_in is not None
    dialog.signed_in.db.close()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_escape_cancels(qtbot: QtBot, office: AccountsOffice) -> None:
    dialog = _shown(qtbot, LoginDialog(office.path))
    _type(qtbot, "admin")
    _key(qtbot, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.signed_in is None


def test_short_password_dialogs_make_ok_the_only_default(
    qtbot: QtBot, office: AccountsOffice
) -> None:
    """The recovery dialog uses the shared short-dialog layout: OK alone takes Enter."""
    dialog = _shown(qtbot, RecoveryDialog(office.path, "admin"))
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert [b for b in dialog.findChildren(QPushButton) if b.isDefault()] == [ok]
    assert [b for b in dialog.findChildren(QPushButton) if b.autoDefault()] == [ok]
    dialog.recovery_key.setFocus()
    _type(qtbot, "AAAA-BBBB")
    _key(qtbot, Qt.Key.Key_Return)  # runs OK: refused (wrong key), the dialog stays
    assert dialog.isVisible() and dialog.message.text()
