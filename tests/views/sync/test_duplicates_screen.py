"""File > Possible duplicates… through its real widgets, against a real office server:
two laptops add the same community, a manager sees both side by side and merges them
from the keyboard; an administrator may keep both but not merge (the buttons say why)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.services.framework.actor import Actor
from desktop.services.security.users import UserData
from desktop.services.usecases.communities import CommunityData
from desktop.services.usecases.cycles import CycleData
from desktop.storage import Database
from desktop.sync.accounts import set_password
from desktop.sync.laptop_sync import LaptopSync
from desktop.views.shell.main_window import MainWindow
from desktop.views.sync.duplicates_dialog import DuplicatesDialog
from desktop.views.sync.sync_now import SYNC_RESULT_BOX
from tests.views.shots import save_shot
from tests.views.sync.conftest import PASSWORD, JoinedLaptop, Served
from tests.views.sync.test_sync_screens import message_box, sync_with_password


def add_okwang(laptop: JoinedLaptop, cycles: int) -> uuid.UUID:
    made = laptop.services.communities.create(CommunityData(name="Okwang", district="Lira"))
    for n in range(cycles):
        laptop.services.cycles.create(
            CycleData(community_id=made.id, start_on=date(2026, 3, 1 + n))
        )
    return made.id


def sync(laptop: JoinedLaptop) -> None:
    LaptopSync(laptop.services).sync(LaptopSync(laptop.services).connect(PASSWORD))


def two_laptops_with_one_community(
    served: Served, joined: Callable[[str], JoinedLaptop]
) -> tuple[JoinedLaptop, JoinedLaptop, uuid.UUID]:
    served.office.services.users.create(UserData(username="moses", role="manager"))
    set_password(served.office.db, "moses", PASSWORD, served.office.admin)
    mary, moses = joined("mary"), joined("moses")
    kept = add_okwang(mary, cycles=2)
    add_okwang(moses, cycles=1)
    sync(mary)
    sync(moses)
    return mary, moses, kept


def on_next_box(work: Callable[[QMessageBox], None]) -> None:
    """Answer the question box about to open (``exec()`` blocks the test meanwhile)."""

    def attempt() -> None:
        modal = QApplication.activeModalWidget()
        if not isinstance(modal, QMessageBox):
            QTimer.singleShot(10, attempt)
            return
        work(modal)

    QTimer.singleShot(0, attempt)


def test_a_manager_sees_both_side_by_side_and_merges_from_the_keyboard(
    qtbot: QtBot,
    served: Served,
    joined: Callable[[str], JoinedLaptop],
    open_window: Callable[[Database, Actor], MainWindow],
    tmp_path: Path,
) -> None:
    _mary, moses, kept = two_laptops_with_one_community(served, joined)
    window = open_window(moses.db, moses.actor)
    assert window.commands["duplicates"].isEnabled()
    window.commands["duplicates"].trigger()
    screen = window.findChild(DuplicatesDialog)
    assert screen is not None and screen.isVisible()
    assert screen.table.rowCount() == 1
    assert [screen.table.item(0, c).text() for c in range(3)] == [
        "Community",
        "Okwang (Lira)",
        "Okwang (Lira)",
    ]
    first = {key: field.text() for key, field in screen.first.fields.items()}
    second = {key: field.text() for key, field in screen.second.fields.items()}
    assert (first["name"], first["district"], first["holds"]) == ("Okwang", "Lira", "2 cycles")
    assert first["added"].startswith("mary, today ")
    assert second["added"].startswith("moses, today ") and second["holds"] == "1 cycle"
    assert screen.first.fields["holds"].accessibleName() == "First record: Holds"
    assert screen.table.accessibleName() == "Possible duplicates"
    save_shot(screen, "sync-duplicates", tmp_path)

    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    screen.table.setFocus(Qt.FocusReason.TabFocusReason)
    seen = []
    for _ in range(12):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert screen.first.fields["name"] in seen and screen.second.fields["holds"] in seen
    assert {screen.keep_both, screen.merge_first, screen.merge_second} <= set(seen)

    asked: list[str] = []

    def answer(box: QMessageBox) -> None:
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()

    on_next_box(answer)
    screen.merge_first.setFocus()
    qtbot.keyClick(screen.merge_first, Qt.Key.Key_Space)  # keep the first (Mary's)
    assert "1 cycle" in asked[0]
    assert screen.table.rowCount() == 0
    assert [c.data.name for c in moses.services.communities.list().items].count("Okwang") == 1
    cycles = moses.services.cycles.list(where={"community_id": kept}).items
    assert sorted(c.data.number for c in cycles) == [1, 2, 3]
    assert len(LaptopSync(moses.services).waiting()) == 3  # sent at the next sync


def test_an_administrator_may_keep_both_but_not_merge_and_is_told_why(
    qtbot: QtBot,
    served: Served,
    joined: Callable[[str], JoinedLaptop],
    open_window: Callable[[Database, Actor], MainWindow],
) -> None:
    two_laptops_with_one_community(served, joined)
    ada = joined("ada")
    window = open_window(ada.db, ada.actor)
    sync_with_password(qtbot, window)  # the sync's message points to the screen
    told = message_box(window, SYNC_RESULT_BOX)
    assert told is not None and "File > Possible duplicates" in told.informativeText()
    told.accept()
    window.commands["duplicates"].trigger()
    screen = window.findChild(DuplicatesDialog)
    assert screen is not None and screen.table.rowCount() == 1
    assert screen.keep_both.isEnabled()
    assert not screen.merge_first.isEnabled() and not screen.merge_second.isEnabled()
    assert "cannot delete a community" in screen.merge_first.toolTip()
    screen.keep_both.click()
    assert screen.table.rowCount() == 0
    assert screen.intro.text() == "No possible duplicates: nothing to decide."
