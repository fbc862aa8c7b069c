"""The community's Cycles tab: what each line says, deleting a cycle made by mistake, and a
manager bringing a deleted cycle back."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.models import AuditEvent
from desktop.services.facade import Services
from desktop.services.framework.actor import SYSTEM, Actor
from desktop.services.security.users import AssignmentData, UserData
from desktop.services.usecases.actions import ActionData
from desktop.services.usecases.cycles import CycleData, PhaseData
from desktop.services.usecases.meetings import MeetingData
from desktop.views.communities.cycles import CyclesPanel
from desktop.views.shell.context import AppContext
from tests.views.cycle.cycle_gui_support import TODAY, CycleWorld


def _panel(qtbot: QtBot, context: AppContext, community_id: uuid.UUID) -> CyclesPanel:
    panel = CyclesPanel(context, community_id)
    qtbot.addWidget(panel)
    panel.resize(1200, 400)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def _cells(panel: CyclesPanel) -> list[list[str]]:
    table = panel.table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]  # type: ignore[union-attr]
        for r in range(table.rowCount())
    ]


def _select(qtbot: QtBot, panel: CyclesPanel, number: int) -> None:
    row = next(n for n, cells in enumerate(_cells(panel)) if cells[0] == str(number))
    rect = panel.table.visualRect(panel.table.model().index(row, 1))
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.selected_row() is not None and panel.selected_row().number == number  # type: ignore[union-attr]


def _on_next_box(work: Callable[[QMessageBox], None]) -> None:
    """Answer the question box about to open (``exec()`` blocks the test meanwhile)."""

    def attempt() -> None:
        modal = QApplication.activeModalWidget()
        if not isinstance(modal, QMessageBox):
            QTimer.singleShot(10, attempt)
            return
        work(modal)

    QTimer.singleShot(0, attempt)


def _events(world: CycleWorld, cycle_id: uuid.UUID) -> list[tuple[str, str, dict[str, object]]]:
    with world.context.db.session() as session:
        rows = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.entity_type == "cycle", AuditEvent.entity_id == str(cycle_id))
            .order_by(AuditEvent.seq)
        ).all()
        return [(r.action, r.username, json.loads(r.changes)) for r in rows]


def test_each_line_shows_phase_status_and_counts(qtbot: QtBot, cycle_world: CycleWorld) -> None:
    s = cycle_world.context.services
    cycle_id = cycle_world.cycle_id
    s.phases.create(PhaseData(cycle_id=cycle_id, kind="planning", start_on=date(2025, 5, 1)))
    s.actions.create(ActionData(cycle_id=cycle_id, what="Late", due_on=date(2025, 5, 20)))
    s.actions.create(ActionData(cycle_id=cycle_id, what="Soon", due_on=date(2025, 7, 1)))
    s.meetings.create(
        MeetingData(cycle_id=cycle_id, held_on=date(2025, 5, 5), kind="whole_community")
    )
    s.cycles.create(
        CycleData(community_id=cycle_world.community_id, start_on=date(2025, 6, 1), end_on=TODAY)
    )
    panel = _panel(qtbot, cycle_world.context, cycle_world.community_id)
    headers = [panel.table.horizontalHeaderItem(c).text() for c in range(panel.table.columnCount())]  # type: ignore[union-attr]
    assert headers == [
        "No.", "Title", "Starts", "Ends", "Current phase", "Status",
        "Open actions", "Overdue", "Meetings", "Last meeting",
    ]  # fmt: skip
    first = ["1", "Girls in school", "2025-01-06", "", "Planning", "Active"]
    assert _cells(panel) == [
        ["2", "Cycle 2", "2025-06-01", "2025-06-02", "—", "Active", "0", "", "0", "none yet"],
        [*first, "2", "1", "1", "2025-05-05"],
    ]


def test_a_manager_deletes_a_cycle_and_restores_it(qtbot: QtBot, cycle_world: CycleWorld) -> None:
    s = cycle_world.context.services
    s.actions.create(ActionData(cycle_id=cycle_world.cycle_id, what="Talk with parents"))
    s.actions.create(ActionData(cycle_id=cycle_world.cycle_id, what="Visit the school"))
    s.meetings.create(
        MeetingData(cycle_id=cycle_world.cycle_id, held_on=date(2025, 2, 3), kind="whole_community")
    )
    panel = _panel(qtbot, cycle_world.context, cycle_world.community_id)
    assert panel.show_deleted.isVisible() and not panel.restore_button.isVisible()
    _select(qtbot, panel, 1)
    assert panel.delete_button.isEnabled()
    asked: list[str] = []

    def confirm(box: QMessageBox) -> None:
        asked.append(box.text())
        asked.append(box.informativeText())
        assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
        delete = next(b for b in box.buttons() if b.text() == "&Delete cycle")
        delete.click()

    _on_next_box(confirm)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert asked[0] == "Delete cycle 1, “Girls in school”?"
    assert asked[1].startswith("It holds 1 meeting, 2 actions.")
    assert _cells(panel) == []
    assert s.cycles.list(where={"community_id": cycle_world.community_id}).total == 0
    action, user, changes = _events(cycle_world, cycle_world.cycle_id)[-1]
    assert (action, user) == ("delete", "tester")
    assert changes["held"] == {"meeting": 1, "action": 2}

    qtbot.mouseClick(panel.show_deleted, Qt.MouseButton.LeftButton)
    assert [cells[:2] + cells[5:6] for cells in _cells(panel)] == [
        ["1", "Girls in school", "Deleted"]
    ]
    _select(qtbot, panel, 1)
    assert panel.restore_button.isVisible() and panel.restore_button.isEnabled()
    assert not panel.delete_button.isEnabled() and not panel.open_button.isEnabled()
    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    assert _cells(panel)[0][5] == "Active"
    restored = s.cycles.get(cycle_world.cycle_id)
    assert not restored.is_deleted
    assert s.actions.list(where={"cycle_id": cycle_world.cycle_id}).total == 2
    assert _events(cycle_world, cycle_world.cycle_id)[-1][:2] == ("restore", "tester")


def test_cancel_deletes_nothing(qtbot: QtBot, cycle_world: CycleWorld) -> None:
    panel = _panel(qtbot, cycle_world.context, cycle_world.community_id)
    _select(qtbot, panel, 1)
    _on_next_box(lambda box: box.button(QMessageBox.StandardButton.Cancel).click())
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert len(_cells(panel)) == 1
    assert not cycle_world.context.services.cycles.get(cycle_world.cycle_id).is_deleted


def test_a_facilitator_deletes_only_an_empty_cycle_they_started(
    qtbot: QtBot, cycle_world: CycleWorld, tmp_path: Path
) -> None:
    system = Services(cycle_world.context.db, SYSTEM)
    user = system.users.create(UserData(username="okello", role="facilitator"))
    system.assignments.create(
        AssignmentData(community_id=cycle_world.community_id, user_id=user.id, role="facilitator")
    )
    settings = QSettings(str(tmp_path / "okello.ini"), QSettings.Format.IniFormat)
    context = AppContext.create(
        cycle_world.context.db, Actor("okello", "facilitator"), settings=settings, today=TODAY
    )
    mine = context.services.cycles.create(
        CycleData(community_id=cycle_world.community_id, start_on=TODAY, title="Started twice")
    )
    panel = _panel(qtbot, context, cycle_world.community_id)
    assert not panel.show_deleted.isVisible()  # restoring is a manager's decision
    _select(qtbot, panel, 1)  # started by the manager
    assert not panel.delete_button.isEnabled()
    _select(qtbot, panel, 2)
    assert panel.delete_button.isEnabled()
    _on_next_box(lambda box: next(b for b in box.buttons() if "Delete" in b.text()).click())
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert [cells[0] for cells in _cells(panel)] == ["1"]
    assert _events(cycle_world, mine.id)[-1][:2] == ("delete", "okello")


def test_a_restored_cycle_whose_number_was_taken_gets_the_next_one(
    qtbot: QtBot, cycle_world: CycleWorld
) -> None:
    s = cycle_world.context.services
    s.cycles.delete(cycle_world.cycle_id)
    s.cycles.create(CycleData(community_id=cycle_world.community_id, start_on=TODAY, title="New"))
    panel = _panel(qtbot, cycle_world.context, cycle_world.community_id)
    qtbot.mouseClick(panel.show_deleted, Qt.MouseButton.LeftButton)
    row = next(n for n, cells in enumerate(_cells(panel)) if cells[5] == "Deleted")
    panel.table.selectRow(row)
    told: list[str] = []

    def read(box: QMessageBox) -> None:
        told.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    _on_next_box(read)
    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    assert told == ["Restored as cycle 2: another cycle of this community has number 1 now."]
    assert [(cells[0], cells[1]) for cells in _cells(panel)] == [
        ("2", "Girls in school"),
        ("1", "New"),
    ]
