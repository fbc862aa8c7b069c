"""After each sync the laptop and the office compare checksums of the user's scope: a
laptop row changed, removed or added past the app is found and repaired, and said."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable

from sqlalchemy import select, text

from desktop.models import AuditEvent, Meeting, Phase, Stakeholder
from desktop.services.framework.actor import SYSTEM
from desktop.storage import Database
from desktop.sync.checksum import laptop_sums, row_hash, server_sums
from desktop.sync.download import snapshot
from desktop.sync.scope import scope_of
from tests.sync.office_world import Laptop, Office

MakeLaptop = Callable[[str], Laptop]


def behind_the_apps_back(db: Database, sql: str, **values: object) -> None:
    """A write straight into the laptop's file, as another tool would make it."""
    with db.sessions.begin() as session:
        session.execute(text(sql), values)


def first_id(db: Database, model: type) -> uuid.UUID:
    with db.session() as session:
        found: uuid.UUID = session.scalars(select(model.id).order_by(model.id)).first()
        return found


def repaired_events(db: Database) -> list[dict[str, object]]:
    with db.session() as session:
        found = session.scalars(
            select(AuditEvent.changes).where(AuditEvent.action == "sync.repaired")
        )
        return [json.loads(changes) for changes in found]


def test_both_sides_count_the_same_records_the_same_way(
    demo_office: Office, demo_laptop: MakeLaptop
) -> None:
    mine = demo_laptop("facilitator")
    with snapshot(demo_office.db) as session:
        expected = server_sums(session, mine.server_actor, scope_of(session, mine.server_actor))
    with mine.db.session() as session:
        assert laptop_sums(session) == expected
    assert expected["meeting"][0] > 0
    one = first_id(mine.db, Meeting)
    with mine.db.session() as session:
        version = session.scalars(select(Meeting.version).where(Meeting.id == one)).one()
    assert row_hash(one.hex, version) < 2**32


def test_a_version_changed_past_the_app_is_repaired(
    demo_office: Office, demo_laptop: MakeLaptop
) -> None:
    mine = demo_laptop("facilitator")
    meeting = first_id(mine.db, Meeting)
    with demo_office.db.session() as session:
        on_server = session.scalars(select(Meeting.version).where(Meeting.id == meeting)).one()
    behind_the_apps_back(
        mine.db,
        "UPDATE meeting SET version = version + 7, notes = 'x' WHERE id = :id",
        id=meeting.bytes,
    )
    summary = mine.sync()
    assert (summary.repaired, summary.still_differing) == (1, ())
    assert "repaired 1 record" in summary.line()
    with mine.db.session() as session:
        row = session.get(Meeting, meeting)
        assert row is not None and (row.version, row.notes) == (
            on_server,
            _notes(demo_office, meeting),
        )
    assert repaired_events(mine.db) == [{"kinds": ["meeting"], "records": 1}]
    assert mine.sync().repaired == 0


def _notes(office: Office, meeting: uuid.UUID) -> str:
    with office.db.session() as session:
        row = session.get(Meeting, meeting)
        assert row is not None
        return row.notes


def test_rows_removed_or_added_past_the_app_are_repaired(
    demo_office: Office, demo_laptop: MakeLaptop
) -> None:
    mine = demo_laptop("facilitator")
    phase = first_id(mine.db, Phase)
    behind_the_apps_back(mine.db, "DELETE FROM phase WHERE id = :id", id=phase.bytes)
    stranger = uuid.uuid4()
    with mine.db.sessions.begin() as session:  # a copy of a row, under a new id
        session.execute(text("CREATE TEMP TABLE copied AS SELECT * FROM stakeholder LIMIT 1"))
        session.execute(text("UPDATE copied SET id = :id, name = 'Nobody'"), {"id": stranger.bytes})
        session.execute(text("INSERT INTO stakeholder SELECT * FROM copied"))
    summary = mine.sync()
    assert summary.repaired == 2
    with mine.db.session() as session:
        assert session.get(Phase, phase) is not None
        assert session.get(Stakeholder, stranger) is None
    kinds = repaired_events(mine.db)[0]["kinds"]
    assert set(kinds) == {"phase", "stakeholder"}  # type: ignore[arg-type]


def test_a_manager_laptop_matches_the_office_after_a_join(
    demo_office: Office, demo_laptop: MakeLaptop
) -> None:
    mine = demo_laptop("manager")
    with snapshot(demo_office.db) as session:
        everything = server_sums(session, SYSTEM, scope_of(session, SYSTEM))
    with mine.db.session() as session:
        held = laptop_sums(session)
    assert held["community"] == everything["community"]
    assert mine.sync().repaired == 0
