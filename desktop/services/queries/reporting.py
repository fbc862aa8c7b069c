"""What printed forms and the cycle report show about one cycle, read through the services.

A cycle's records are few, so this module reads them with the ordinary entity services
(the same validation-free read path the screens use) and bundles them into one
:class:`CycleSheet`. The programme-wide monitoring figures, which span thousands of
communities, are in :mod:`desktop.services.queries.reporting_monitoring`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop.i18n import _, current_language
from desktop.labels import group_words
from desktop.services.facade import Services
from desktop.services.framework.records import Record
from desktop.services.queries.attention import Flag, Thresholds
from desktop.services.queries.attention_reads import community_attention, thresholds
from desktop.services.queries.sheet_group import Group
from desktop.services.security.users import AssignmentData
from desktop.services.usecases.actions import (
    ActionData,
    IndicatorData,
    ObservationData,
    ReflectionData,
)
from desktop.services.usecases.communities import CommunityData
from desktop.services.usecases.cycles import CycleData, LearningFindingData, PhaseData
from desktop.services.usecases.harms import HarmPriorityData
from desktop.services.usecases.linkages import LinkageData, StakeholderData
from desktop.services.usecases.meetings import MeetingData, PlanningGroupMemberData
from desktop.services.usecases.reviews import FollowUpData, MentorReviewData


class ReportLookupError(LookupError):
    """A community, cycle or person named for a report does not exist; str() says which."""


@dataclass(frozen=True)
class CycleSheet:
    """Everything the forms and the cycle report print about one cycle of one community."""

    office_name: str
    community: Record[CommunityData]
    cycle: Record[CycleData]
    groups: list[Group]
    facilitators: list[str]
    mentors: list[str]
    phases: list[PhaseData] = field(default_factory=list)
    findings: list[LearningFindingData] = field(default_factory=list)
    harm_names: dict[uuid.UUID, str] = field(default_factory=dict)
    priorities: list[HarmPriorityData] = field(default_factory=list)
    meetings: list[MeetingData] = field(default_factory=list)
    members: list[PlanningGroupMemberData] = field(default_factory=list)
    actions: list[Record[ActionData]] = field(default_factory=list)
    stakeholders: dict[uuid.UUID, StakeholderData] = field(default_factory=dict)
    indicators: list[Record[IndicatorData]] = field(default_factory=list)
    observations: dict[uuid.UUID, list[ObservationData]] = field(default_factory=dict)
    reflections: list[ReflectionData] = field(default_factory=list)
    linkages: list[LinkageData] = field(default_factory=list)
    reviews: list[Record[MentorReviewData]] = field(default_factory=list)
    follow_ups: dict[uuid.UUID, list[FollowUpData]] = field(default_factory=dict)
    user_names: dict[uuid.UUID, str] = field(default_factory=dict)
    #: the day the sheet is read for, and what needs attention in the community then
    today: date = field(default_factory=date.today)
    flags: tuple[Flag, ...] = ()
    thresholds: Thresholds = field(default_factory=Thresholds)

    def harm(self, harm_id: uuid.UUID | None) -> str:
        return self.harm_names.get(harm_id, "") if harm_id is not None else ""

    def group_name(self, code: str) -> str:
        return next((g.name for g in self.groups if g.code == code), code)


# --- finding what a report is about -------------------------------------------------------


def find_cycle(
    services: Services, community_id: uuid.UUID, number: int | None
) -> Record[CycleData]:
    """Cycle ``number`` of the community, or its latest cycle when no number is given."""
    cycles = services.cycles.list(where={"community_id": community_id}, order_by="number").items
    if not cycles:
        raise ReportLookupError(_("this community has no cycle yet"))
    if number is None:
        return cycles[-1]
    for cycle in cycles:
        if cycle.data.number == number:
            return cycle
    numbers = ", ".join(str(c.data.number) for c in cycles)
    raise ReportLookupError(
        _("this community has no cycle {number} (it has: {numbers})").format(
            number=number, numbers=numbers
        )
    )


def find_user(services: Services, name: str) -> str:
    """The username of a person given by username or display name."""
    wanted = name.strip()
    for key in ("username", "display_name"):
        value = wanted.lower() if key == "username" else wanted
        found = services.users.list(where={key: value}).items
        if len(found) == 1:
            return str(found[0].data.username)
    raise ReportLookupError(_("no person called {name!r}").format(name=wanted))


def participant_groups(services: Services) -> list[Group]:
    return [
        Group(g.data.code, group_words(g.data.code, g.data.name))
        for g in services.participant_groups.participant_groups()
    ]


# --- one cycle ----------------------------------------------------------------------------


def _data(records: Any) -> list[Any]:
    return [record.data for record in records.items]


def _harm_names(services: Services, harm_ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    """Each harm in the language of the printout, where the catalogue has its name in it."""
    return {h: services.harms.display_name(h, current_language()) for h in harm_ids}


def cycle_sheet(services: Services, cycle_id: uuid.UUID, today: date | None = None) -> CycleSheet:
    """Read one cycle, its community and every record a form or the cycle report prints,
    with what needs attention in the community as of ``today``."""
    today = today or date.today()
    cycle = services.cycles.get(cycle_id)
    community = services.communities.get(cycle.data.community_id)
    by_cycle = {"cycle_id": cycle_id}
    assignments: list[AssignmentData] = _data(
        services.assignments.list(where={"community_id": community.id})
    )
    user_names = _user_names(services, {a.user_id for a in assignments})
    actions = list(services.actions.list(where=by_cycle).items)
    indicators = list(services.indicators.list(where=by_cycle).items)
    reviews = list(services.reviews.list(where=by_cycle).items)
    linkages: list[LinkageData] = _data(
        services.linkages.list(where={"community_id": community.id})
    )
    priorities: list[HarmPriorityData] = _data(services.priorities.list(where=by_cycle))
    findings: list[LearningFindingData] = _data(services.findings.list(where=by_cycle))
    harm_ids = {p.harm_id for p in priorities}
    harm_ids |= {a.data.harm_id for a in actions if a.data.harm_id is not None}
    harm_ids |= {f.harm_id for f in findings if f.harm_id is not None}
    stakeholder_ids = {s for a in actions for s in a.data.stakeholder_ids}
    stakeholder_ids |= {link.stakeholder_id for link in linkages}
    user_names.update(
        _user_names(services, {r.data.mentor_id for r in reviews if r.data.mentor_id})
    )
    return CycleSheet(
        office_name=services.settings.office_name(),
        community=community,
        cycle=cycle,
        groups=participant_groups(services),
        facilitators=_assigned(assignments, user_names, "facilitator"),
        mentors=_assigned(assignments, user_names, "mentor"),
        phases=_data(services.phases.list(where=by_cycle)),
        findings=findings,
        harm_names=_harm_names(services, harm_ids),
        priorities=priorities,
        meetings=_data(services.meetings.list(where=by_cycle)),
        members=_data(services.planning_members.list(where={"community_id": community.id})),
        actions=actions,
        stakeholders={
            s: services.stakeholders.get(s, include_deleted=True).data for s in stakeholder_ids
        },
        indicators=indicators,
        observations={
            i.id: _data(services.observations.list(where={"indicator_id": i.id}))
            for i in indicators
        },
        reflections=_data(services.reflections.list(where=by_cycle)),
        linkages=linkages,
        reviews=reviews,
        follow_ups={
            r.id: _data(services.follow_ups.list(where={"review_id": r.id})) for r in reviews
        },
        user_names=user_names,
        today=today,
        flags=_flags(services, community.id, today),
        thresholds=thresholds(services.db),
    )


def _flags(services: Services, community_id: uuid.UUID, today: date) -> tuple[Flag, ...]:
    """What needs attention in the community, as the list and the reports say it."""
    found = community_attention(services.db, [community_id], today, actor=services.actor)
    return found[community_id].flags if community_id in found else ()


def _user_names(services: Services, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    names: dict[uuid.UUID, str] = {}
    for user_id in ids:
        user = services.users.get(user_id, include_deleted=True).data
        names[user_id] = user.display_name or user.username
    return names


def _assigned(
    assignments: list[AssignmentData], names: dict[uuid.UUID, str], role: str
) -> list[str]:
    current = [a for a in assignments if a.role == role and a.to_on is None]
    chosen = current or [a for a in assignments if a.role == role][-1:]
    return sorted({names[a.user_id] for a in chosen})
