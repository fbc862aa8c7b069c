"""Three laptops and the office server make, sync and resolve hundreds of edits in random
order; no value anyone saved is ever overwritten without a person having seen it.

After every sync the test checks, for each field the laptop sent: its value is now on
the server or kept in a conflict, and the value it replaced on the server was either one
the laptop had seen when its user edited, or is kept in a conflict. The seed is printed
with any failure (``CLCP_SIM_SEED=N`` replays one).
"""

from __future__ import annotations

import json
import os
import random
import uuid
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from sqlalchemy import select

from desktop.models import Community, SyncConflict
from desktop.services.security.users import UserData
from desktop.services.usecases.communities import CommunityData
from desktop.sync.accounts import set_password
from desktop.sync.resolve import resolve
from tests.sync.office_world import PASSWORD, Laptop, Office

FIELDS = ("notes", "locality", "languages")
EDITS = int(os.environ.get("CLCP_SIM_EDITS", "150"))
Key = tuple[uuid.UUID, str]


class Tracked:
    """A laptop and what its person saved since its last sync: the value each field had
    when they first changed it (what they had seen), and the value they left."""

    def __init__(self, laptop: Laptop) -> None:
        self.laptop = laptop
        self.seen: dict[Key, Any] = {}
        self.mine: dict[Key, Any] = {}

    def edit(self, record_id: uuid.UUID, field: str, value: str) -> None:
        s = self.laptop.services.communities
        current = s.get(record_id)
        self.seen.setdefault((record_id, field), getattr(current.data, field))
        s.update(record_id, replace(current.data, **{field: value}))
        self.mine[(record_id, field)] = value


def server_values(office: Office, keys: list[Key]) -> dict[Key, Any]:
    with office.db.session() as session:
        values = {}
        for record_id, field in keys:
            row = session.get(Community, record_id)
            assert row is not None
            values[(record_id, field)] = getattr(row, field)
        return values


def kept_in_conflict(office: Office, key: Key, value: Any) -> bool:
    with office.db.session() as session:
        rows = session.scalars(
            select(SyncConflict).where(
                SyncConflict.entity_id == str(key[0]), SyncConflict.field == key[1]
            )
        )
        return any(value in (json.loads(r.kept_value), json.loads(r.other_value)) for r in rows)


def checked_sync(office: Office, machine: Tracked, problems: list[str]) -> None:
    keys = list(machine.mine)
    before = server_values(office, keys)
    machine.laptop.sync()
    after = server_values(office, keys)
    for key in keys:
        mine, seen, was = machine.mine[key], machine.seen[key], before[key]
        if after[key] != mine and not kept_in_conflict(office, key, mine):
            problems.append(f"{key}: {mine!r} lost")
        if after[key] != was and was not in (seen, mine) and not kept_in_conflict(office, key, was):
            problems.append(f"{key}: {was!r} silently overwritten by {mine!r}")
    machine.seen.clear()
    machine.mine.clear()


def resolve_one(rng: random.Random, machine: Tracked) -> None:
    with machine.laptop.db.session() as session:
        open_ones = list(
            session.scalars(select(SyncConflict).where(SyncConflict.resolved_at.is_(None)))
        )
    if not open_ones:
        return
    conflict = rng.choice(open_ones)
    if conflict.field and rng.random() < 0.5:
        record_id = uuid.UUID(conflict.entity_id)
        current = machine.laptop.services.communities.get(record_id)
        machine.seen.setdefault((record_id, conflict.field), getattr(current.data, conflict.field))
        resolve(machine.laptop.db, machine.laptop.actor, conflict.id, "other")
        machine.mine[(record_id, conflict.field)] = json.loads(conflict.other_value)
    else:
        resolve(machine.laptop.db, machine.laptop.actor, conflict.id, "current")


def test_random_edits_on_three_laptops_lose_nothing_silently(
    office: Office, laptop: Callable[[str], Laptop]
) -> None:
    seed = int(os.environ.get("CLCP_SIM_SEED", random.SystemRandom().randrange(10**6)))
    rng = random.Random(seed)
    s = office.services
    for index in range(3):
        s.communities.create(CommunityData(name=f"Village {index}", district="Gulu"))
    s.users.create(UserData(username="mona", role="manager"))
    set_password(office.db, "mona", PASSWORD, office.admin)
    machines = [Tracked(laptop(name)) for name in ("mary", "mona", "fatima")]
    problems: list[str] = []
    for step in range(EDITS):
        machine = rng.choice(machines)
        readable = [c.id for c in machine.laptop.services.communities.list().items]
        machine.edit(rng.choice(readable), rng.choice(FIELDS), f"v{step}")
        if rng.random() < 0.3:
            checked_sync(office, rng.choice(machines), problems)
        if rng.random() < 0.1:
            resolve_one(rng, rng.choice(machines))
    for _round in range(2):
        for machine in machines:
            checked_sync(office, machine, problems)
    assert problems == [], f"seed {seed}: {problems[:5]}"
    with office.db.session() as session:
        on_server = {row.id: row for row in session.scalars(select(Community))}
    for machine in machines:
        for record in machine.laptop.services.communities.list().items:
            for field in FIELDS:
                expected = getattr(on_server[record.id], field)
                assert getattr(record.data, field) == expected, f"seed {seed}: laptops differ"
