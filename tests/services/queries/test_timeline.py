"""The timeline data: lanes, packing, overdue marks, the office rows and the date axis."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.services.facade import Services
from desktop.services.framework.actor import SYSTEM, Actor
from desktop.services.framework.errors import PermissionDenied
from desktop.services.queries.timeline import (
    DateAxis,
    OfficeQuery,
    community_timeline,
    office_timeline,
    pack_rows,
    period_starts,
)
from desktop.services.security.users import AssignmentData, UserData
from desktop.storage import Database
from tests.timeline_world import TODAY, make_timeline_world


def test_community_timeline_has_a_lane_per_cycle_with_its_records(
    db: Database, services: Services
) -> None:
    world = make_timeline_world(services)
    timeline = community_timeline(db, world.community_id, TODAY, actor=SYSTEM)
    assert [lane.id for lane in timeline.lanes] == [world.first_cycle, world.second_cycle]
    first = timeline.lanes[0]
    assert [(p.kind, p.start, p.end) for p in first.phases] == [
        ("planning", date(2026, 3, 1), date(2026, 6, 30))
    ]
    bars = {bar.id: bar for bar in first.actions}
    assert bars[world.overdue_action].overdue
    assert bars[world.done_action].row != bars[world.overdue_action].row  # they overlap
    assert [(m.entity, m.id) for m in first.markers] == [("meeting", world.meeting)]
    assert timeline.overdue_actions == 2  # both open actions are past their due date


def test_overlapping_actions_get_their_own_rows() -> None:
    rows, count = pack_rows(
        [(date(2026, 1, 1), date(2026, 3, 1)), (date(2026, 2, 1), date(2026, 4, 1)),
         (date(2026, 3, 2), date(2026, 5, 1))]
    )  # fmt: skip
    assert rows == [0, 1, 0]
    assert count == 2


def test_office_timeline_rows_answer_the_managers_questions(
    db: Database, services: Services
) -> None:
    make_timeline_world(services)
    office = office_timeline(db, OfficeQuery(), TODAY, actor=SYSTEM)
    rows = {row.name: row for row in office.rows}
    kerewe, amuru = rows["Kéréwé"], rows["Amuru"]
    assert kerewe.tracks == 2  # two cycles overlap in time
    assert kerewe.last_meeting == date(2026, 6, 1)
    assert kerewe.meeting_gap()  # 92 days without a meeting
    assert kerewe.overdue_actions == 2
    assert not amuru.meeting_gap()
    assert amuru.phases_on(TODAY) == ("action",)
    only_gulu = office_timeline(db, OfficeQuery(district="Gulu"), TODAY, actor=SYSTEM)
    assert [row.name for row in only_gulu.rows] == ["Amuru"]


def test_office_timeline_reads_with_a_fixed_number_of_queries(
    db: Database, services: Services
) -> None:
    from sqlalchemy import event

    make_timeline_world(services)
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        office_timeline(db, OfficeQuery(), TODAY, actor=SYSTEM)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    # three for the rows, one for the office's thresholds, eleven for the flags
    assert len(selects) == 15


def test_the_axis_places_and_mirrors_days() -> None:
    axis = DateAxis(date(2026, 1, 1), date(2026, 12, 31), 2.0, origin=10)
    assert axis.x(date(2026, 1, 1)) == 10
    assert axis.span(date(2026, 3, 1), date(2026, 3, 1)) == (128.0, 130.0)
    mirrored = DateAxis(date(2026, 1, 1), date(2026, 12, 31), 2.0, origin=10, rtl=True)
    assert mirrored.x(date(2026, 1, 1)) == 10 + axis.length
    # mirrored, a day lies to the left of its x: one pixel right of it is the day before
    assert mirrored.day_at(mirrored.x(date(2026, 5, 5)) - 1) == date(2026, 5, 5)
    assert mirrored.day_at(mirrored.x(date(2026, 5, 5)) + 1) == date(2026, 5, 4)
    assert axis.day_at(axis.x(date(2026, 5, 5)) + 1) == date(2026, 5, 5)
    assert period_starts(date(2026, 2, 10), date(2026, 8, 1), 3) == [
        date(2026, 1, 1), date(2026, 4, 1), date(2026, 7, 1)
    ]  # fmt: skip


def test_a_mentor_sees_only_the_communities_assigned_to_them(
    db: Database, services: Services
) -> None:
    world = make_timeline_world(services)
    mentor = services.users.create(UserData("achen", "mentor", display_name="Achen"))
    services.assignments.create(AssignmentData(world.community_id, mentor.id, "mentor"))
    as_mentor = Actor(username="achen", role="mentor")
    office = office_timeline(db, OfficeQuery(), TODAY, actor=as_mentor)
    assert [row.name for row in office.rows] == ["Kéréwé"]
    assert office_timeline(db, OfficeQuery(district="Gulu"), TODAY, actor=as_mentor).rows == ()
    assert community_timeline(db, world.community_id, TODAY, actor=as_mentor).lanes
    amuru = next(
        r for r in office_timeline(db, OfficeQuery(), TODAY, actor=SYSTEM).rows if r.name == "Amuru"
    )
    with pytest.raises(PermissionDenied):
        community_timeline(db, amuru.community_id, TODAY, actor=as_mentor)
