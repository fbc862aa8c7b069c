"""``generate_demo``: a realistic, made-up data set for demonstrations, training and load tests.

Everything is written in one transaction (all or nothing) with bulk inserts, in chunks of
communities so memory stays flat: 10,000 communities take well under a minute. The same
seed and the same ``today`` give the same rows, ids included; dates are laid out around
``today``, so there is always current work, recent meetings and something overdue.
Then ``showcase.py`` adds, through the services, comment threads, attached files and a
retired harm to a few communities the shared accounts work on.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Connection

from desktop.demo import harm_texts, names, places
from desktop.demo.community import build_community
from desktop.demo.context import World
from desktop.demo.showcase import write_showcase
from desktop.demo.writer import Calendar, Writer, id_stream
from desktop.i18n import _
from desktop.services.framework import audit
from desktop.services.framework.actor import Actor
from desktop.storage import Database

CHUNK = 250  # communities generated between two writes
UPDATED_BY = "demo"  # the author of every demo row (the audit event names the real actor)
_LOCALITIES = 6  # per district
_DEFAULT_GROUPS = ("girls", "boys", "women", "men", "elders", "disability")
DEMO_ACTOR = Actor("demo")

# (kind, partnership story, country) of the first communities, so that even a small demo
# has every partnership status, every kind of community, Arabic script and accents.
VARIETY: tuple[tuple[str, str, str], ...] = (
    ("village", "agreed", "Tanzania"),
    ("urban_neighbourhood", "agreed", "Jordan"),
    ("camp", "paused", "Burkina Faso"),
    ("collective", "phased_out", "Lebanon"),
    ("village", "declined", "Uganda"),
    ("urban_neighbourhood", "resumed", "Mozambique"),
    ("camp", "exploring", "DR Congo"),
    ("camp", "agreed", "Lebanon"),
)


@dataclass(frozen=True)
class DemoSummary:
    """What was written: rows per table (in bulk, and through the services for the
    showcase), and how long it took."""

    communities: int
    seed: int
    today: date
    rows: dict[str, int]
    seconds: float
    showcase: dict[str, int] = field(default_factory=dict)

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values()) + sum(self.showcase.values())


def generate_demo(
    db: Database,
    *,
    communities: int,
    seed: int = 1,
    today: date | None = None,
    actor: Actor = DEMO_ACTOR,
) -> DemoSummary:
    """Fill an empty database with ``communities`` made-up communities and all their work.

    Raises ValueError (one line, nothing written) if ``communities`` is below 1 or the
    database already holds a community: demo data must never mix with real records.
    """
    if communities < 1:
        raise ValueError(_("The number of communities must be 1 or more."))
    started = time.perf_counter()
    today = today or date.today()
    rng = random.Random(seed)
    with db.sessions.begin() as session:
        connection = session.connection()
        if connection.exec_driver_sql("SELECT 1 FROM community LIMIT 1").first() is not None:
            raise ValueError(
                _("This database already holds communities; demo data goes only into an empty one.")
            )
        world = _world(connection, rng, today)
        writer = Writer(connection, updated_by=UPDATED_BY, device_id=db.device_id)
        _users(world, connection)
        _harm_names(world, connection)
        _stakeholders(world)
        writer.write(world.take())
        _write_communities(world, writer, communities)
        rows = {table: count for table, count in writer.written.items() if count}
        audit.record(
            session,
            actor=actor,
            action="demo.generate",
            device_id=db.device_id,
            entity_type="database",
            changes={"communities": communities, "seed": seed, "today": today, "rows": rows},
        )
    showcase = dict(write_showcase(db, seed=seed, today=today))
    return DemoSummary(communities, seed, today, rows, time.perf_counter() - started, showcase)


def _write_communities(world: World, writer: Writer, communities: int) -> None:
    """Generate communities and write their rows every CHUNK, so memory stays flat.

    (A generator thread overlapping with the writes was tried: on a busy two-core machine
    the GIL hand-overs cost more than the overlap gained, so it is one thread.)
    """
    localities = {
        d.name: [names.locality_name(world.rng, d.style) for _ in range(_LOCALITIES)]
        for d in places.DISTRICTS
    }
    for number in range(1, communities + 1):
        if number <= len(VARIETY):  # the first few show every story, kind and script
            kind, story, country = VARIETY[number - 1]
            district = world.pick(
                [d for d in places.DISTRICTS if d.country == country and kind in dict(d.kinds)]
            )
            build_community(world, district, localities[district.name], kind, story)
        else:
            district = world.pick(places.DISTRICTS)
            build_community(world, district, localities[district.name])
        if number % CHUNK == 0:
            writer.write(world.take())
    writer.write(world.take())


def _world(connection: Connection, rng: random.Random, today: date) -> World:
    """The run's shared state, with what the database already has (groups, harms)."""
    present = {row[0] for row in connection.exec_driver_sql(
        "SELECT code FROM participant_group WHERE deleted_at IS NULL AND active = 1"
    )}  # fmt: skip
    groups = tuple(code for code in _DEFAULT_GROUPS if code in present)
    if not groups:
        raise ValueError(_("The office has none of the default participant groups."))
    harms = connection.exec_driver_sql(
        "SELECT code, id FROM harm "
        "WHERE community_id IS NULL AND deleted_at IS NULL AND retired = 0 ORDER BY code"
    ).all()
    taken = {row[0] for row in connection.exec_driver_sql("SELECT code FROM harm")}
    return World(
        rng=rng,
        new_id=id_stream(rng, today).__next__,
        cal=Calendar(rng, today),
        groups=groups,
        harm_ids={code: hex_id for code, hex_id in harms if code in harm_texts.PHRASE},
        stakeholders={},
        users={},
        taken_codes=taken,
    )


def _users(w: World, connection: Connection) -> None:
    """The demo accounts, unless an account of that name exists already (then it is used)."""
    existing = connection.exec_driver_sql(
        "SELECT username, id, display_name, role FROM app_user "
        "WHERE deleted_at IS NULL AND active = 1"
    ).all()
    w.users = {username: (hex_id, shown, role) for username, hex_id, shown, role in existing}
    taken = {row[0] for row in connection.exec_driver_sql("SELECT username FROM app_user")}
    for user in names.USERS:
        if user.username in taken:
            continue
        user_id, stamp = w.new_id(), w.cal.stamp(-w.between(1500, 2500))
        row = (user_id, user.username, user.display_name, user.role, user.language, 1)
        w.add("app_user", (*row, stamp, stamp))
        w.users[user.username] = (user_id, user.display_name, user.role)


def _harm_names(w: World, connection: Connection) -> None:
    """The seeded harms' names in French, Arabic, Swahili and Portuguese (where missing)."""
    have = {(h, lang) for h, lang in connection.exec_driver_sql(
        "SELECT harm_id, language FROM harm_name"
    )}  # fmt: skip
    stamp = w.cal.stamp(-2500)
    for code, translated in harm_texts.TRANSLATIONS.items():
        harm_id = w.harm_ids.get(code)
        if harm_id is None:
            continue
        for language, name in translated.items():
            if (harm_id, language) not in have:
                w.add("harm_name", (w.new_id(), harm_id, language, name, stamp, stamp))


def _stakeholders(w: World) -> None:
    """The formal actors of every district, named in the office's language there."""
    cal = w.cal
    for district in places.DISTRICTS:
        found = w.stakeholders.setdefault(district.name, [])
        for template in places.STAKEHOLDERS[district.office]:
            word = names.place_word(w.rng, district.style)
            name = template.name.format(d=district.name, r=district.region, p=word)
            email = ""
            if template.type in ("social_welfare", "ngo") and template.level == "district":
                email = f"{template.type}.{district.name.lower().replace(' ', '')}@example.org"
            stakeholder_id, stamp = w.new_id(), cal.stamp(-w.between(1500, 2500))
            address = f"{district.name}, {district.region}, {district.country}"
            row = (name, template.type, template.level, district.name, template.contact, "")
            w.add("stakeholder", (stakeholder_id, *row, email, address, "", stamp, stamp))
            found.append((stakeholder_id, template.type, name))
