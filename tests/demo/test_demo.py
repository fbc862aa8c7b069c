"""The demo data generator over real database files: what it writes, that it reads back
through the ORM, that it is deterministic, and that it never touches a database that
already holds communities."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from datetime import UTC, date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.demo import generate, names, phrases
from desktop.demo.community import build_community
from desktop.demo.generate import DemoSummary, generate_demo
from desktop.demo.writer import COLUMNS, model_columns
from desktop.models import (
    ActionStakeholder,
    AuditEvent,
    Community,
    Cycle,
    HarmName,
    Meeting,
    MeetingAttendance,
    Observation,
)
from desktop.models.enums import (
    ActionStatus,
    BenchmarkRating,
    CommunityKind,
    CycleStatus,
    FollowUpStatus,
    LinkageKind,
    MeetingKind,
    PartnershipStatus,
    PhaseKind,
    Role,
    StakeholderLevel,
    StakeholderType,
)
from desktop.services.framework.audit import verify_chain
from desktop.services.framework.text import fold
from desktop.storage import Database, open_database
from tests.demo.demo_database import demo_database, rows

TODAY = date(2026, 3, 15)
DAY = TODAY.isoformat()
ARABIC = re.compile("[\u0600-\u06ff]")
SYNC_COLUMNS = {"id", "created_at", "updated_at", "version", "updated_by", "origin_device"}


def values(db: Database, sql: str, *params: Any) -> set[Any]:
    return {row[0] for row in rows(db, sql, *params)}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, DemoSummary]]:
    """One demo database shared by the read-only checks (generating it takes a moment)."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with demo_database(path, communities=60, seed=5, today=TODAY) as made:
        yield made


@pytest.fixture
def demo_db(demo: tuple[Database, DemoSummary]) -> Database:
    return demo[0]


def test_every_table_gets_rows_and_the_summary_counts_them(
    demo: tuple[Database, DemoSummary],
) -> None:
    db, summary = demo
    assert summary.communities == 60
    assert summary.seconds > 0
    for table in COLUMNS:
        count = rows(db, f"SELECT count(*) FROM {table} WHERE updated_by = 'demo'")[0][0]
        assert count > 0, table
        assert summary.rows[table] == count, table
    assert summary.total_rows == sum(summary.rows.values()) + sum(summary.showcase.values())
    assert values(db, "SELECT count(*) FROM community") == {60}


def test_the_writer_fills_every_column_of_every_table() -> None:
    for table, columns in COLUMNS.items():
        assert SYNC_COLUMNS | {"deleted_at"} | set(columns) == model_columns(table), table


def _content(db: Database, table: str) -> list[tuple[Any, ...]]:
    """A table's demo rows, without the device id (every database file has its own)."""
    names = ", ".join(("id", *COLUMNS[table], "created_at", "updated_at", "version"))
    return rows(db, f"SELECT {names} FROM {table} ORDER BY id")


def test_same_seed_and_day_give_the_same_rows(tmp_path: Path) -> None:
    first, second = open_database(tmp_path / "a.db"), open_database(tmp_path / "b.db")
    try:
        generate_demo(first, communities=25, seed=9, today=TODAY)
        generate_demo(second, communities=25, seed=9, today=TODAY)
        for table in ("community", "cycle", "meeting", "meeting_attendance", "harm_rank",
                      "action", "observation", "follow_up", "app_user", "stakeholder"):  # fmt: skip
            assert _content(first, table) == _content(second, table), table
    finally:
        first.close()
        second.close()


def test_another_seed_gives_other_rows(tmp_path: Path) -> None:
    first, second = open_database(tmp_path / "a.db"), open_database(tmp_path / "b.db")
    try:
        generate_demo(first, communities=10, seed=1, today=TODAY)
        generate_demo(second, communities=10, seed=2, today=TODAY)
        ids = "SELECT id FROM community"
        assert values(first, ids).isdisjoint(values(second, ids))
        names = "SELECT name FROM community ORDER BY id"
        assert rows(first, names) != rows(second, names)
    finally:
        first.close()
        second.close()


def test_refuses_a_database_that_holds_communities_and_leaves_it_unchanged(db: Database) -> None:
    with db.sessions.begin() as session:
        session.add(Community(name="Kéréwé", district="Kaya"))
    before = {table: rows(db, f"SELECT * FROM {table} ORDER BY id") for table in COLUMNS}
    with pytest.raises(ValueError, match="already holds communities"):
        generate_demo(db, communities=5, today=TODAY)
    assert {table: rows(db, f"SELECT * FROM {table} ORDER BY id") for table in COLUMNS} == before
    assert values(db, "SELECT count(*) FROM audit_event") == {0}


def test_a_failure_half_way_leaves_nothing_behind(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows already written for earlier chunks are rolled back with the rest."""
    built = 0

    def failing(*args: Any) -> None:
        nonlocal built
        built += 1
        if built > generate.CHUNK + 5:
            raise RuntimeError("disk full")
        build_community(*args)

    monkeypatch.setattr(generate, "build_community", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        generate_demo(db, communities=generate.CHUNK * 2, today=TODAY)
    for table in ("community", "app_user", "stakeholder", "meeting", "audit_event"):
        assert values(db, f"SELECT count(*) FROM {table}") == {0}, table


@pytest.mark.parametrize("count", [0, -3])
def test_refuses_fewer_than_one_community(db: Database, count: int) -> None:
    with pytest.raises(ValueError, match="1 or more"):
        generate_demo(db, communities=count, today=TODAY)
    assert values(db, "SELECT count(*) FROM app_user") == {0}


def test_every_status_kind_and_type_appears(demo_db: Database) -> None:
    expected = {
        "SELECT partnership_status FROM community": PartnershipStatus,
        "SELECT kind FROM community": CommunityKind,
        "SELECT status FROM cycle": CycleStatus,
        "SELECT kind FROM phase": PhaseKind,
        "SELECT kind FROM meeting": MeetingKind,
        "SELECT status FROM action": ActionStatus,
        "SELECT status FROM follow_up": FollowUpStatus,
        "SELECT rating FROM benchmark_assessment": BenchmarkRating,
        "SELECT type FROM stakeholder": StakeholderType,
        "SELECT level FROM stakeholder": StakeholderLevel,
        "SELECT kind FROM linkage": LinkageKind,
        "SELECT role FROM app_user": Role,
    }
    for sql, vocabulary in expected.items():
        assert values(demo_db, sql) == {member.value for member in vocabulary}, sql
    assert values(demo_db, "SELECT status FROM linkage") >= {"proposed", "in_dialogue", "active"}


def test_there_is_current_recent_and_overdue_work(demo_db: Database) -> None:
    overdue = "SELECT count(*) FROM action WHERE due_on < ? AND status IN ('planned', 'under_way')"
    assert rows(demo_db, overdue, DAY)[0][0] > 0
    late = "SELECT count(*) FROM follow_up WHERE due_on < ? AND status = 'open'"
    assert rows(demo_db, late, DAY)[0][0] > 0
    open_phases = rows(
        demo_db,
        "SELECT c.status, count(p.id) FROM cycle c "
        "LEFT JOIN phase p ON p.cycle_id = c.id AND p.end_on IS NULL GROUP BY c.id",
    )
    assert {n for status, n in open_phases if status == "active"} == {1}
    assert {n for status, n in open_phases if status != "active"} == {0}
    recent = "SELECT count(*) FROM meeting WHERE held_on >= date(?, '-30 days')"
    assert rows(demo_db, recent, DAY)[0][0] > 0
    last_meetings = rows(
        demo_db,
        "SELECT max(m.held_on) FROM community c JOIN cycle y ON y.community_id = c.id "
        "JOIN meeting m ON m.cycle_id = y.id WHERE c.partnership_status = 'agreed' GROUP BY c.id",
    )
    assert any(held < "2026-01-14" for (held,) in last_meetings)  # quiet for 60+ days
    for table, column in (("meeting", "held_on"), ("action", "completed_on"),
                          ("follow_up", "closed_on"), ("mentor_review", "reviewed_on"),
                          ("mentor_review", "signed_off_on"), ("observation", "observed_on"),
                          ("partnership_change", "changed_on"), ("linkage_change", "changed_on"),
                          ("reflection", "held_on")):  # fmt: skip
        assert rows(demo_db, f"SELECT count(*) FROM {table} WHERE {column} > ?", DAY)[0][0] == 0


def test_a_declined_community_has_a_reason_and_no_cycle_after_declining(
    demo_db: Database,
) -> None:
    declined = rows(
        demo_db,
        "SELECT c.id, p.changed_on, p.reason FROM community c "
        "JOIN partnership_change p ON p.community_id = c.id AND p.status = 'declined' "
        "WHERE c.partnership_status = 'declined'",
    )
    assert declined
    for community_id, declined_on, reason in declined:
        assert reason
        later = "SELECT count(*) FROM cycle WHERE community_id = ? AND start_on >= ?"
        assert rows(demo_db, later, community_id, declined_on)[0][0] == 0


def test_partnership_status_mirrors_the_latest_change(demo_db: Database) -> None:
    for community_id, status, since in rows(
        demo_db, "SELECT id, partnership_status, partnership_since FROM community"
    ):
        latest = rows(
            demo_db,
            "SELECT status, changed_on FROM partnership_change WHERE community_id = ? "
            "ORDER BY changed_on DESC LIMIT 1",
            community_id,
        )
        assert latest == [(status, since)]


def test_names_in_several_scripts_and_folded_for_search(demo_db: Database) -> None:
    communities = rows(
        demo_db, "SELECT name, other_names, district, locality, search_text FROM community"
    )
    names = [name for name, *_rest in communities]
    assert any(ARABIC.search(name) for name in names)
    assert any(fold(name) != name.casefold() and not ARABIC.search(name) for name in names)
    for name, other_names, district, locality, search_text in communities:
        assert search_text == fold(name, other_names, district, locality)
    display = values(demo_db, "SELECT display_name FROM app_user")
    assert any(ARABIC.search(name) for name in display)
    assert {"admin", "manager", "facilitator", "mentor"} <= values(
        demo_db, "SELECT username FROM app_user"
    )


def test_rows_read_back_through_the_orm(demo_db: Database) -> None:
    with demo_db.session() as session:
        community = session.scalars(select(Community).order_by(Community.name).limit(1)).one()
        assert isinstance(community.id, uuid.UUID) and community.id.version == 7
        assert community.created_at.tzinfo == UTC
        assert community.deleted_at is None and community.version == 1
        assert community.origin_device == demo_db.device_id
        assert isinstance(community.partnership_since, date)
        meeting = session.scalars(
            select(Meeting).join(MeetingAttendance, MeetingAttendance.meeting_id == Meeting.id)
        ).first()
        assert meeting is not None
        attendance = session.scalars(
            select(MeetingAttendance).where(MeetingAttendance.meeting_id == meeting.id)
        ).all()
        assert attendance and all(isinstance(a.count, int) for a in attendance)
        assert isinstance(meeting.held_on, date) and meeting.updated_at.tzinfo == UTC
        cycle = session.get(Cycle, meeting.cycle_id)
        assert cycle is not None and cycle.start_on <= meeting.held_on
        counted = session.scalars(
            select(Observation).where(Observation.value_number.is_not(None)).limit(1)
        ).one()
        assert isinstance(counted.value_number, float)
        links = session.scalar(select(func.count()).select_from(ActionStakeholder))
        assert links


def test_foreign_keys_and_integrity_hold(demo_db: Database) -> None:
    assert rows(demo_db, "PRAGMA foreign_key_check") == []
    assert rows(demo_db, "PRAGMA quick_check") == [("ok",)]


def test_one_audit_event_records_the_bulk_rows_and_the_chain_verifies(
    demo: tuple[Database, DemoSummary],
) -> None:
    """The bulk rows are one event; the showcase after it is audited write by write."""
    db, summary = demo
    with db.session() as session:
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()
        assert events[0].action == "demo.generate"
        assert {event.username for event in events[1:]} <= {u.username for u in names.USERS}
        assert {event.entity_type for event in events[1:]} == {"comment", "attachment", "harm"}
        assert len(events) - 1 >= sum(summary.showcase.values())
        changes = json.loads(events[0].changes)
        assert changes["communities"] == 60 and changes["seed"] == 5
        assert changes["rows"] == summary.rows
        assert verify_chain(session) is None


def test_harm_names_are_translated(demo_db: Database) -> None:
    with demo_db.session() as session:
        languages = set(session.scalars(select(HarmName.language)))
        assert languages == {"fr", "ar", "sw", "pt"}
        assert session.scalar(select(func.count()).select_from(HarmName)) == 48


def test_harms_are_ranked_by_each_group_and_actions_follow_the_selection(
    demo_db: Database,
) -> None:
    spread = rows(demo_db, "SELECT min(rank) < max(rank) FROM harm_rank GROUP BY priority_id")
    assert any(differs for (differs,) in spread)
    selected = rows(
        demo_db, "SELECT count(*) FROM harm_priority WHERE selected = 1 AND reasons = ''"
    )
    assert selected == [(0,)]
    unselected_actions = rows(
        demo_db,
        "SELECT count(*) FROM action a WHERE a.harm_id IS NOT NULL AND NOT EXISTS ("
        "SELECT 1 FROM harm_priority p WHERE p.cycle_id = a.cycle_id "
        "AND p.harm_id = a.harm_id AND p.selected = 1)",
    )
    assert unselected_actions == [(0,)]
    own = rows(
        demo_db,
        "SELECT count(*) FROM harm_priority p JOIN harm h ON h.id = p.harm_id "
        "JOIN cycle c ON c.id = p.cycle_id WHERE h.community_id IS NOT NULL",
    )
    assert own[0][0] > 0
    elsewhere = rows(
        demo_db,
        "SELECT count(*) FROM harm_priority p JOIN harm h ON h.id = p.harm_id "
        "JOIN cycle c ON c.id = p.cycle_id WHERE h.community_id != c.community_id",
    )
    assert elsewhere == [(0,)]


def test_the_shared_accounts_carry_a_good_share_of_communities(demo_db: Database) -> None:
    share = dict(
        rows(
            demo_db,
            "SELECT u.username, count(DISTINCT a.community_id) FROM community_assignment a "
            "JOIN app_user u ON u.id = a.user_id GROUP BY u.username",
        )
    )
    assert share["facilitator"] >= 10 and share["mentor"] >= 15
    current = rows(
        demo_db,
        "SELECT count(*) FROM community_assignment WHERE role = 'facilitator' "
        "AND (to_on IS NULL OR to_on >= ?) GROUP BY community_id",
        DAY,
    )
    assert {n for (n,) in current} <= {1}


def test_planning_group_members_are_roles_or_initials_never_names(demo_db: Database) -> None:
    roles = {label for labels in phrases.ROLES.values() for label, _group in labels}
    initials = re.compile(r"^\w\.\w\.$")
    for (label,) in rows(demo_db, "SELECT label FROM planning_group_member"):
        assert label in roles or initials.match(label), label
