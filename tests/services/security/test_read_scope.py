"""Every read service obeys the permission matrix: with the office setting
``facilitators_read_all_communities`` off, a facilitator and a mentor see only the
community they are assigned to, and a manager sees every community. One table of
read calls, each tried on the assigned community and on the other one."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from desktop.services.facade import Services
from desktop.services.framework.actor import Actor
from desktop.services.framework.errors import PermissionDenied
from desktop.services.queries.community_choice import CommunityNotFound, resolve_community
from desktop.services.queries.community_list import CommunityQuery
from desktop.services.queries.inclusion import inclusion_check
from desktop.services.queries.mentoring import mentor_home, review_history
from desktop.services.queries.reporting import cycle_sheet
from desktop.services.queries.reporting_monitoring import MonitoringFilter, monitoring_data
from desktop.services.security.users import AssignmentData, UserData
from desktop.services.usecases.attachments import AttachmentData
from desktop.services.usecases.linkages import LinkageData
from desktop.services.usecases.reviews import MentorReviewData

TODAY = date(2024, 6, 1)


@dataclass(frozen=True)
class Place:
    """One community's records, to read."""

    community: uuid.UUID
    name: str
    cycle: uuid.UUID
    linkage: uuid.UUID
    attachment: uuid.UUID


@dataclass(frozen=True)
class Scene:
    assigned: Place
    other: Place


def _place(
    s: Services, community_id: uuid.UUID, cycle_id: uuid.UUID, stakeholder: uuid.UUID
) -> Place:
    linkage = s.linkages.create(
        LinkageData(community_id=community_id, stakeholder_id=stakeholder, kind="referral_pathway")
    )
    attachment = s.attachments.create(
        AttachmentData(
            entity_type="community", entity_id=community_id, file_name="map.png", content=b"png"
        )
    )
    s.reviews.create(MentorReviewData(cycle_id=cycle_id, reviewed_on=date(2024, 3, 1)))
    name = s.communities.get(community_id).data.name
    return Place(community_id, name, cycle_id, linkage.id, attachment.id)


@pytest.fixture
def scene(services: Services, world: Any) -> Scene:
    s = services
    for person in (world.facilitator, world.mentor):
        s.assignments.create(
            AssignmentData(
                community_id=world.community.id, user_id=person.id, role=person.data.role
            )
        )
    s.users.create(UserData(username="nakato", role="manager"))
    stakeholder = world.stakeholder.id
    return Scene(
        _place(s, world.community.id, world.cycle.id, stakeholder),
        _place(s, world.other_community.id, world.other_cycle.id, stakeholder),
    )


# ---------------------------------------------------------------- reads of one record
OneRead = Callable[[Services, Place], Any]

ONE_RECORD: dict[str, OneRead] = {
    "community": lambda s, p: s.communities.get(p.community),
    "partnership history": lambda s, p: s.communities.partnership_history(p.community),
    "cycle": lambda s, p: s.cycles.get(p.cycle),
    "linkage history": lambda s, p: s.linkages.history(p.linkage),
    "attachment file": lambda s, p: s.attachments.content(p.attachment),
    "selected harms": lambda s, p: s.priorities.selected_harm_ids(p.cycle),
    "inclusion check": lambda s, p: inclusion_check(s.db, p.cycle, actor=s.actor),
    "review history": lambda s, p: review_history(s.db, p.community, actor=s.actor),
    "cycle sheet": lambda s, p: cycle_sheet(s, p.cycle),
}

# ---------------------------------------------------------------- reads of many
ManyRead = Callable[[Services], set[uuid.UUID]]


MANY: dict[str, ManyRead] = {
    "communities.list": lambda s: {r.id for r in s.communities.list().items},
    "community list": lambda s: {r.id for r in s.list_communities(CommunityQuery()).items},
    "cycles.list": lambda s: {r.data.community_id for r in s.cycles.list().items},
    "linkages.list": lambda s: {r.data.community_id for r in s.linkages.list().items},
    "monitoring report": lambda s: {
        f.row.id for f in monitoring_data(s, MonitoringFilter(), TODAY).communities
    },
    "mentor home": lambda s: {c.community_id for c in mentor_home(s.db, s.actor).communities},
}

LIMITED = ("okello", "facilitator"), ("achen", "mentor")


@pytest.mark.parametrize("read", list(ONE_RECORD), ids=list(ONE_RECORD))
@pytest.mark.parametrize("who", LIMITED, ids=[role for _name, role in LIMITED])
def test_assigned_people_read_only_their_community(
    services: Services, scene: Scene, who: tuple[str, str], read: str
) -> None:
    person = Services(services.db, Actor(*who))
    ONE_RECORD[read](person, scene.assigned)
    with pytest.raises(PermissionDenied):
        ONE_RECORD[read](person, scene.other)


@pytest.mark.parametrize("read", list(ONE_RECORD), ids=list(ONE_RECORD))
def test_a_manager_reads_every_community(services: Services, scene: Scene, read: str) -> None:
    manager = Services(services.db, Actor("nakato", role="manager"))
    ONE_RECORD[read](manager, scene.assigned)
    ONE_RECORD[read](manager, scene.other)


@pytest.mark.parametrize("read", list(MANY), ids=list(MANY))
@pytest.mark.parametrize("who", LIMITED, ids=[role for _name, role in LIMITED])
def test_lists_hold_only_the_assigned_community(
    services: Services, scene: Scene, who: tuple[str, str], read: str
) -> None:
    seen = MANY[read](Services(services.db, Actor(*who)))
    assert seen == {scene.assigned.community}


@pytest.mark.parametrize("read", [r for r in MANY if r != "mentor home"])
def test_a_manager_lists_every_community(services: Services, scene: Scene, read: str) -> None:
    seen = MANY[read](Services(services.db, Actor("nakato", role="manager")))
    assert seen == {scene.assigned.community, scene.other.community}


PROFILE_READS = ("community", "partnership history")


@pytest.mark.parametrize("read", PROFILE_READS)
def test_an_administrator_reads_every_community_profile(
    services: Services, scene: Scene, read: str
) -> None:
    """The administrator adds and corrects communities office-wide, so reads them all
    (not the cycle work inside them, which is read through reports they do not get)."""
    admin = Services(services.db, Actor("admin", role="admin"))
    ONE_RECORD[read](admin, scene.assigned)
    ONE_RECORD[read](admin, scene.other)
    assert MANY["community list"](admin) == {scene.assigned.community, scene.other.community}


@pytest.mark.parametrize("who", LIMITED, ids=[role for _name, role in LIMITED])
def test_a_report_cannot_find_a_community_out_of_reach(
    services: Services, scene: Scene, who: tuple[str, str]
) -> None:
    person = Services(services.db, Actor(*who))
    assert resolve_community(person, scene.assigned.name).id == scene.assigned.community
    with pytest.raises(CommunityNotFound):
        resolve_community(person, scene.other.name)
