"""One community with one record of every kind the forms print, made through the services,
with values distinctive enough to find again in a PDF's text."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from desktop.services.facade import Services
from desktop.services.usecases.actions import (
    ActionData,
    IndicatorData,
    ObservationData,
    ReflectionData,
)
from desktop.services.usecases.communities import CommunityData
from desktop.services.usecases.cycles import CycleData
from desktop.services.usecases.harms import HarmPriorityData
from desktop.services.usecases.linkages import LinkageData, StakeholderData
from desktop.services.usecases.meetings import MeetingData
from desktop.services.usecases.reviews import FollowUpData, MentorReviewData

START = date(2025, 2, 3)


@dataclass(frozen=True)
class ReportWorld:
    community_id: uuid.UUID
    cycle_id: uuid.UUID
    name: str
    #: template id -> values of the database that its filled version must show
    values: dict[str, list[str]]


def make_report_world(
    s: Services, *, name: str = "Kabwohe West", action_what: str = "Walk girls to school"
) -> ReportWorld:
    community = s.communities.create(CommunityData(name=name, district="Sheema"))
    cycle = s.cycles.create(
        CycleData(community_id=community.id, start_on=START, title="Girls in school")
    )
    harms = {h.data.code: h.id for h in s.harms.list().items}
    meeting = s.meetings.create(
        MeetingData(
            cycle_id=cycle.id,
            held_on=date(2025, 3, 4),
            kind="whole_community",
            place="Under the mvule tree",
            decisions="Mothers' group will visit every family twice",
            attendance={"girls": 17, "women": 23},
        )
    )
    s.priorities.create(
        HarmPriorityData(
            cycle_id=cycle.id,
            harm_id=harms["child_marriage"],
            selected=True,
            reasons="Girls leave school to marry before fifteen",
            decided_at_meeting_id=meeting.id,
        )
    )
    stakeholder = s.stakeholders.create(
        StakeholderData(name="Sheema probation office", type="social_welfare")
    )
    action = s.actions.create(
        ActionData(
            cycle_id=cycle.id,
            what=action_what,
            harm_id=harms["child_marriage"],
            lead_role="Chairperson of the mothers' group",
            start_on=date(2025, 3, 10),
            due_on=date(2025, 6, 30),
            community_resources="Bicycles lent by the parish",
            is_manageable=True,
            stakeholder_ids=frozenset({stakeholder.id}),
        )
    )
    indicator = s.indicators.create(
        IndicatorData(
            cycle_id=cycle.id,
            wording="Girls seen walking to school in the morning",
            action_id=action.id,
            method="Counting at the crossroads",
            collected_by="Two youth volunteers",
        )
    )
    for day, value in ((date(2025, 3, 20), 12.0), (date(2025, 4, 20), 19.0)):
        s.observations.create(
            ObservationData(indicator_id=indicator.id, observed_on=day, value_number=value)
        )
    s.reflections.create(
        ReflectionData(
            cycle_id=cycle.id,
            held_on=date(2025, 5, 2),
            what_worked="Older girls walked with the younger ones",
            challenges="Rain kept children home in April",
            adjustments="Start the walk half an hour later",
        )
    )
    s.linkages.create(
        LinkageData(
            community_id=community.id,
            stakeholder_id=stakeholder.id,
            kind="referral_pathway",
            status="active",
            agreed_on=date(2025, 4, 1),
            agreement="Probation officer visits each month",
        )
    )
    review = s.reviews.create(
        MentorReviewData(
            cycle_id=cycle.id,
            reviewed_on=date(2025, 5, 15),
            overall_comment="Women lead the work with confidence",
        )
    )
    s.follow_ups.create(
        FollowUpData(
            review_id=review.id,
            description="Invite elders to the next reflection",
            owner="Facilitator",
            due_on=date(2025, 7, 1),
        )
    )
    values = {
        "harm-ranking": ["Girls leave school to marry before fifteen"],
        "meeting-record": ["Under the mvule tree", "Mothers' group will visit every family"],
        "action-plan": [action_what[:40], "Chairperson of the mothers' group"],
        "indicator-sheet": ["Girls seen walking to school in the morning", "Two youth volunteers"],
        "reflection-record": ["Older girls walked with the younger ones", "Rain kept children"],
        "linkage-map": ["Sheema probation office", "Probation officer visits each month"],
        "mentor-review": ["Women lead the work with confidence", "Invite elders to the next"],
        # for district Sheema in 2025 Q1: the meeting of 4 March, girls and women counted
        "quarterly-summary": [
            "2025 Q1 (2025-01-01 to 2025-03-31)",
            "Sheema",
            "Comment",
            "What the office will do",
            "Boys: never in the room in " + name,
        ],
    }
    return ReportWorld(community.id, cycle.id, name, values)
