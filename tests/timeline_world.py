"""A community with two overlapping cycles, dated records and overdue work, for timeline tests."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from desktop.services.facade import Services
from desktop.services.usecases.actions import ActionData
from desktop.services.usecases.communities import CommunityData
from desktop.services.usecases.cycles import CycleData, PhaseData
from desktop.services.usecases.meetings import MeetingData

TODAY = date(2026, 9, 1)


@dataclass(frozen=True)
class TimelineWorld:
    community_id: uuid.UUID
    first_cycle: uuid.UUID
    second_cycle: uuid.UUID
    planning_phase: uuid.UUID
    overdue_action: uuid.UUID
    done_action: uuid.UUID
    meeting: uuid.UUID


def make_timeline_world(s: Services) -> TimelineWorld:
    community = s.communities.create(CommunityData(name="Kéréwé", district="Lira"))
    first = s.cycles.create(
        CycleData(community_id=community.id, start_on=date(2026, 1, 10), title="Back to school")
    )
    second = s.cycles.create(
        CycleData(community_id=community.id, start_on=date(2026, 4, 1), title="Safe homes")
    )
    planning = s.phases.create(
        PhaseData(
            cycle_id=first.id, kind="planning", start_on=date(2026, 3, 1), end_on=date(2026, 6, 30)
        )
    )
    s.phases.create(
        PhaseData(cycle_id=second.id, kind="learning", start_on=date(2026, 4, 1), end_on=None)
    )
    overdue = s.actions.create(
        ActionData(
            cycle_id=first.id,
            what="Talk with parents",
            start_on=date(2026, 3, 10),
            due_on=date(2026, 5, 31),
            status="under_way",
        )
    )
    done = s.actions.create(
        ActionData(
            cycle_id=first.id,
            what="Walk girls to school",
            start_on=date(2026, 3, 15),
            due_on=date(2026, 4, 30),
        )
    )
    meeting = s.meetings.create(
        MeetingData(cycle_id=first.id, held_on=date(2026, 6, 1), kind="whole_community")
    )
    other = s.communities.create(CommunityData(name="Amuru", district="Gulu"))
    other_cycle = s.cycles.create(CycleData(community_id=other.id, start_on=date(2026, 8, 1)))
    s.phases.create(
        PhaseData(cycle_id=other_cycle.id, kind="action", start_on=date(2026, 8, 1), end_on=None)
    )
    s.meetings.create(
        MeetingData(cycle_id=other_cycle.id, held_on=date(2026, 8, 20), kind="small_group")
    )
    return TimelineWorld(
        community.id, first.id, second.id, planning.id, overdue.id, done.id, meeting.id
    )
