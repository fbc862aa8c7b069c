"""Sync now when the laptop and the office have drifted to two passwords, through the real
widgets and a real office server: the second question asks the other password once,
the sync goes on, and afterwards one password opens both."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.services.framework.actor import Actor
from desktop.services.security.signin import SignInError
from desktop.storage import Database
from desktop.sync.accounts import authenticate, set_password
from desktop.views.shell.main_window import MainWindow
from desktop.views.sync.server_password import ServerPasswordDialog
from desktop.views.sync.sync_now import SYNC_RESULT_BOX
from tests.views.shots import save_shot
from tests.views.sync.conftest import PASSWORD, JoinedLaptop, Served

NEW = "a brand new one"


def answer(qtbot: QtBot, window: MainWindow, name: str, password: str) -> ServerPasswordDialog:
    """Type ``password`` in the visible password question ``name`` and press Enter."""
    dialog = next(d for d in window.findChildren(ServerPasswordDialog, name) if d.isVisible())
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    return dialog


def sync_answering(
    qtbot: QtBot, window: MainWindow, first: str, second: str | None, tmp_path: Path, shot: str
) -> str:
    """Sync now, answer the usual question and (if asked) the second; the message told."""
    ended: list[bool] = []
    window.sync_now.finished.connect(lambda: ended.append(True))
    window.commands["sync_now"].trigger()
    answer(qtbot, window, "server_password", first)
    if second is not None:
        qtbot.waitUntil(
            lambda: any(
                d.isVisible() for d in window.findChildren(ServerPasswordDialog, "office_password")
            ),
            timeout=60_000,
        )
        dialog = next(
            d for d in window.findChildren(ServerPasswordDialog, "office_password") if d.isVisible()
        )
        save_shot(dialog, shot, tmp_path)
        answer(qtbot, window, "office_password", second)
    qtbot.waitUntil(lambda: bool(ended), timeout=60_000)
    box = next(b for b in window.findChildren(QMessageBox, SYNC_RESULT_BOX) if b.isVisible())
    told = box.informativeText()
    box.accept()
    return told


def office_takes(served: Served, password: str) -> bool:
    try:
        authenticate(served.office.db, "mary", password)
    except SignInError:
        return False
    return True


def test_a_password_changed_in_settings_reaches_the_office_at_the_next_sync(
    qtbot: QtBot,
    served: Served,
    joined: Callable[[str], JoinedLaptop],
    open_window: Callable[[Database, Actor], MainWindow],
    tmp_path: Path,
) -> None:
    mary = joined("mary")
    mary.services.accounts.change_own_password(PASSWORD, NEW)
    window = open_window(mary.db, mary.actor)
    told = sync_answering(qtbot, window, NEW, PASSWORD, tmp_path, "sync-previous-password")
    assert told == "The office server now has the password you set on this laptop."
    assert office_takes(served, NEW) and not office_takes(served, PASSWORD)


def test_a_password_changed_at_the_office_is_asked_once_and_opens_the_laptop_too(
    qtbot: QtBot,
    served: Served,
    joined: Callable[[str], JoinedLaptop],
    open_window: Callable[[Database, Actor], MainWindow],
    tmp_path: Path,
) -> None:
    mary = joined("mary")
    set_password(served.office.db, "mary", NEW, served.office.admin)
    window = open_window(mary.db, mary.actor)
    told = sync_answering(qtbot, window, PASSWORD, NEW, tmp_path, "sync-office-password")
    assert told == "This laptop now opens with your office server password."
    assert mary.services.accounts.opens_own_slot(NEW)
    assert not mary.services.accounts.opens_own_slot(PASSWORD)


def test_with_a_sign_in_still_held_the_new_password_alone_is_enough(
    qtbot: QtBot,
    served: Served,
    joined: Callable[[str], JoinedLaptop],
    open_window: Callable[[Database, Actor], MainWindow],
    tmp_path: Path,
) -> None:
    mary = joined("mary")
    mary.set_notes(served.office.community_id, "so a sync says something")
    window = open_window(mary.db, mary.actor)
    ended: list[bool] = []
    window.sync_now.finished.connect(lambda: ended.append(True))
    window.commands["sync_now"].trigger()
    answer(qtbot, window, "server_password", PASSWORD)
    qtbot.waitUntil(lambda: bool(ended), timeout=60_000)
    assert window.sync_now.connection is not None
    mary.services.accounts.change_own_password(PASSWORD, NEW)
    told = sync_answering(qtbot, window, NEW, None, tmp_path, "")
    assert told == "The office server now has the password you set on this laptop."
    assert office_takes(served, NEW)
