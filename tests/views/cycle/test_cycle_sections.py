"""Each section of the cycle workspace, driven through its real widgets."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.services.framework.changes import Change, Changes
from desktop.services.usecases.actions import ActionData, IndicatorData
from desktop.services.usecases.harms import HarmPriorityData
from desktop.services.usecases.meetings import MeetingData
from desktop.views.cycle import CycleWorkspace
from tests.views.cycle.cycle_gui_support import (
    click,
    column_texts,
    header_texts,
    open_add,
    pick,
    save,
    set_date,
    tick,
    type_into,
)


def _harm_id(workspace: CycleWorkspace, code: str):  # type: ignore[no-untyped-def]
    harms = workspace.context.services.harms.list().items
    return next(h.id for h in harms if h.data.code == code)


def _select_harm(workspace: CycleWorkspace, code: str) -> None:
    s = workspace.context.services
    s.priorities.create(
        HarmPriorityData(
            cycle_id=workspace.cycle.id,
            harm_id=_harm_id(workspace, code),
            selected=True,
            reasons="Raised by every group.",
        )
    )


def test_record_a_meeting_with_participation(qtbot: QtBot, workspace: CycleWorkspace) -> None:
    changed: list[str] = []
    workspace.context.navigator.changes_made.connect(
        lambda changes: changed.extend(sorted(changes.kinds))
    )
    workspace.show_section("meetings")
    section = workspace.meetings
    assert section.empty.isVisible()

    dialog = open_add(qtbot, section)
    set_date(dialog, "held_on", date(2025, 2, 10))
    pick(dialog, "kind", "Whole community")
    type_into(qtbot, dialog, "place", "Under the mango tree")
    boxes = dialog.form.field("attendance").boxes  # type: ignore[attr-defined]
    qtbot.keyClicks(boxes["women"], "34")
    qtbot.keyClicks(boxes["men"], "21")
    qtbot.keyClicks(boxes["girls"], "0")
    type_into(qtbot, dialog, "decisions", "Hold small-group talks with girls first.")
    save(qtbot, dialog)

    assert not dialog.isVisible()
    assert column_texts(section, 2) == ["Under the mango tree"]
    assert column_texts(section, 3) == ["55"]
    stored = workspace.context.services.meetings.list(where={"cycle_id": workspace.cycle.id})
    assert stored.items[0].data.attendance == {"women": 34, "men": 21, "girls": 0}
    assert changed == ["meeting"]


def test_planning_group_members_are_roles_or_initials(
    qtbot: QtBot, workspace: CycleWorkspace
) -> None:
    workspace.show_section("meetings")
    section = workspace.planning_group
    dialog = open_add(qtbot, section)
    type_into(qtbot, dialog, "label", "Youth leader")
    pick(dialog, "group_code", "Girls")
    save(qtbot, dialog)
    assert column_texts(section, 0) == ["Youth leader"]
    assert column_texts(section, 1) == ["Girls"]


def test_rank_and_select_harms_and_see_the_inclusion_check(
    qtbot: QtBot, workspace: CycleWorkspace
) -> None:
    s = workspace.context.services
    deciding = s.meetings.create(
        MeetingData(
            cycle_id=workspace.cycle.id,
            held_on=date(2025, 3, 3),
            kind="whole_community",
            place="School yard",
            attendance={"women": 30, "men": 12, "boys": 0},
        )
    )
    workspace.show_section("harms")
    section = workspace.harms
    assert "No deciding meeting" in section.inclusion.meetings_label.text()

    dialog = open_add(qtbot, section)
    pick(dialog, "harm_id", "Child marriage")
    boxes = dialog.form.field("ranks").boxes  # type: ignore[attr-defined]
    qtbot.keyClicks(boxes["women"], "1")
    qtbot.keyClicks(boxes["girls"], "2")
    pick(dialog, "decided_at_meeting_id", "2025-03-03 · Whole community · School yard")
    tick(qtbot, dialog, "selected")
    type_into(qtbot, dialog, "reasons", "Girls leave school to marry.")
    save(qtbot, dialog)

    headers = header_texts(section)
    assert headers[0] == "Harm" and "Women" in headers and "Girls" in headers
    assert column_texts(section, 0) == ["Child marriage"]
    assert column_texts(section, headers.index("Women")) == ["1"]
    assert column_texts(section, headers.index("Girls")) == ["2"]
    assert column_texts(section, headers.index("Selected")) == ["✔ Selected"]
    check = section.inclusion.check
    assert check is not None and [m.id for m in check.meetings] == [deciding.id]
    assert "Women (30)" in section.inclusion.present_label.text()
    missing = section.inclusion.missing_label
    assert missing.isVisibleTo(section) and missing.text().startswith("⚠ Missing:")
    for group in ("Girls", "Boys", "Elders", "People with disabilities"):
        assert group in missing.text()
    assert "Women" not in missing.text()


def test_add_actions_overdue_stands_out_and_mark_done(
    qtbot: QtBot, workspace: CycleWorkspace
) -> None:
    _select_harm(workspace, "child_marriage")
    s = workspace.context.services
    stakeholder_id = s.stakeholders.create(
        __import__(
            "desktop.services.usecases.linkages", fromlist=["StakeholderData"]
        ).StakeholderData(name="District probation office", type="social_welfare")
    ).id
    workspace.show_section("actions")
    section = workspace.action_plan

    dialog = open_add(qtbot, section)
    pick(dialog, "harm_id", "Child marriage")
    type_into(qtbot, dialog, "what", "Talk with parents after prayers")
    type_into(qtbot, dialog, "lead_role", "Women's group chair")
    set_date(dialog, "start_on", date(2025, 3, 1))
    set_date(dialog, "due_on", date(2025, 5, 1))  # before the pinned today: overdue
    pick(dialog, "status", "Under way")
    dialog.form.field("stakeholder_ids").check(stakeholder_id)  # type: ignore[attr-defined]
    tick(qtbot, dialog, "is_do_no_harm")
    save(qtbot, dialog)
    dialog = open_add(qtbot, section)
    type_into(qtbot, dialog, "what", "Radio message")
    set_date(dialog, "due_on", date(2025, 9, 1))
    save(qtbot, dialog)

    assert column_texts(section, 1) == ["Talk with parents after prayers", "Radio message"]
    status = section.table.item(0, 4)
    assert status is not None and status.text() == "⚠ Overdue · Under way"
    assert status.font().bold() and status.foreground().color().name() in ("#a40000", "#ff8080")
    assert column_texts(section, 4)[1] == "Planned"
    assert section.overdue_ids() == [section.shown_ids()[0]]
    saved = s.actions.get(section.shown_ids()[0]).data  # type: ignore[arg-type]
    assert saved.stakeholder_ids == frozenset({stakeholder_id}) and saved.is_do_no_harm

    section.table.selectRow(0)
    assert section.done_button.isEnabled()
    click(qtbot, section.done_button)

    assert column_texts(section, 4)[0] == "Done on 2025-06-02"
    assert section.overdue_ids() == []
    assert not section.done_button.isEnabled()


def test_indicator_observations_and_trend_chart(qtbot: QtBot, workspace: CycleWorkspace) -> None:
    workspace.show_section("monitoring")
    page = workspace.monitoring
    dialog = open_add(qtbot, page.indicators)
    type_into(qtbot, dialog, "wording", "Girls we see back in class")
    type_into(qtbot, dialog, "method", "Count at the school gate")
    type_into(qtbot, dialog, "collected_by", "Youth volunteers")
    type_into(qtbot, dialog, "frequency", "Every month")
    type_into(qtbot, dialog, "baseline", "12")
    type_into(qtbot, dialog, "target", "30")
    save(qtbot, dialog)
    assert column_texts(page.indicators, 0) == ["Girls we see back in class"]
    assert page.observations.indicator is not None  # the new indicator is picked

    for day, value in ((date(2025, 3, 31), "14"), (date(2025, 4, 30), "19")):
        dialog = open_add(qtbot, page.observations)
        set_date(dialog, "observed_on", day)
        type_into(qtbot, dialog, "value_number", value)
        save(qtbot, dialog)

    assert column_texts(page.observations, 1) == ["14", "19"]
    assert page.chart.points == [(date(2025, 3, 31), 14.0), (date(2025, 4, 30), 19.0)]
    assert (page.chart.baseline, page.chart.target) == (12.0, 30.0)


def test_reflection_linked_to_actions(qtbot: QtBot, workspace: CycleWorkspace) -> None:
    _select_harm(workspace, "child_marriage")
    s = workspace.context.services
    action = s.actions.create(
        ActionData(cycle_id=workspace.cycle.id, what="Talk with parents", status="under_way")
    )
    s.actions.create(ActionData(cycle_id=workspace.cycle.id, what="Radio message"))
    workspace.show_section("reflection")
    section = workspace.reflection

    dialog = open_add(qtbot, section)
    set_date(dialog, "held_on", date(2025, 5, 20))
    type_into(qtbot, dialog, "what_worked", "Mothers came to every talk.")
    type_into(qtbot, dialog, "adjustments", "Invite fathers in the evening.")
    dialog.form.field("action_ids").check(action.id)  # type: ignore[attr-defined]
    save(qtbot, dialog)

    assert column_texts(section, 4) == ["Talk with parents"]
    stored = s.reflections.list(where={"cycle_id": workspace.cycle.id}).items
    assert stored[0].data.action_ids == frozenset({action.id})


def test_learning_findings_and_feedback(qtbot: QtBot, workspace: CycleWorkspace) -> None:
    s = workspace.context.services
    s.meetings.create(
        MeetingData(cycle_id=workspace.cycle.id, held_on=date(2025, 2, 1), kind="whole_community")
    )
    workspace.show_section("learning")
    section = workspace.learning
    dialog = open_add(qtbot, section)
    pick(dialog, "harm_id", "Child marriage")
    type_into(qtbot, dialog, "summary", "Girls marry at harvest time.")
    type_into(qtbot, dialog, "method", "Body mapping with girls")
    pick(dialog, "feedback_meeting_id", "2025-02-01 · Whole community")
    pick(dialog, "validated", "Confirmed by the community")
    save(qtbot, dialog)
    assert column_texts(section, 0) == ["Child marriage"]
    assert column_texts(section, 3) == ["Confirmed by the community (2025-02-01)"]


def test_phase_dates(qtbot: QtBot, workspace: CycleWorkspace) -> None:
    workspace.show_section("phases")
    section = workspace.phases
    dialog = open_add(qtbot, section)
    pick(dialog, "kind", "Learning")
    set_date(dialog, "start_on", date(2025, 1, 10))
    set_date(dialog, "end_on", date(2025, 2, 20))
    save(qtbot, dialog)
    assert [column_texts(section, c) for c in range(4)] == [
        ["Learning"],
        [""],
        ["2025-01-10"],
        ["2025-02-20"],
    ]
    # Editing an open record puts its values back in the form.
    section.table.selectRow(0)
    click(qtbot, section.edit_button)
    dialog = section.dialog
    assert dialog is not None
    assert dialog.form.values()["end_on"] == date(2025, 2, 20)
    set_date(dialog, "end_on", None)
    save(qtbot, dialog)
    assert column_texts(section, 3) == ["going on"]


def test_open_record_by_id(qtbot: QtBot, workspace: CycleWorkspace) -> None:
    _select_harm(workspace, "child_marriage")
    s = workspace.context.services
    cycle_id = workspace.cycle.id
    s.actions.create(ActionData(cycle_id=cycle_id, what="First"))
    second = s.actions.create(ActionData(cycle_id=cycle_id, what="Second"))
    indicator = s.indicators.create(IndicatorData(cycle_id=cycle_id, wording="Signs"))
    s.indicators.create(IndicatorData(cycle_id=cycle_id, wording="Other signs"))
    observation = s.observations.create(
        __import__(
            "desktop.services.usecases.actions", fromlist=["ObservationData"]
        ).ObservationData(indicator_id=indicator.id, observed_on=date(2025, 4, 1), value_number=3)
    )
    workspace.context.navigator.changes_made.emit(
        Changes((Change("observation", str(observation.id), "created"),))
    )

    workspace.context.navigator.open_record.emit("action", str(second.id))
    assert workspace.current_section() == "actions"
    assert workspace.action_plan.current_id() == second.id

    assert workspace.show_record("observation", str(observation.id))
    assert workspace.current_section() == "monitoring"
    assert workspace.monitoring.indicators.current_id() == indicator.id
    assert workspace.monitoring.observations.current_id() == observation.id
    assert not workspace.show_record("action", "not an id")
    assert not workspace.show_record("community", str(cycle_id))


def test_nothing_offered_that_the_role_may_not_do(qtbot: QtBot, workspace: CycleWorkspace) -> None:
    workspace.show_section("actions")
    assert workspace.action_plan.add_button.isVisibleTo(workspace)
    assert workspace.new_button.isVisibleTo(workspace)
    # Without a selection there is nothing to edit, delete or mark done.
    assert not workspace.action_plan.edit_button.isEnabled()
    assert not workspace.action_plan.done_button.isEnabled()
    assert workspace.nav.count() == 7
    assert workspace.nav.item(0).text() == "Phases"  # type: ignore[union-attr]
    assert Qt.ItemFlag.ItemIsEnabled & workspace.nav.item(6).flags()  # type: ignore[union-attr]


def test_every_section_is_read_from_its_spec(workspace: CycleWorkspace) -> None:
    """Each list of the workspace reads its service, words and columns from its spec; the
    spec's entity is the entity its service holds (permissions and form keys use it)."""
    sections = [
        workspace.phases,
        workspace.meetings,
        workspace.planning_group,
        workspace.learning,
        workspace.harms,
        workspace.action_plan,
        workspace.monitoring.indicators,
        workspace.monitoring.observations,
        workspace.reflection,
    ]
    for section in sections:
        spec = section.spec
        assert section.service().entity == spec.entity == section.entity
        assert section.table.accessibleName() == spec.title
        assert section.add_button.text() == spec.add
        assert section.intro.text() == spec.introduction
    assert header_texts(workspace.phases) == ["Phase", "Notes", "Started", "Ended"]
    workspace.show_section("harms")
    # one column per participant group between the harm and whether it was selected
    headers = header_texts(workspace.harms)
    assert headers[0] == "Harm" and headers[-2:] == ["Selected", "Why"] and len(headers) > 3
