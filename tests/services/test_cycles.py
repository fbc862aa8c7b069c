from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from service_contract import assert_refused, check_crud
from service_world import START, World

from desktop.services.cycles import CycleData, LearningFindingData, PhaseData
from desktop.services.facade import Services
from desktop.storage import Database


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
    # The deleted cycle cannot come back while its number is taken.
    assert_refused(db, lambda: services.cycles.restore(world.cycle.id), "number")
    services.cycles.update(reused.id, replace(reused.data, number=7))
    assert services.cycles.restore(world.cycle.id).data.number == 1


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
