"""The idle lock covers the window, needs the password, and leaves an open form as it was."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from desktop.services.framework.actor import Actor
from desktop.views.auth.idle_lock import IdleLock, install_idle_lock
from desktop.views.shell.context import AppContext
from tests.services.security.security_world import PASSWORD, Office


def _window(qtbot: QtBot) -> tuple[QWidget, QLineEdit]:
    window = QWidget()
    field = QLineEdit()
    QFormLayout(window).addRow("Decisions", field)
    qtbot.addWidget(window)
    window.resize(500, 300)
    window.show()
    return window, field


def test_locking_keeps_an_unsaved_draft(qtbot: QtBot, office: Office) -> None:
    context = AppContext.create(office.db, Actor("facilitator1", "facilitator"))
    window, field = _window(qtbot)
    lock = install_idle_lock(window, context)
    assert isinstance(lock, IdleLock)
    assert lock.timer.interval() == 10 * 60_000  # the office default
    field.setFocus()
    qtbot.keyClicks(field, "Elders will visit the school")

    lock.timer.timeout.emit()  # as if ten minutes passed without input
    assert lock.locked and lock.cover is not None
    assert lock.cover.isVisible() and lock.cover.geometry() == window.rect()
    qtbot.keyClicks(field, " EXTRA")  # input under the cover is swallowed
    assert field.text() == "Elders will visit the school"

    qtbot.keyClicks(lock.cover.password, "wrong one")
    qtbot.keyClick(lock.cover.password, Qt.Key.Key_Return)
    assert lock.locked
    assert "Wrong" in lock.cover.message.text()
    qtbot.keyClicks(lock.cover.password, PASSWORD)
    qtbot.mouseClick(lock.cover.unlock_button, Qt.MouseButton.LeftButton)

    assert not lock.locked
    assert field.text() == "Elders will visit the school"
    qtbot.keyClicks(field, ", on Monday")
    assert field.text() == "Elders will visit the school, on Monday"
    actions = [e.action for e in office.services("manager").audit_log.list().items[:4]]
    assert actions[:2] == ["unlock", "login.failed"] and "lock" in actions


def test_the_idle_time_is_an_office_setting(qtbot: QtBot, office: Office) -> None:
    office.services("admin").settings.set_idle_lock_minutes(3)
    context = AppContext.create(office.db, Actor("mentor1", "mentor"))
    window, _field = _window(qtbot)
    lock = install_idle_lock(window, context)
    assert lock is not None and lock.timer.interval() == 3 * 60_000
