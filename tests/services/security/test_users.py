from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from desktop.services.facade import Services
from desktop.services.security.users import AssignmentData, UserData
from desktop.storage import Database
from tests.services.service_contract import assert_refused, check_crud
from tests.services.service_world import START, World


def test_user_life(db: Database, services: Services) -> None:
    check_crud(
        db,
        services.users,
        UserData(username="nakato", role="facilitator", display_name="Nakato S."),
        UserData(username="admin", role="admin"),
        lambda d: replace(d, display_name="Sarah Nakato", language="lg", role="manager"),
        where={"role": "manager"},
        search="sarah",
        sort_field="username",
    )


@pytest.mark.parametrize(
    "username", ["a", "x" * 41, "with space", "naïve", "semi;colon", "at@sign"]
)
def test_username_format(db: Database, services: Services, username: str) -> None:
    data = UserData(username=username, role="facilitator")
    assert_refused(db, lambda: services.users.create(data), "username")


def test_user_rules(db: Database, services: Services, world: World) -> None:
    users = services.users
    good = UserData(username="new.user-1_x", role="facilitator")
    assert users.create(replace(good, username=" New.User-2 ")).data.username == "new.user-2"
    assert_refused(db, lambda: users.create(replace(good, username="")), "username")
    assert_refused(db, lambda: users.create(replace(good, role="chief")), "role")
    assert_refused(db, lambda: users.create(replace(good, language="English")), "language")
    assert_refused(db, lambda: users.create(replace(good, username="OKELLO")), "username")
    # A deleted account keeps its username.
    services.users.delete(world.mentor.id)
    assert_refused(db, lambda: users.create(replace(good, username="achen")), "username")


def test_assignment_life(db: Database, services: Services, world: World) -> None:
    check_crud(
        db,
        services.assignments,
        AssignmentData(
            community_id=world.community.id, user_id=world.facilitator.id, role="facilitator"
        ),
        AssignmentData(
            community_id=world.community.id,
            user_id=world.mentor.id,
            role="mentor",
            from_on=START,
        ),
        lambda d: replace(d, from_on=START - timedelta(days=10), to_on=START),
        where={"user_id": world.facilitator.id},
        search=None,
        sort_field="from_on",
    )


def test_assignment_rules(db: Database, services: Services, world: World) -> None:
    assignments = services.assignments
    good = AssignmentData(
        community_id=world.community.id, user_id=world.facilitator.id, role="facilitator"
    )
    create = assignments.create
    assert_refused(db, lambda: create(replace(good, role="mentor")), "user_id")
    assert_refused(db, lambda: create(replace(good, user_id=world.mentor.id)), "user_id")
    assert_refused(db, lambda: create(replace(good, role="boss")), "role")
    assert_refused(
        db, lambda: create(replace(good, from_on=START, to_on=START - timedelta(1))), "to_on"
    )
    first = create(replace(good, from_on=START, to_on=START + timedelta(100)))
    error = assert_refused(db, lambda: create(good), "user_id")  # open-ended: overlaps
    assert "already assigned" in error.errors["user_id"]
    assert_refused(
        db, lambda: create(replace(good, from_on=START + timedelta(100))), "user_id"
    )  # the same last day
    later = create(replace(good, from_on=START + timedelta(101)))
    assert later.data.from_on == START + timedelta(101)
    earlier = create(replace(good, to_on=START - timedelta(1)))
    assert_refused(
        db,
        lambda: assignments.update(earlier.id, replace(earlier.data, to_on=START)),
        "user_id",
    )
    # The same person may be assigned to another community at the same time.
    elsewhere = create(replace(good, community_id=world.other_community.id))
    assert elsewhere.data.community_id == world.other_community.id
    # A deleted assignment does not count, and cannot come back over a live one.
    assignments.delete(first.id)
    replacement = create(replace(good, from_on=START, to_on=START + timedelta(10)))
    assert_refused(db, lambda: assignments.restore(first.id), "user_id")
    assert replacement.data.to_on == START + timedelta(10)


def test_inactive_account_cannot_be_newly_assigned(
    db: Database, services: Services, world: World
) -> None:
    facilitator = world.facilitator
    services.users.update(facilitator.id, replace(facilitator.data, active=False))
    good = AssignmentData(
        community_id=world.community.id, user_id=facilitator.id, role="facilitator"
    )
    assert_refused(db, lambda: services.assignments.create(good), "user_id")


def test_role_change_and_delete_need_assignments_ended(
    db: Database, services: Services, world: World
) -> None:
    users, assignments = services.users, services.assignments
    facilitator = world.facilitator
    assignment = assignments.create(
        AssignmentData(community_id=world.community.id, user_id=facilitator.id, role="facilitator")
    )
    assert_refused(
        db, lambda: users.update(facilitator.id, replace(facilitator.data, role="mentor")), "role"
    )
    assert_refused(db, lambda: users.delete(facilitator.id), "active")
    yesterday = date.today() - timedelta(days=1)
    assignments.update(assignment.id, replace(assignment.data, to_on=yesterday))
    assert users.update(facilitator.id, replace(facilitator.data, role="mentor")).data.role == (
        "mentor"
    )
    assert users.delete(facilitator.id).is_deleted
    # A deleted account cannot be assigned.
    assert_refused(
        db,
        lambda: assignments.create(
            AssignmentData(community_id=world.community.id, user_id=facilitator.id, role="mentor")
        ),
        "user_id",
    )
