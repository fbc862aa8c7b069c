"""A fresh encrypted office for the first-day journeys, and keyboard helpers that type
into whatever has the focus, as a person does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.services.security.signin import SignedIn
from desktop.services.usecases.setup import OfficeSetup, create_office
from desktop.storage import keyfile as kf

ADMIN_PASSWORD = "admin password 1"


def new_office(path: Path) -> SignedIn:
    """An office just set up: its administrator, amina, signed in."""
    signed_in, _key = create_office(
        path,
        OfficeSetup(
            office_name="Lira office",
            admin_username="amina",
            admin_display_name="Amina Achieng",
            admin_password=ADMIN_PASSWORD,
        ),
    )
    return signed_in


def own_password(signed_in: SignedIn, username: str, password: str) -> None:
    """The person has already chosen their own password (no change asked at sign-in)."""
    keyring = signed_in.db.keyring
    assert keyring is not None

    def change(data: dict[str, Any]) -> None:
        kf.set_password_slot(data, keyring.master_key, username, password, must_change=False)

    keyring.modify(change)


def ini_settings(folder: Path) -> QSettings:
    return QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)


def focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def type_text(qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(focus(), text)


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier | None = None) -> None:
    if modifier is None:
        qtbot.keyClick(focus(), key)
    else:
        qtbot.keyClick(focus(), key, modifier)


def activate(qtbot: QtBot, window: QWidget) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.raise_()
    qtbot.waitUntil(window.isActiveWindow)
