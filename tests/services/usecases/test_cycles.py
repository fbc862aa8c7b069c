from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from desktop.services.facade import Services
from desktop.services.framework.actor import Actor
from desktop.services.framework.errors import PermissionDenied
from desktop.services.security.users import AssignmentData
from desktop.services.usecases.actions import ActionData
from desktop.services.usecases.cycles import CycleData, LearningFindingData, PhaseData
from desktop.services.usecases.meetings import MeetingData
from desktop.storage import Database
from tests.services.service_contract import assert_refused, audit_events, check_crud
from tests.services.service_world import START, World


def test_cycle_life(db: Database, services: Services, world: World) -> None:
    community_id = world.community.id
    check_crud(
        db,
        services.cycles,
        CycleData(community_id=community_id, start_on=START, title="Second cycle"),
        CycleData(community_id=community_id, start_on=date(2023, 5, 1), title="Older"),
        lambda d: replace(d, title="Second cycle: school", status="completed"),
        where={"status": "completed"},
        search="school",
        sort_field="start_on",
    )


def test_cycle_numbers_follow_on_per_community(services: Services, world: World) -> None:
    assert world.cycle.data.number == 1
    second = services.cycles.create(CycleData(community_id=world.community.id, start_on=START))
    third = services.cycles.create(
        CycleData(community_id=world.community.id, start_on=START, number=0)
    )
    assert (second.data.number, third.data.number) == (2, 3)
    assert world.other_cycle.data.number == 1
    kept = services.cycles.update(second.id, replace(second.data, number=None, title="Kept"))
    assert kept.data.number == 2
    moved = services.cycles.update(
        second.id, replace(second.data, community_id=world.other_community.id, number=None)
    )
    assert moved.data.number == 2  # the next free number in the other community


def test_cycle_number_unique_among_live_cycles(
    db: Database, services: Services, world: World
) -> None:
    data = CycleData(community_id=world.community.id, start_on=START, number=1)
    assert_refused(db, lambda: services.cycles.create(data), "number")
    services.cycles.delete(world.cycle.id)
    reused = services.cycles.create(data)
    assert reused.data.number == 1
    # The deleted cycle comes back with the next free number while its own is taken.
    restored = services.cycles.restore(world.cycle.id)
    assert restored.data.number == 2
    event = audit_events(db, "cycle", world.cycle.id)[-1]
    assert (event.action, event.changes) == ("restore", {"number": [1, 2]})
    services.cycles.delete(world.cycle.id)
    services.cycles.update(reused.id, replace(reused.data, number=7))
    again = services.cycles.restore(world.cycle.id)
    assert again.data.number == 2  # its number was free: kept
    assert audit_events(db, "cycle", world.cycle.id)[-1].changes == {}


def test_cycle_rules(db: Database, services: Services, world: World) -> None:
    good = CycleData(community_id=world.community.id, start_on=START)
    cycles = services.cycles
    assert_refused(db, lambda: cycles.create(replace(good, end_on=START - timedelta(1))), "end_on")
    assert_refused(db, lambda: cycles.create(replace(good, number=-2)), "number")
    assert_refused(db, lambda: cycles.create(replace(good, status="sleeping")), "status")
    assert_refused(db, lambda: cycles.create(replace(good, title="x" * 201)), "title")
    assert_refused(db, lambda: cycles.create(replace(good, start_on=None)), "start_on")  # type: ignore[arg-type]
    services.communities.delete(world.other_community.id)
    assert_refused(
        db,
        lambda: cycles.create(replace(good, community_id=world.other_community.id)),
        "community_id",
    )
    assert_refused(
        db,
        lambda: cycles.update(world.cycle.id, replace(world.cycle.data, end_on=date(2020, 1, 1))),
        "end_on",
    )


def test_phase_life_and_rules(db: Database, services: Services, world: World) -> None:
    phases = services.phases
    check_crud(
        db,
        phases,
        PhaseData(cycle_id=world.cycle.id, kind="learning", start_on=START),
        PhaseData(cycle_id=world.cycle.id, kind="planning", start_on=START + timedelta(60)),
        lambda d: replace(d, end_on=START + timedelta(30), notes="Body mapping with girls"),
        where={"kind": "learning"},
        search="BODY MAP",
        sort_field="start_on",
    )
    good = PhaseData(cycle_id=world.cycle.id, kind="action", start_on=START)
    assert_refused(db, lambda: phases.create(replace(good, kind="dreaming")), "kind")
    assert_refused(db, lambda: phases.create(replace(good, end_on=START - timedelta(1))), "end_on")
    assert_refused(db, lambda: phases.create(replace(good, kind="")), "kind")


def test_learning_finding_life_and_rules(db: Database, services: Services, world: World) -> None:
    findings = services.findings
    check_crud(
        db,
        findings,
        LearningFindingData(
            cycle_id=world.cycle.id, summary="Girls marry at 14", harm_id=world.harm_id
        ),
        LearningFindingData(cycle_id=world.cycle.id, summary="Boys herd cattle"),
        lambda d: replace(d, validated=True, feedback_meeting_id=world.meeting.id),
        where={"validated": True},
        search="marry",
        sort_field="summary",
    )
    good = LearningFindingData(cycle_id=world.cycle.id, summary="Something")
    assert_refused(db, lambda: findings.create(replace(good, summary="  ")), "summary")
    assert_refused(
        db,
        lambda: findings.create(replace(good, feedback_meeting_id=world.other_meeting.id)),
        "feedback_meeting_id",
    )
    services.meetings.delete(world.meeting.id)
    assert_refused(
        db,
        lambda: findings.create(replace(good, feedback_meeting_id=world.meeting.id)),
        "feedback_meeting_id",
    )


def test_a_number_typed_as_text_is_read_as_a_number(
    db: Database, services: Services, world: World
) -> None:
    cycles = services.cycles
    typed = cycles.update(world.cycle.id, replace(world.cycle.data, number=" 4 "))  # type: ignore[arg-type]
    assert typed.data.number == 4
    left_empty = cycles.update(world.cycle.id, replace(typed.data, number="", title="Kept"))  # type: ignore[arg-type]
    assert left_empty.data.number == 4
    refused = assert_refused(
        db,
        lambda: cycles.update(world.cycle.id, replace(left_empty.data, number="four")),  # type: ignore[arg-type]
        "number",
    )
    assert refused.errors["number"] == "Must be a whole number."


def _as(db: Database, username: str, role: str) -> Services:
    return Services(db, Actor(username=username, role=role))


def test_who_may_delete_and_restore_a_cycle(db: Database, services: Services, world: World) -> None:
    """Facilitators delete their own empty cycles; managers any; only managers restore."""
    services.assignments.create(
        AssignmentData(
            community_id=world.community.id, user_id=world.facilitator.id, role="facilitator"
        )
    )
    facilitator = _as(db, "okello", "facilitator")
    manager = _as(db, "nakato", "manager")
    mentor = _as(db, "achen", "mentor")

    mistake = facilitator.cycles.create(
        CycleData(community_id=world.community.id, start_on=START, title="Typed twice")
    )
    assert facilitator.cycles.may_delete(mistake.id)
    assert not mentor.cycles.may_delete(mistake.id)
    facilitator.cycles.delete(mistake.id, expected_version=mistake.version)
    assert [r.id for r in facilitator.cycles.overview(world.community.id)] == [world.cycle.id]
    event = audit_events(db, "cycle", mistake.id)[-1]
    assert (event.action, event.username) == ("delete", "okello")
    assert event.changes == {"number": 2, "title": "Typed twice", "held": {}}
    with pytest.raises(PermissionDenied):
        facilitator.cycles.restore(mistake.id)
    assert not facilitator.cycles.may_restore() and manager.cycles.may_restore()

    restored = manager.cycles.restore(mistake.id)
    assert not restored.is_deleted
    assert audit_events(db, "cycle", mistake.id)[-1].action == "restore"

    # A cycle with work in it, or one someone else started: a manager's decision.
    assert not facilitator.cycles.may_delete(world.cycle.id)
    with pytest.raises(PermissionDenied, match="holds records"):
        facilitator.cycles.delete(world.cycle.id)
    someone_elses = services.cycles.create(
        CycleData(community_id=world.community.id, start_on=START)
    )
    with pytest.raises(PermissionDenied, match="Someone else"):
        facilitator.cycles.delete(someone_elses.id)
    with pytest.raises(PermissionDenied):
        mentor.cycles.delete(mistake.id)

    assert manager.cycles.holdings(world.cycle.id) == {
        "meeting": 1,
        "harm_priority": 1,
        "action": 1,
    }
    manager.cycles.delete(world.cycle.id)
    assert audit_events(db, "cycle", world.cycle.id)[-1].changes["held"] == {
        "meeting": 1,
        "harm_priority": 1,
        "action": 1,
    }
    rows = manager.cycles.overview(world.community.id, include_deleted=True)
    assert [(r.number, r.is_deleted) for r in rows] == [(3, False), (2, False), (1, True)]
    manager.cycles.restore(world.cycle.id)
    # What the cycle held comes back with it.
    assert services.actions.get(world.action.id).data.cycle_id == world.cycle.id
    assert manager.cycles.holdings(world.cycle.id)["action"] == 1


def test_overview_shows_phase_and_counts(services: Services, world: World) -> None:
    today = date(2024, 3, 1)
    cycle_id = world.cycle.id
    services.phases.create(
        PhaseData(cycle_id=cycle_id, kind="learning", start_on=START, end_on=date(2024, 2, 1))
    )
    services.phases.create(PhaseData(cycle_id=cycle_id, kind="planning", start_on=date(2024, 2, 2)))
    services.actions.create(ActionData(cycle_id=cycle_id, what="Late", due_on=date(2024, 2, 20)))
    services.actions.create(ActionData(cycle_id=cycle_id, what="Done", status="done"))
    services.meetings.create(
        MeetingData(cycle_id=cycle_id, held_on=date(2024, 2, 10), kind="whole_community")
    )
    [row] = services.cycles.overview(world.community.id, today=today)
    assert (row.number, row.current_phase, row.status) == (1, "planning", "active")
    assert (row.open_actions, row.overdue_actions) == (2, 1)
    assert (row.meetings, row.last_meeting) == (2, date(2024, 2, 10))
