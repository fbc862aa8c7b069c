"""The hash-chained audit trail, stored in a real file: intact chains verify, tampering is
found at the right event."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.models import AuditEvent
from desktop.services.framework.actor import Actor
from desktop.services.framework.audit import ChainProblem, record, verify_chain
from desktop.storage import Database, open_database

AMINA = Actor(username="amina", role="manager")


def record_events(database: Database, count: int) -> None:
    """``count`` events, each in its own transaction, as service calls would write them."""
    for number in range(1, count + 1):
        with database.sessions.begin() as session:
            record(
                session,
                actor=AMINA,
                action="community.update",
                device_id=database.device_id,
                entity_type="community",
                entity_id=f"community-{number}",
                changes={"name": [f"Old {number}", f"New {number}"]},
            )


def problem(database: Database) -> ChainProblem | None:
    with database.sessions() as session:
        return verify_chain(session)


def tamper(path: Path, sql: str) -> None:
    """Change the file behind the app's back, as someone with a SQLite tool could."""
    connection = sqlite3.connect(path)
    try:
        connection.execute(sql)
        connection.commit()
    finally:
        connection.close()


@pytest.fixture
def chained(db_path: Path) -> Path:
    """A closed database file holding five chained events (seq 1..5)."""
    database = open_database(db_path)
    try:
        record_events(database, 5)
        assert problem(database) is None
    finally:
        database.close()
    return db_path


def reopen_and_verify(path: Path) -> ChainProblem | None:
    database = open_database(path)
    try:
        return problem(database)
    finally:
        database.close()


def test_an_empty_trail_verifies(db: Database) -> None:
    assert problem(db) is None


def test_events_link_to_the_one_before(db: Database) -> None:
    record_events(db, 3)
    with db.sessions() as session:
        first, second, third = session.scalars(select(AuditEvent).order_by(AuditEvent.seq))
    assert first.prev_hash == ""
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert len({first.hash, second.hash, third.hash}) == 3
    assert problem(db) is None


def test_an_intact_chain_still_verifies_after_reopening(chained: Path) -> None:
    assert reopen_and_verify(chained) is None


def test_a_rolled_back_event_leaves_the_chain_intact(db: Database) -> None:
    record_events(db, 2)
    with pytest.raises(RuntimeError), db.sessions.begin() as session:
        record(session, actor=AMINA, action="community.delete", device_id=db.device_id)
        raise RuntimeError("cancelled")
    record_events(db, 1)
    assert problem(db) is None


def test_altered_changes_are_found_at_that_event(chained: Path) -> None:
    tamper(
        chained, """UPDATE audit_event SET changes = '{"name": ["Old 3", "Other"]}' WHERE seq = 3"""
    )
    found = reopen_and_verify(chained)
    assert found is not None
    assert found.seq == 3
    assert "hash" in found.reason


def test_a_deleted_middle_event_is_found_at_the_next_one(chained: Path) -> None:
    tamper(chained, "DELETE FROM audit_event WHERE seq = 3")
    found = reopen_and_verify(chained)
    assert found is not None
    assert found.seq == 4


def test_a_broken_link_is_found_at_that_event(chained: Path) -> None:
    tamper(chained, f"UPDATE audit_event SET prev_hash = '{'0' * 64}' WHERE seq = 2")
    found = reopen_and_verify(chained)
    assert found is not None
    assert found.seq == 2
    assert "follow" in found.reason


def test_a_changed_username_is_found(chained: Path) -> None:
    tamper(chained, "UPDATE audit_event SET username = 'someone-else' WHERE seq = 5")
    found = reopen_and_verify(chained)
    assert found is not None
    assert found.seq == 5
