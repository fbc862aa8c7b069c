"""A laptop holds only what its user may read, over time: a community reassigned away
leaves the laptop at the next sync (after its unsent changes reached the office), comes
back whole when assigned again, and a change of role widens or narrows what it holds."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from sqlalchemy import func, select

from desktop.models import AuditEvent, Community, CommunityAssignment, User
from desktop.services.facade import Services
from desktop.services.framework.actor import SYSTEM
from desktop.services.security.users import AssignmentData
from desktop.storage import Database
from desktop.sync.registry import service_classes
from desktop.sync.scope import Scope, of_communities
from tests.sync.office_world import Laptop, Office

MakeLaptop = Callable[[str], Laptop]


def held_rows(db: Database, community_id: uuid.UUID) -> int:
    """How many live records of every kind ``db`` holds of one community."""
    scope = Scope.of([community_id])
    with db.session() as session:
        return sum(
            session.scalar(
                select(func.count())
                .select_from(service.model)
                .where(of_communities(service.model, scope), service.model.deleted_at.is_(None))
            )
            or 0
            for service in service_classes().values()
        )


def name_of(office: Office, community_id: uuid.UUID) -> str:
    with office.db.session() as session:
        row = session.get(Community, community_id)
        assert row is not None
        return row.name


def unassign(office: Office, username: str, community_id: uuid.UUID) -> None:
    with office.db.session() as session:
        found = session.scalars(
            select(CommunityAssignment.id)
            .join(User, User.id == CommunityAssignment.user_id)
            .where(
                User.username == username,
                CommunityAssignment.community_id == community_id,
                CommunityAssignment.deleted_at.is_(None),
            )
        ).all()
    for assignment_id in found:
        office.services.assignments.delete(assignment_id)


def assign(office: Office, username: str, community_id: uuid.UUID) -> None:
    with office.db.session() as session:
        user_id = session.scalars(select(User.id).where(User.username == username)).one()
    office.services.assignments.create(
        AssignmentData(community_id=community_id, user_id=user_id, role="facilitator")
    )


def events(db: Database, action: str) -> list[dict[str, Any]]:
    with db.session() as session:
        found = session.scalars(select(AuditEvent.changes).where(AuditEvent.action == action))
        return [json.loads(text) for text in found]


def test_a_community_reassigned_away_leaves_the_laptop_and_comes_back_whole(
    demo_office: Office, demo_laptop: MakeLaptop
) -> None:
    office, mine = demo_office, demo_laptop("facilitator")
    kept, leaving = office.community_id, office.other_community_id
    before = held_rows(mine.db, leaving)
    assert before == held_rows(office.db, leaving) > 0
    unassign(office, "facilitator", leaving)
    summary = mine.sync()
    assert summary.left == (name_of(office, leaving),)
    assert "1 community left your assignments" in summary.line()
    assert held_rows(mine.db, leaving) == 0
    assert held_rows(mine.db, kept) == held_rows(office.db, kept) > 0
    [event] = events(mine.db, "sync.scope_left")
    assert event["communities"] == [name_of(office, leaving)]
    assert event["records"] >= before
    assert "assignments" in event["reason"]
    assert (summary.repaired, summary.still_differing) == (0, ())
    assign(office, "facilitator", leaving)
    back = mine.sync()
    assert held_rows(mine.db, leaving) == held_rows(office.db, leaving)
    assert (back.left, back.repaired, back.still_differing) == ((), 0, ())
    assert mine.sync().received == 0


def test_a_laptop_holds_no_row_of_a_community_it_does_not_hold(
    demo_office: Office, demo_laptop: MakeLaptop
) -> None:
    """Other people's assignments to other communities are office-wide records, but they
    travel with their community: the laptop's references all point at rows it has."""
    mine = demo_laptop("facilitator")
    with mine.db.session() as session:
        communities = set(session.scalars(select(Community.id)))
        assigned = set(session.scalars(select(CommunityAssignment.community_id)))
    assert assigned == communities == {demo_office.community_id, demo_office.other_community_id}


def test_a_change_of_role_widens_then_narrows_what_the_laptop_holds(
    demo_office: Office, demo_laptop: MakeLaptop
) -> None:
    office, mine = demo_office, demo_laptop("facilitator")
    users = Services(office.db, SYSTEM).users
    with office.db.session() as session:
        user_id = session.scalars(select(User.id).where(User.username == "facilitator")).one()
        everyone = set(session.scalars(select(Community.id)))
    for community_id in (office.community_id, office.other_community_id):
        unassign(office, "facilitator", community_id)
    account = users.get(user_id)
    users.update(user_id, replace(account.data, role="manager"))
    mine.actor = mine.server_actor = replace(mine.server_actor, role="manager")
    wider = mine.sync()
    with mine.db.session() as session:
        assert set(session.scalars(select(Community.id))) == everyone
    assert (wider.left, wider.repaired, wider.still_differing) == ((), 0, ())
    users.update(user_id, replace(users.get(user_id).data, role="facilitator"))
    assign(office, "facilitator", office.community_id)
    mine.server_actor = replace(mine.server_actor, role="facilitator")
    narrower = mine.sync()  # signed in on the laptop as it was: a manager
    assert len(narrower.left) == len(everyone) - 1
    [event] = events(mine.db, "sync.scope_left")
    assert "role changed from manager to facilitator" in event["reason"]
    with mine.db.session() as session:
        assert set(session.scalars(select(Community.id))) == {office.community_id}
    assert (narrower.repaired, narrower.still_differing) == (0, ())
