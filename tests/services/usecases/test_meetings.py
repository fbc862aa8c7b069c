from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from desktop.models import MeetingAttendance
from desktop.services.facade import Services
from desktop.services.framework.errors import ValidationError
from desktop.services.usecases.meetings import MeetingData, PlanningGroupMemberData
from desktop.services.usecases.office import ParticipantGroupData
from desktop.storage import Database
from tests.services.service_contract import assert_refused, audit_events, check_crud, database_state
from tests.services.service_world import START, World


def attendance_rows(db: Database, meeting_id: uuid.UUID) -> dict[str, tuple[Any, ...]]:
    with db.session() as session:
        rows = session.scalars(
            select(MeetingAttendance).where(MeetingAttendance.meeting_id == meeting_id)
        ).all()
        return {r.group_code: (r.id, r.count, r.deleted_at is not None) for r in rows}


def test_meeting_life(db: Database, services: Services, world: World) -> None:
    check_crud(
        db,
        services.meetings,
        MeetingData(
            cycle_id=world.cycle.id,
            held_on=START,
            kind="small_group",
            place="Under the mango tree",
            attendance={"girls": 12, "boys": 9},
        ),
        MeetingData(cycle_id=world.cycle.id, held_on=START + timedelta(3), kind="home_visit"),
        lambda d: replace(d, attendance={"girls": 14, "women": 3}, decisions="Meet again"),
        where={"kind": "small_group"},
        search="mango",
        sort_field="held_on",
    )


def test_attendance_round_trips_and_updates_in_place(
    db: Database, services: Services, world: World
) -> None:
    meetings = services.meetings
    data = MeetingData(
        cycle_id=world.cycle.id,
        held_on=START,
        kind="small_group",
        attendance={"girls": 12, " boys ": 0},
    )
    meeting = meetings.create(data)
    assert meeting.data.attendance == {"girls": 12, "boys": 0}  # a zero is kept
    assert meetings.get(meeting.id).data.attendance == {"girls": 12, "boys": 0}
    assert meetings.total_attendance(meeting.id) == 12
    first = attendance_rows(db, meeting.id)

    changed = meetings.update(meeting.id, replace(meeting.data, attendance={"girls": 15}))
    assert changed.data.attendance == {"girls": 15}
    rows = attendance_rows(db, meeting.id)
    assert rows["girls"][0] == first["girls"][0]  # same row, new count
    assert rows["girls"][1:] == (15, False)
    assert rows["boys"][2] is True  # tombstoned, not removed
    [*_, event] = audit_events(db, "meeting", meeting.id)
    assert event.changes == {"attendance": [{"boys": 0, "girls": 12}, {"girls": 15}]}

    back = meetings.update(meeting.id, replace(changed.data, attendance={"girls": 15, "boys": 4}))
    assert back.data.attendance == {"girls": 15, "boys": 4}
    rows = attendance_rows(db, meeting.id)
    assert rows["boys"] == (first["boys"][0], 4, False)  # the tombstone came back
    assert len(rows) == 2


def test_attendance_may_use_deactivated_groups(
    db: Database, services: Services, world: World
) -> None:
    groups = services.participant_groups
    [elders] = groups.list(where={"code": "elders"}).items
    groups.update(elders.id, replace(elders.data, active=False))
    meeting = services.meetings.create(
        MeetingData(
            cycle_id=world.cycle.id, held_on=START, kind="reflection", attendance={"elders": 4}
        )
    )
    assert meeting.data.attendance == {"elders": 4}


def test_meeting_rules(db: Database, services: Services, world: World) -> None:
    meetings = services.meetings
    good = MeetingData(cycle_id=world.cycle.id, held_on=START, kind="whole_community")
    tomorrow = date.today() + timedelta(days=1)
    assert_refused(db, lambda: meetings.create(replace(good, held_on=tomorrow)), "held_on")
    assert_refused(db, lambda: meetings.create(replace(good, kind="party")), "kind")
    assert_refused(
        db, lambda: meetings.create(replace(good, attendance={"girls": -1})), "attendance"
    )
    assert_refused(
        db, lambda: meetings.create(replace(good, attendance={"aliens": 3})), "attendance"
    )
    assert_refused(
        db,
        lambda: meetings.create(replace(good, attendance={"girls": 2.5})),  # type: ignore[dict-item]
        "attendance",
    )
    assert_refused(db, lambda: meetings.create(replace(good, place="p" * 201)), "place")
    assert_refused(db, lambda: meetings.create(replace(good, cycle_id=uuid.uuid4())), "cycle_id")
    assert_refused(
        db,
        lambda: meetings.update(
            world.meeting.id, replace(world.meeting.data, attendance={"boys": -3})
        ),
        "attendance",
    )
    # A meeting today is fine.
    assert meetings.create(replace(good, held_on=date.today())).data.held_on == date.today()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    attendance=st.dictionaries(
        st.sampled_from(["girls", "boys", "women", "men", "elders", "disability", "nobody", ""]),
        st.integers(min_value=-5, max_value=500),
        max_size=6,
    )
)
def test_attendance_is_written_whole_or_not_at_all(
    db: Database, services: Services, world: World, attendance: dict[str, int]
) -> None:
    """Whatever counts are given, the meeting either stores exactly them or nothing."""
    before = database_state(db)
    data = replace(world.meeting.data, attendance=attendance)
    try:
        stored = services.meetings.update(world.meeting.id, data)
    except ValidationError as error:
        assert set(error.errors) == {"attendance"}
        assert database_state(db) == before
        assert any(count < 0 for count in attendance.values()) or {"nobody", ""} & set(attendance)
    else:
        assert stored.data.attendance == attendance
        assert services.meetings.get(world.meeting.id).data.attendance == attendance


def test_planning_group_member_life_and_rules(
    db: Database, services: Services, world: World
) -> None:
    members = services.planning_members
    check_crud(
        db,
        members,
        PlanningGroupMemberData(community_id=world.community.id, label="Women's leader (A.O.)"),
        PlanningGroupMemberData(
            community_id=world.community.id, label="Youth rep", group_code="boys"
        ),
        lambda d: replace(d, group_code="women", from_on=START),
        where={"group_code": "women"},
        search="leader",
        sort_field="label",
    )
    good = PlanningGroupMemberData(community_id=world.community.id, label="Elder M.K.")
    assert_refused(db, lambda: members.create(replace(good, label="")), "label")
    assert_refused(db, lambda: members.create(replace(good, group_code="aliens")), "group_code")
    assert_refused(
        db,
        lambda: members.create(replace(good, from_on=START, to_on=START - timedelta(1))),
        "to_on",
    )
    custom = services.participant_groups.create(
        ParticipantGroupData(code="teen-mothers", name="Teenage mothers", position=9)
    )
    assert members.create(replace(good, group_code=custom.data.code)).data.group_code == (
        "teen-mothers"
    )
