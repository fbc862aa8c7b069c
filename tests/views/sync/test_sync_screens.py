"""The window's sync, through its real widgets, against a real office server (uvicorn on
loopback, PostgreSQL behind it): Sync now with the password typed, the status, the
changes waiting, and a conflict between two laptops decided in the conflicts screen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.models import SyncConflict
from desktop.services.framework.actor import Actor
from desktop.services.usecases.communities import CommunityData
from desktop.storage import Database, open_database
from desktop.sync.laptop_sync import LaptopSync
from desktop.views.shell.main_window import MainWindow
from desktop.views.shell.operations import REFUSAL_BOX, run_write
from desktop.views.sync.conflicts_dialog import ConflictsDialog
from desktop.views.sync.server_password import ServerPasswordDialog
from desktop.views.sync.sync_now import SYNC_RESULT_BOX
from desktop.views.sync.waiting_dialog import WaitingChangesDialog
from tests.views.shots import save_shot
from tests.views.sync.conftest import PASSWORD, JoinedLaptop, Served


def sync_with_password(qtbot: QtBot, window: MainWindow, password: str = PASSWORD) -> None:
    """Press Sync now, type the password in the dialog, press Enter; wait for the end."""
    ended: list[bool] = []
    window.sync_now.finished.connect(lambda: ended.append(True))
    window.commands["sync_now"].trigger()
    dialog = window.findChild(ServerPasswordDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(ended), timeout=60_000)


def sync_again(qtbot: QtBot, window: MainWindow) -> None:
    ended: list[bool] = []
    window.sync_now.finished.connect(lambda: ended.append(True))
    window.commands["sync_now"].trigger()
    assert window.findChild(ServerPasswordDialog) is None or not any(
        d.isVisible() for d in window.findChildren(ServerPasswordDialog)
    )
    qtbot.waitUntil(lambda: bool(ended), timeout=60_000)


def message_box(window: MainWindow, name: str) -> QMessageBox | None:
    return next((box for box in window.findChildren(QMessageBox, name) if box.isVisible()), None)


def clash(
    qtbot: QtBot,
    joined: Callable[[str], JoinedLaptop],
    open_window: Callable[[Database, Actor], MainWindow],
    community: object,
    *,
    mine: str,
    theirs: str,
) -> tuple[JoinedLaptop, MainWindow]:
    """Mary and Fatima set one community's notes; Fatima syncs first, then Mary syncs in
    her window and closes the summary: one conflict is open on Mary's laptop."""
    fatima, mary = joined("fatima"), joined("mary")
    mary.set_notes(community, mine)
    fatima.set_notes(community, theirs)
    LaptopSync(fatima.services).sync(LaptopSync(fatima.services).connect(PASSWORD))
    window = open_window(mary.db, mary.actor)
    sync_with_password(qtbot, window)
    message_box(window, SYNC_RESULT_BOX).accept()  # type: ignore[union-attr]
    return mary, window


def test_two_laptops_edit_one_field_and_the_conflict_is_decided_in_the_screen(
    qtbot: QtBot,
    served: Served,
    joined: Callable[[str], JoinedLaptop],
    open_window: Callable[[Database, Actor], MainWindow],
    tmp_path: Path,
) -> None:
    kerewe = served.office.community_id
    fatima, mary = joined("fatima"), joined("mary")
    window = open_window(mary.db, mary.actor)
    status = window.sync_status
    assert status.isVisible() and status.label.text().startswith("Last sync: today")
    assert status.label.text().endswith("0 changes waiting")
    assert window.commands["sync_now"].isEnabled()

    # Mary's edit, made through the runner as every screen writes: the status follows
    run_write(window, window.context, lambda s: mary.set_notes(kerewe, "mary's well"))
    assert status.label.text().endswith("1 change waiting")
    window.commands["waiting"].trigger()
    waiting = window.findChild(WaitingChangesDialog)
    assert waiting is not None and waiting.isVisible()
    assert waiting.table.rowCount() == 1
    record, change, when = (waiting.table.item(0, c).text() for c in range(3))
    assert (record, change) == ("Community “Kéréwé”", "Changed: notes")
    assert when.startswith("today ")
    assert waiting.table.accessibleName() == "Changes waiting to be sent"
    save_shot(waiting, "sync-waiting", tmp_path)

    # Fatima's laptop changed the same field and synced first
    fatima.set_notes(kerewe, "fatima's well")
    connection = LaptopSync(fatima.services).connect(PASSWORD)
    assert LaptopSync(fatima.services).sync(connection).summary.sent == 1

    sync_with_password(qtbot, window)
    line = window.statusBar().currentMessage()
    assert line.startswith("Synced: sent 1, received ") and line.endswith("conflicts 1")
    told = message_box(window, SYNC_RESULT_BOX)
    assert told is not None and "File > Conflicts" in told.informativeText()
    told.accept()
    assert waiting.table.rowCount() == 0  # sent: the list followed
    assert status.conflicts.isVisible() and status.conflicts.text() == "1 conflict"
    save_shot(window, "sync-status", tmp_path)

    status.conflicts.click()
    screen = window.findChild(ConflictsDialog)
    assert screen is not None and screen.isVisible()
    assert screen.table.rowCount() == 1
    cells = [screen.table.item(0, c).text() for c in range(6)]
    assert cells[:3] == ["Community “Kéréwé”", "notes", "fatima's well"]
    assert cells[3].startswith("fatima, ") and cells[4] == "mary's well"
    assert screen.keep_first.text().replace("&", "") == "Keep mine"
    assert screen.keep_second.text().replace("&", "") == "Keep theirs"
    save_shot(screen, "sync-conflicts", tmp_path)

    screen.keep_second.click()  # keep theirs: Fatima's value stays
    assert screen.table.rowCount() == 0
    assert not status.conflicts.isVisible()
    assert mary.services.communities.get(kerewe).data.notes == "fatima's well"

    sync_again(qtbot, window)  # the signed-in connection is used again: no password
    with served.office.db.session() as session:
        row = session.scalars(select(SyncConflict)).one()
        assert row.resolved_at is not None and row.resolved_by == "mary"


def test_a_merged_value_is_an_edit_that_syncs(
    qtbot: QtBot,
    served: Served,
    joined: Callable[[str], JoinedLaptop],
    open_window: Callable[[Database, Actor], MainWindow],
    tmp_path: Path,
) -> None:
    kerewe = served.office.community_id
    _mary, window = clash(qtbot, joined, open_window, kerewe, mine="a well", theirs="a school")
    window.commands["conflicts"].trigger()
    screen = window.findChild(ConflictsDialog)
    assert screen is not None
    screen.write_merged.click()
    assert screen.editor.isVisible() and screen.editor.toPlainText() == "a well"
    screen.editor.selectAll()
    qtbot.keyClicks(screen.editor, "a well and a school")
    save_shot(screen, "sync-conflict-merged", tmp_path)
    screen.save_merged.click()
    assert screen.table.rowCount() == 0
    assert window.sync_status.label.text().endswith("1 change waiting")
    sync_again(qtbot, window)
    assert served.office.services.communities.get(kerewe).data.notes == "a well and a school"


def test_a_server_that_is_down_gives_one_sentence_and_changes_nothing(
    qtbot: QtBot,
    served: Served,
    joined: Callable[[str], JoinedLaptop],
    open_window: Callable[[Database, Actor], MainWindow],
) -> None:
    mary = joined("mary")
    mary.set_notes(served.office.community_id, "kept here")
    window = open_window(mary.db, mary.actor)
    before = window.sync_status.label.text()
    served.stop()
    sync_with_password(qtbot, window)
    box = message_box(window, REFUSAL_BOX)
    assert box is not None and box.text() == "Nothing was synced."
    assert box.informativeText().startswith("Cannot reach the office server at http://127.0.0.1")
    assert "\n" not in box.informativeText()
    assert window.sync_status.label.text() == before  # still 1 change waiting
    assert len(LaptopSync(mary.services).waiting()) == 1


def test_a_database_that_never_joined_offers_no_sync(
    qtbot: QtBot, tmp_path: Path, open_window: Callable[[Database, Actor], MainWindow]
) -> None:
    db = open_database(tmp_path / "alone.db")
    try:
        window = open_window(db, Actor("ada", role="admin"))
        action = window.commands["sync_now"]
        assert not action.isEnabled()
        assert "has not joined an office server" in action.toolTip()
        assert not window.commands["conflicts"].isEnabled()
        assert not window.sync_status.isVisible()
        assert action.shortcut().toString() == "Ctrl+Shift+S"
        window.close()
    finally:
        db.close()
    QApplication.processEvents()


def test_an_edit_to_a_community_reassigned_away_is_kept_at_the_office_and_said(
    qtbot: QtBot,
    served: Served,
    joined: Callable[[str], JoinedLaptop],
    open_window: Callable[[Database, Actor], MainWindow],
    tmp_path: Path,
) -> None:
    fatima = joined("fatima")
    office = served.office.services
    for assignment in office.assignments.list().items:  # no longer hers, on the server
        office.assignments.delete(assignment.id)
    fatima.set_notes(served.office.community_id, "written after she moved on")
    window = open_window(fatima.db, fatima.actor)
    sync_with_password(qtbot, window)
    assert window.statusBar().currentMessage().endswith("; 1 community left your assignments")
    told = message_box(window, SYNC_RESULT_BOX)
    assert told is not None
    save_shot(told, "sync-left-scope", tmp_path)
    assert told.informativeText() == (
        "1 of your edits could not be applied: you may no longer change that record. "
        "It is kept at the office as a conflict, for those who may decide it.\n"
        "No longer among your assignments, removed from this laptop (the office keeps "
        "them): Kéréwé."
    )
    assert LaptopSync(fatima.services).status().conflicts == 0
    with served.office.db.session() as session:
        kept = session.scalars(select(SyncConflict)).one()
    assert (kept.field, kept.other_by) == ("notes", "fatima")


def test_the_conflicts_screen_is_worked_from_the_keyboard(
    qtbot: QtBot,
    served: Served,
    joined: Callable[[str], JoinedLaptop],
    open_window: Callable[[Database, Actor], MainWindow],
) -> None:
    kerewe = served.office.community_id
    mary, window = clash(qtbot, joined, open_window, kerewe, mine="mary's", theirs="fatima's")
    window.commands["conflicts"].trigger()
    screen = window.findChild(ConflictsDialog)
    assert screen is not None
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    screen.table.setFocus(Qt.FocusReason.TabFocusReason)
    order = []
    for _ in range(4):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order[:3] == [screen.keep_first, screen.keep_second, screen.write_merged]
    assert screen.table.accessibleName() == "Conflicts"
    assert screen.editor.accessibleName() == "Merged value"
    qtbot.keyClick(screen.keep_first, Qt.Key.Key_Space)  # keep mine
    assert screen.table.rowCount() == 0
    assert mary.services.communities.get(kerewe).data.notes == "mary's"
    assert len(LaptopSync(mary.services).waiting()) == 1  # the decision syncs as an edit


def test_what_a_sync_receives_shows_on_the_open_pages(
    qtbot: QtBot,
    served: Served,
    joined: Callable[[str], JoinedLaptop],
    open_window: Callable[[Database, Actor], MainWindow],
) -> None:
    mary = joined("mary")
    window = open_window(mary.db, mary.actor)
    model = window.page("communities").model  # type: ignore[attr-defined]

    def names() -> list[str]:
        return [model.index(row, 0).data() for row in range(model.rowCount())]

    assert "Oyam" not in names()
    served.office.services.communities.create(CommunityData(name="Oyam", district="Oyam"))
    sync_with_password(qtbot, window)
    qtbot.waitUntil(lambda: "Oyam" in names())


def test_a_wrong_password_is_one_sentence_and_the_next_sync_asks_again(
    qtbot: QtBot,
    served: Served,
    joined: Callable[[str], JoinedLaptop],
    open_window: Callable[[Database, Actor], MainWindow],
) -> None:
    mary = joined("mary")
    mary.set_notes(served.office.community_id, "still here")
    window = open_window(mary.db, mary.actor)
    sync_with_password(qtbot, window, "not the password")
    box = message_box(window, REFUSAL_BOX)
    assert box is not None and box.text() == "Nothing was synced."
    assert box.informativeText() == "The office server refused: Wrong user name or password."
    box.accept()
    assert len(LaptopSync(mary.services).waiting()) == 1
    sync_with_password(qtbot, window)  # asked again, and now it goes
    assert LaptopSync(mary.services).waiting() == []


def test_an_account_disabled_at_the_office_ends_the_kept_sign_in_with_one_sentence(
    qtbot: QtBot,
    served: Served,
    joined: Callable[[str], JoinedLaptop],
    open_window: Callable[[Database, Actor], MainWindow],
) -> None:
    mary = joined("mary")
    window = open_window(mary.db, mary.actor)
    sync_with_password(qtbot, window)
    users = served.office.services.users
    record = users.list(where={"username": "mary"}).items[0]
    users.update(record.id, replace(record.data, active=False))
    sync_again(qtbot, window)  # the kept sign-in is refused at once, not 15 minutes later
    box = message_box(window, REFUSAL_BOX)
    assert box is not None and box.text() == "Nothing was synced."
    assert box.informativeText() == "Your account was disabled on the office server."
    box.accept()
    assert window.sync_now.connection is None  # the next sync asks for the password
