"""An encrypted office for the security tests: an administrator, a manager, a facilitator
and a mentor (both assigned to community A only), communities A and B with a cycle each."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop.services.facade import Services
from desktop.services.framework.actor import SYSTEM, Actor
from desktop.services.security.passwords import AccountService
from desktop.services.security.signin import SignedIn
from desktop.services.security.users import AssignmentData, UserData
from desktop.services.usecases.communities import CommunityData
from desktop.services.usecases.cycles import CycleData
from desktop.services.usecases.meetings import MeetingData
from desktop.services.usecases.setup import OfficeSetup, create_office
from desktop.storage import Database

PASSWORD = "correct horse"
START = date(2024, 1, 15)
ROLES = ("admin", "manager", "facilitator", "mentor")


@dataclass
class Office:
    path: Path
    db: Database
    recovery_key: str
    community_a: uuid.UUID
    community_b: uuid.UUID
    cycle_a: uuid.UUID
    cycle_b: uuid.UUID
    meeting_b: uuid.UUID

    def services(self, role: str) -> Services:
        return Services(self.db, Actor(username=f"{role}1", role=role))


def make_office(path: Path) -> Office:
    signed_in: SignedIn
    signed_in, recovery_key = create_office(
        path,
        OfficeSetup(
            office_name="Lira field office", admin_username="admin1", admin_password=PASSWORD
        ),
    )
    db = signed_in.db
    accounts = AccountService(db, signed_in.actor)
    system = Services(db, SYSTEM)
    for role in ROLES[1:]:
        accounts.add(UserData(username=f"{role}1", role=role), PASSWORD)
    a = system.communities.create(CommunityData(name="Kéréwé", district="Lira"))
    b = system.communities.create(CommunityData(name="Amuru", district="Gulu"))
    users = {u.data.username: u.id for u in system.users.list().items}
    for role in ("facilitator", "mentor"):
        system.assignments.create(
            AssignmentData(community_id=a.id, user_id=users[f"{role}1"], role=role)
        )
    cycle_a = system.cycles.create(CycleData(community_id=a.id, start_on=START))
    cycle_b = system.cycles.create(CycleData(community_id=b.id, start_on=START))
    meeting_b = system.meetings.create(
        MeetingData(cycle_id=cycle_b.id, held_on=START, kind="whole_community")
    )
    return Office(path, db, recovery_key, a.id, b.id, cycle_a.id, cycle_b.id, meeting_b.id)
