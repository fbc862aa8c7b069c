"""The small world of records most service tests hang on: START and World.

Imported by tests by this module's own name; the ``world`` fixture lives in conftest.py.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from desktop.services.facade import Services
from desktop.services.framework.records import Record
from desktop.services.security.users import UserData
from desktop.services.usecases.actions import ActionData
from desktop.services.usecases.communities import CommunityData
from desktop.services.usecases.cycles import CycleData
from desktop.services.usecases.harms import HarmPriorityData
from desktop.services.usecases.linkages import StakeholderData
from desktop.services.usecases.meetings import MeetingData

START = date(2024, 1, 15)


@dataclass(frozen=True)
class World:
    """Two communities, a cycle in each, a meeting, a selected harm, a stakeholder,
    a facilitator and a mentor: what most records point at."""

    community: Record[CommunityData]
    other_community: Record[CommunityData]
    cycle: Record[CycleData]
    other_cycle: Record[CycleData]
    meeting: Record[MeetingData]
    other_meeting: Record[MeetingData]
    harm_id: uuid.UUID
    unselected_harm_id: uuid.UUID
    priority: Record[HarmPriorityData]
    action: Record[ActionData]
    stakeholder: Record[StakeholderData]
    facilitator: Record[UserData]
    mentor: Record[UserData]


def build_world(services: Services) -> World:
    """Create the world's records through ``services``."""
    s = services
    community = s.communities.create(CommunityData(name="Kéréwé", district="Lira"))
    other_community = s.communities.create(CommunityData(name="Amuru", district="Gulu"))
    cycle = s.cycles.create(CycleData(community_id=community.id, start_on=START))
    other_cycle = s.cycles.create(CycleData(community_id=other_community.id, start_on=START))
    meeting = s.meetings.create(
        MeetingData(cycle_id=cycle.id, held_on=START, kind="whole_community")
    )
    other_meeting = s.meetings.create(
        MeetingData(cycle_id=other_cycle.id, held_on=START, kind="whole_community")
    )
    harms = {h.data.code: h.id for h in s.harms.list().items}
    priority = s.priorities.create(
        HarmPriorityData(
            cycle_id=cycle.id,
            harm_id=harms["child_marriage"],
            selected=True,
            reasons="Girls leave school to marry.",
        )
    )
    action = s.actions.create(
        ActionData(cycle_id=cycle.id, what="Talk with parents", harm_id=harms["child_marriage"])
    )
    stakeholder = s.stakeholders.create(
        StakeholderData(name="District social welfare office", type="social_welfare")
    )
    accounts = services.users
    facilitator = accounts.create(
        UserData(username="okello", role="facilitator", display_name="Okello J.")
    )
    mentor = accounts.create(UserData(username="achen", role="mentor", display_name="Achen"))
    return World(
        community=community,
        other_community=other_community,
        cycle=cycle,
        other_cycle=other_cycle,
        meeting=meeting,
        other_meeting=other_meeting,
        harm_id=harms["child_marriage"],
        unselected_harm_id=harms["heavy_work"],
        priority=priority,
        action=action,
        stakeholder=stakeholder,
        facilitator=facilitator,
        mentor=mentor,
    )
