"""Starting cycles, refused input, and finding everything again after reopening the file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop.services.usecases.actions import ActionData, IndicatorData
from desktop.services.usecases.harms import HarmPriorityData
from desktop.storage import open_database
from desktop.views.cycle import CycleWorkspace, NewCycleDialog
from tests.views.cycle.cycle_gui_support import (
    CycleWorld,
    close_unsaved,
    column_texts,
    make_context,
    open_add,
    pick,
    row_counts,
    save,
    set_date,
    tick,
    type_into,
)


def test_first_cycle_then_next_cycle_with_carry_over(qtbot: QtBot, cycle_world: CycleWorld) -> None:
    context = cycle_world.context
    s = context.services
    # A community with no cycle yet: nothing to carry over.
    from desktop.services.usecases.communities import CommunityData

    new_community = s.communities.create(CommunityData(name="Odek", district="Gulu"))
    first = NewCycleDialog(context, new_community.id)
    qtbot.addWidget(first)
    first.show()
    assert not first.carry_actions.isVisibleTo(first)
    type_into(qtbot, first, "title", "Safe walk to school")
    save(qtbot, first)
    assert first.result() and first.cycle_id is not None
    assert s.cycles.get(first.cycle_id).data.number == 1

    # The community of the fixture has cycle 1 with unfinished work.
    cycle_id = cycle_world.cycle_id
    harm_id = next(h.id for h in s.harms.list().items if h.data.code == "child_marriage")
    s.priorities.create(
        HarmPriorityData(cycle_id=cycle_id, harm_id=harm_id, selected=True, reasons="Heard often.")
    )
    s.actions.create(ActionData(cycle_id=cycle_id, what="Talk with parents", harm_id=harm_id))
    s.actions.create(ActionData(cycle_id=cycle_id, what="Finished", status="done"))
    s.indicators.create(IndicatorData(cycle_id=cycle_id, wording="Girls in class"))
    opened: list[str] = []
    context.navigator.open_cycle.connect(opened.append)

    workspace = CycleWorkspace(context, str(cycle_id))
    qtbot.addWidget(workspace)
    workspace.show()
    dialog = workspace.new_cycle()
    assert dialog.carry_actions.text() == "Its 1 unfinished action (planned or under way)"
    assert dialog.carry_indicators.isEnabled()
    set_date(dialog, "start_on", date(2025, 5, 1))
    tick(qtbot, dialog, "carry_actions")
    tick(qtbot, dialog, "carry_indicators")
    save(qtbot, dialog)

    new_id = dialog.cycle_id
    assert new_id is not None and opened == [str(new_id)]
    assert dialog.carried == (1, 1)
    assert s.cycles.get(new_id).data.number == 2
    carried = s.actions.list(where={"cycle_id": new_id}).items
    assert [a.data.what for a in carried] == ["Talk with parents"]
    next_workspace = CycleWorkspace(context, str(new_id))
    qtbot.addWidget(next_workspace)
    next_workspace.show_section("actions")
    assert column_texts(next_workspace.action_plan, 1) == ["Talk with parents"]
    assert next_workspace.title_label.text() == "Kabale Hill — Cycle 2"


def test_bad_input_shows_inline_messages_and_saves_nothing(
    qtbot: QtBot, workspace: CycleWorkspace
) -> None:
    db = workspace.context.db
    before = row_counts(db)

    workspace.show_section("meetings")
    dialog = open_add(qtbot, workspace.meetings)
    set_date(dialog, "held_on", date(2099, 1, 1))
    boxes = dialog.form.field("attendance").boxes  # type: ignore[attr-defined]
    qtbot.keyClicks(boxes["women"], "12")
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.form.error("held_on").startswith("Cannot be in the future (today is ")
    close_unsaved(dialog)

    workspace.show_section("actions")
    dialog = open_add(qtbot, workspace.action_plan)
    set_date(dialog, "start_on", date(2025, 5, 1))
    set_date(dialog, "due_on", date(2025, 4, 1))
    save(qtbot, dialog)
    assert dialog.form.error("what") == "Required."
    assert dialog.form.error("due_on") == "Cannot be before the start date."
    close_unsaved(dialog)

    workspace.show_section("harms")
    dialog = open_add(qtbot, workspace.harms)
    tick(qtbot, dialog, "selected")
    save(qtbot, dialog)
    assert dialog.form.error("reasons") == "Say why the community selected this harm."
    close_unsaved(dialog)

    workspace.show_section("reflection")
    dialog = open_add(qtbot, workspace.reflection)
    save(qtbot, dialog)
    message = "Write what worked, the challenges or the adjustments."
    assert dialog.form.error("what_worked") == message
    close_unsaved(dialog)

    workspace.show_section("monitoring")
    dialog = open_add(qtbot, workspace.monitoring.indicators)
    save(qtbot, dialog)
    assert dialog.form.error("wording") == "Required."
    close_unsaved(dialog)

    dialog = workspace.new_cycle()
    set_date(dialog, "start_on", date(2025, 5, 1))
    set_date(dialog, "end_on", date(2025, 4, 1))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.form.error("end_on") == "Cannot be before the start date."
    close_unsaved(dialog)

    assert row_counts(db) == before


def test_everything_is_there_after_reopening(
    qtbot: QtBot, workspace: CycleWorkspace, tmp_path: Path
) -> None:
    context = workspace.context
    workspace.show_section("phases")
    dialog = open_add(qtbot, workspace.phases)
    pick(dialog, "kind", "Planning")
    set_date(dialog, "start_on", date(2025, 3, 1))
    save(qtbot, dialog)
    workspace.show_section("meetings")
    dialog = open_add(qtbot, workspace.meetings)
    set_date(dialog, "held_on", date(2025, 3, 5))
    type_into(qtbot, dialog, "place", "Church hall")
    qtbot.keyClicks(dialog.form.field("attendance").boxes["girls"], "8")  # type: ignore[attr-defined]
    save(qtbot, dialog)
    workspace.show_section("harms")
    dialog = open_add(qtbot, workspace.harms)
    pick(dialog, "harm_id", "Child marriage")
    pick(dialog, "decided_at_meeting_id", "2025-03-05 · Whole community · Church hall")
    tick(qtbot, dialog, "selected")
    type_into(qtbot, dialog, "reasons", "Girls asked for it.")
    save(qtbot, dialog)
    workspace.show_section("actions")
    dialog = open_add(qtbot, workspace.action_plan)
    pick(dialog, "harm_id", "Child marriage")
    type_into(qtbot, dialog, "what", "Visit families")
    save(qtbot, dialog)
    workspace.show_section("monitoring")
    dialog = open_add(qtbot, workspace.monitoring.indicators)
    type_into(qtbot, dialog, "wording", "Weddings of girls we hear of")
    save(qtbot, dialog)
    dialog = open_add(qtbot, workspace.monitoring.observations)
    type_into(qtbot, dialog, "value_number", "4")
    save(qtbot, dialog)
    workspace.show_section("reflection")
    dialog = open_add(qtbot, workspace.reflection)
    type_into(qtbot, dialog, "challenges", "Rain kept people home.")
    save(qtbot, dialog)
    workspace.show_section("learning")
    dialog = open_add(qtbot, workspace.learning)
    type_into(qtbot, dialog, "summary", "Fathers decide on marriages.")
    save(qtbot, dialog)
    cycle_id = workspace.cycle.id
    path = context.db.path
    assert path is not None
    workspace.close()
    context.db.close()

    db = open_database(path)
    try:
        again = CycleWorkspace(make_context(db, tmp_path), str(cycle_id))
        qtbot.addWidget(again)
        expected = {
            "phases": (again.phases, 0, ["Planning"]),
            "meetings": (again.meetings, 2, ["Church hall"]),
            "harms": (again.harms, 0, ["Child marriage"]),
            "actions": (again.action_plan, 1, ["Visit families"]),
            "monitoring": (again.monitoring.indicators, 0, ["Weddings of girls we hear of"]),
            "reflection": (again.reflection, 2, ["Rain kept people home."]),
            "learning": (again.learning, 1, ["Fathers decide on marriages."]),
        }
        for key, (section, column, texts) in expected.items():
            again.show_section(key)
            assert column_texts(section, column) == texts, key
        again.show_section("monitoring")
        assert [v for _d, v in again.monitoring.chart.points] == [4.0]
        assert again.harms.inclusion.check is not None
        assert [g.code for g in again.harms.inclusion.check.present] == ["girls"]
    finally:
        db.close()
