"""An office server on a real PostgreSQL database and laptops that sync with it.

Laptops here talk to the server's Python API (the same functions the HTTP endpoints
call) with every message passed through JSON, so these tests exercise the protocol's
rules without a network; tests/sync/test_http.py runs the real server.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.services.facade import Services
from desktop.services.framework.actor import Actor
from desktop.services.security.users import AssignmentData, UserData
from desktop.services.usecases.communities import CommunityData
from desktop.storage import Database, open_database
from desktop.sync.accounts import authenticate, set_password
from desktop.sync.apply import apply_batch
from desktop.sync.conflicts import resolve_on_server
from desktop.sync.download import changes_since
from desktop.sync.engine import Summary, sync_once
from desktop.sync.office import init_empty
from desktop.sync.scope import Scope
from desktop.sync.wire import ChangeMessage

PASSWORD = "correct horse"


@dataclass
class Office:
    db: Database
    admin: Actor
    community_id: Any  # Kéréwé, where the facilitator works
    other_community_id: Any  # Amuru, not theirs

    @property
    def services(self) -> Services:
        return Services(self.db, self.admin)


def make_office(db: Database) -> Office:
    """An office with a manager (mary), a facilitator (fatima, assigned to Kéréwé) and two
    communities."""
    admin = init_empty(db, "ada", PASSWORD)
    s = Services(db, admin)
    kerewe = s.communities.create(CommunityData(name="Kéréwé", district="Lira"))
    amuru = s.communities.create(CommunityData(name="Amuru", district="Gulu"))
    s.users.create(UserData(username="mary", role="manager"))
    fatima = s.users.create(UserData(username="fatima", role="facilitator"))
    s.assignments.create(
        AssignmentData(community_id=kerewe.id, user_id=fatima.id, role="facilitator")
    )
    for name in ("mary", "fatima"):
        set_password(db, name, PASSWORD, admin)
    return Office(db, admin, kerewe.id, amuru.id)


def _through_json(value: Any) -> Any:
    return json.loads(json.dumps(value))


class Laptop:
    """A laptop database of one person, synced with the office by its Python API."""

    def __init__(self, path: Path, office: Office, username: str) -> None:
        self.office = office
        self.db = open_database(path)
        self.server_actor = authenticate(office.db, username, PASSWORD)
        self.actor = self.server_actor
        self.name = "office"

    @property
    def services(self) -> Services:
        return Services(self.db, self.actor)

    def upload(self, items: list[dict[str, Any]], seen: int) -> list[dict[str, Any]]:
        messages = [ChangeMessage.from_dict(item) for item in _through_json(items)]
        outcomes = apply_batch(self.office.db, self.server_actor, self.db.device_id, messages, seen)
        return _through_json([outcome.to_dict() for outcome in outcomes])  # type: ignore[no-any-return]

    def resolved(self, items: list[dict[str, str]]) -> None:
        resolve_on_server(self.office.db, self.server_actor, _through_json(items))

    def fetch(
        self, since: int, held: Scope | None = None, repair: Sequence[str] = ()
    ) -> dict[str, Any]:
        held = Scope.from_dict(_through_json(held.to_dict())) if held is not None else None
        download = changes_since(
            self.office.db, self.server_actor, since, self.db.device_id, held, repair
        )
        return _through_json(download.to_dict())  # type: ignore[no-any-return]

    def sync(self) -> Summary:
        return sync_once(self.db, self.actor, self)

    def close(self) -> None:
        self.db.close()


def make_demo_office(db: Database, folder: Path, communities: int = 6) -> Office:
    """An office seeded from a made-up data set (every kind of record, several people
    assigned to communities), with server passwords for the demo's manager, facilitator
    and mentor; ``community_id`` is one of the facilitator's communities."""
    from datetime import date

    from sqlalchemy import select

    from desktop.demo.generate import generate_demo
    from desktop.models import CommunityAssignment, User
    from desktop.sync.office import seed_from

    first = open_database(folder / "first.db")
    try:
        generate_demo(first, communities=communities, seed=3, today=date(2026, 3, 15))
        admin = seed_from(db, first, "admin", PASSWORD)
    finally:
        first.close()
    for name in ("manager", "facilitator", "mentor"):
        set_password(db, name, PASSWORD, admin)
    with db.session() as session:
        mine = session.scalars(
            select(CommunityAssignment.community_id)
            .join(User, User.id == CommunityAssignment.user_id)
            .where(User.username == "facilitator")
            .order_by(CommunityAssignment.community_id)
        ).all()
    return Office(db, admin, mine[0], mine[1])
