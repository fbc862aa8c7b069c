"""A community with a cycle, an action, a mentor and a facilitator assigned to it, and
a window context for each person (shared by the review screen tests)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from desktop.services.facade import Services
from desktop.services.framework.actor import Actor
from desktop.services.security.users import AssignmentData, UserData
from desktop.services.usecases.actions import ActionData
from desktop.services.usecases.communities import CommunityData
from desktop.services.usecases.cycles import CycleData, PhaseData
from desktop.storage import Database
from desktop.views.shell.context import AppContext

TODAY = date(2024, 9, 1)


@dataclass(frozen=True)
class ReviewWorld:
    community_id: uuid.UUID
    cycle_id: uuid.UUID
    action_id: uuid.UUID
    manager: Services

    def context(self, db: Database, username: str, role: str) -> AppContext:
        return AppContext.create(db, Actor(username=username, role=role), today=TODAY)


def build_review_world(db: Database) -> ReviewWorld:
    manager = Services(db, Actor(username="amina", role="manager"))
    admin = Services(db, Actor(username="root-admin", role="admin"))
    community = manager.communities.create(CommunityData(name="Kéréwé", district="Lira"))
    cycle = manager.cycles.create(CycleData(community_id=community.id, start_on=date(2024, 1, 15)))
    manager.phases.create(PhaseData(cycle_id=cycle.id, kind="planning", start_on=date(2024, 7, 1)))
    action = manager.actions.create(ActionData(cycle_id=cycle.id, what="Talk with parents"))
    people = (("achen", "mentor", "Achen Lamwaka"), ("okello", "facilitator", "Okello Moses"))
    for username, role, name in people:
        user = admin.users.create(UserData(username=username, role=role, display_name=name))
        manager.assignments.create(
            AssignmentData(
                community_id=community.id, user_id=user.id, role=role, from_on=date(2024, 1, 1)
            )
        )
    return ReviewWorld(community.id, cycle.id, action.id, manager)
