"""Every role against every kind of service call: allowed or refused, in the services
(so the window and the command line cannot differ)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from desktop.services.facade import Services
from desktop.services.framework.errors import PermissionDenied
from desktop.services.queries.community_list import CommunityQuery
from desktop.services.security.permissions import FACILITATORS_READ_ALL
from desktop.services.security.users import UserData
from desktop.services.usecases.communities import CommunityData
from desktop.services.usecases.meetings import MeetingData
from desktop.services.usecases.reviews import MentorReviewData
from tests.services.security.security_world import Office

Call = Callable[[Services, Office], Any]


def _edit_community(which: str) -> Call:
    def call(s: Services, o: Office) -> Any:
        community_id = o.community_a if which == "a" else o.community_b
        record = s.communities.get(community_id)
        return s.communities.update(community_id, replace(record.data, population_estimate=900))

    return call


def _meeting(which: str) -> Call:
    def call(s: Services, o: Office) -> Any:
        cycle = o.cycle_a if which == "a" else o.cycle_b
        return s.meetings.create(
            MeetingData(cycle_id=cycle, held_on=date(2024, 2, 1), kind="small_group")
        )

    return call


def _review(which: str) -> Call:
    def call(s: Services, o: Office) -> Any:
        cycle = o.cycle_a if which == "a" else o.cycle_b
        return s.reviews.create(MentorReviewData(cycle_id=cycle, reviewed_on=date(2024, 3, 1)))

    return call


CALLS: dict[str, Call] = {
    "read community A": lambda s, o: s.communities.get(o.community_a),
    "read community B": lambda s, o: s.communities.get(o.community_b),
    "add a community": lambda s, o: s.communities.create(CommunityData(name="Gem")),
    "edit community A": _edit_community("a"),
    "edit community B": _edit_community("b"),
    "delete community B": lambda s, o: s.communities.delete(o.community_b),
    "add a meeting in A": _meeting("a"),
    "add a meeting in B": _meeting("b"),
    "read a meeting of B": lambda s, o: s.meetings.get(o.meeting_b),
    "add a review in A": _review("a"),
    "add a review in B": _review("b"),
    "add an account": lambda s, o: s.users.create(UserData(username="newbie", role="mentor")),
    "change an office setting": lambda s, o: s.settings.set_idle_lock_minutes(5),
    "read the audit trail": lambda s, o: s.audit_log.list(),
}

# role:                      admin  manager facilitator mentor
EXPECTED: dict[str, tuple[bool, bool, bool, bool]] = {
    "read community A":         (True,  True,  True,  True),
    "read community B":         (True,  True,  False, False),
    "add a community":          (True,  True,  False, False),
    "edit community A":         (True,  True,  True,  False),
    "edit community B":         (True,  True,  False, False),
    "delete community B":       (False, True,  False, False),
    "add a meeting in A":       (False, True,  True,  False),
    "add a meeting in B":       (False, True,  False, False),
    "read a meeting of B":      (True,  True,  False, False),
    "add a review in A":        (False, True,  False, True),
    "add a review in B":        (False, True,  False, False),
    "add an account":           (True,  False, False, False),
    "change an office setting": (True,  False, False, False),
    "read the audit trail":     (True,  True,  False, False),
}  # fmt: skip

ROLES = ("admin", "manager", "facilitator", "mentor")
CASES = [
    pytest.param(role, name, EXPECTED[name][i], id=f"{role}-{name}")
    for name in CALLS
    for i, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("role", "name", "allowed"), CASES)
def test_role_x_service_call(office: Office, role: str, name: str, allowed: bool) -> None:
    services = office.services(role)
    before = office.db.file_size(), _audit_count(office)
    if allowed:
        CALLS[name](services, office)
        if not name.startswith("read"):
            assert services.can(*_can_question(name))
    else:
        with pytest.raises(PermissionDenied) as refused:
            CALLS[name](services, office)
        assert role in str(refused.value)
        assert _audit_count(office) == before[1]  # nothing written


def _can_question(name: str) -> tuple[str, str]:
    verb = {"add": "create", "edit": "update", "delete": "delete", "change": "update"}
    word, *rest = name.split()
    entity = {"community": "community", "meeting": "meeting", "review": "mentor_review",
              "account": "user", "office": "office_setting"}  # fmt: skip
    found = next(entity[w] for w in rest if w in entity)
    return verb.get(word, "read"), found


def _audit_count(office: Office) -> int:
    return office.services("manager").audit_log.list(limit=0).total


def test_lists_hold_only_what_the_role_may_read(office: Office) -> None:
    names = {
        role: [row.name for row in office.services(role).list_communities(CommunityQuery()).items]
        for role in ROLES
    }
    assert names == {
        "admin": ["Amuru", "Kéréwé"],
        "manager": ["Amuru", "Kéréwé"],
        "facilitator": ["Kéréwé"],
        "mentor": ["Kéréwé"],
    }
    facilitator = office.services("facilitator")
    assert [m.data.cycle_id for m in facilitator.meetings.list().items] == []
    assert office.services("manager").meetings.list().total == 1
    assert facilitator.can("update", "community", office.community_a)
    assert not facilitator.can("update", "community", office.community_b)
    assert not facilitator.can("create", "community")


def test_the_office_may_let_facilitators_read_every_community(office: Office) -> None:
    office.services("admin").settings.set_value(FACILITATORS_READ_ALL, "yes")
    facilitator, mentor = office.services("facilitator"), office.services("mentor")
    assert facilitator.list_communities(CommunityQuery()).total == 2
    assert facilitator.communities.get(office.community_b).data.name == "Amuru"
    with pytest.raises(PermissionDenied):  # reading, not editing
        _edit_community("b")(facilitator, office)
    assert mentor.list_communities(CommunityQuery()).total == 1


def test_an_ended_assignment_ends_the_access(office: Office) -> None:
    admin = office.services("admin")
    for assignment in admin.assignments.list().items:
        admin.assignments.update(
            assignment.id,
            replace(assignment.data, from_on=date(2020, 1, 1), to_on=date(2021, 1, 1)),
        )
    assert office.services("facilitator").list_communities(CommunityQuery()).total == 0
    with pytest.raises(PermissionDenied):
        office.services("mentor").communities.get(office.community_a)
