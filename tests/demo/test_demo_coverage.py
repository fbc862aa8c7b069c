"""The demo database fills every screen: each kind of record is there, with the stories
the screens show (declined partnership, overlapping cycles, overdue work, trends,
follow-ups due and overdue, signed-off reviews, a retired harm, attached files), and
comment threads between the mentor and the facilitator on a cycle's records, written
through the services, audited, and the same for the same seed."""

from __future__ import annotations

import struct
import uuid
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pypdfium2
import pytest
from sqlalchemy import select

from desktop.demo.comment_texts import KINDS
from desktop.demo.generate import DemoSummary
from desktop.models import AuditEvent
from desktop.models.enums import Role
from desktop.services.facade import Services
from desktop.services.framework.actor import Actor
from desktop.storage import Database
from tests.demo.demo_database import count, demo_database, rows

TODAY = date(2026, 3, 15)
DAY = TODAY.isoformat()
COMMUNITIES = 40


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, DemoSummary]]:
    path = tmp_path_factory.mktemp("coverage") / "demo.db"
    with demo_database(path, communities=COMMUNITIES, seed=3, today=TODAY) as made:
        yield made


@pytest.fixture
def demo_db(demo: tuple[Database, DemoSummary]) -> Database:
    return demo[0]


def person(db: Database, role: Role) -> Services:
    return Services(db, Actor(role.value, role.value))


@pytest.mark.parametrize(
    "table",
    ["community", "stakeholder", "linkage", "linkage_change", "partnership_change",
     "cycle", "phase", "meeting", "meeting_attendance", "planning_group_member",
     "learning_finding", "harm_priority", "harm_rank", "action", "action_stakeholder",
     "indicator", "observation", "reflection", "reflection_action", "mentor_review",
     "benchmark_assessment", "follow_up", "comment", "comment_read", "attachment",
     "community_assignment", "harm_name"],
)  # fmt: skip
def test_every_kind_of_record_is_there(demo_db: Database, table: str) -> None:
    assert count(demo_db, f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL") > 0


def test_the_summary_counts_what_the_services_wrote(demo: tuple[Database, DemoSummary]) -> None:
    db, summary = demo
    assert summary.showcase["comment"] == count(db, "SELECT count(*) FROM comment "
                                                    "WHERE updated_by != 'demo'")  # fmt: skip
    assert summary.showcase["attachment"] == count(db, "SELECT count(*) FROM attachment")
    assert summary.total_rows == sum(summary.rows.values()) + sum(summary.showcase.values())


def test_a_declined_community_keeps_its_partnership_history(demo_db: Database) -> None:
    declined = rows(
        demo_db,
        "SELECT c.id, count(p.id) FROM community c JOIN partnership_change p "
        "ON p.community_id = c.id WHERE c.partnership_status = 'declined' GROUP BY c.id",
    )
    assert declined and all(changes >= 2 for _id, changes in declined)


def test_cycles_overlap_and_actions_are_overdue(demo_db: Database) -> None:
    overlapping = count(
        demo_db,
        "SELECT count(*) FROM cycle a JOIN cycle b ON a.community_id = b.community_id "
        "AND a.id != b.id AND a.start_on < b.start_on "
        "AND (a.end_on IS NULL OR a.end_on > b.start_on)",
    )
    overdue = count(
        demo_db,
        "SELECT count(*) FROM action WHERE status IN ('planned', 'under_way') AND due_on < ?",
        DAY,
    )
    assert overlapping > 0 and overdue > 0


def groups(db: Database, table: str, key: str, having: str) -> int:
    """How many values of ``key`` in ``table`` have rows that satisfy ``having``."""
    return count(db, f"SELECT count(*) FROM (SELECT {key} FROM {table} "
                     f"GROUP BY {key} HAVING {having})")  # fmt: skip


def test_indicators_have_enough_results_for_a_trend(demo_db: Database) -> None:
    assert groups(demo_db, "observation", "indicator_id", "count(*) >= 3") > 0


def test_follow_ups_are_due_and_overdue_and_reviews_signed_off(demo_db: Database) -> None:
    open_follow_ups = "SELECT count(*) FROM follow_up WHERE status = 'open' AND due_on {} ?"
    assert count(demo_db, open_follow_ups.format("<"), DAY) > 0
    assert count(demo_db, open_follow_ups.format(">="), DAY) > 0
    assert count(demo_db, "SELECT count(*) FROM mentor_review WHERE signed_off_on IS NOT NULL")


def test_linkages_change_status_over_time(demo_db: Database) -> None:
    assert groups(demo_db, "linkage_change", "linkage_id", "count(DISTINCT status) >= 2") > 0


def test_the_catalogue_has_a_retired_harm_that_is_still_listed(demo_db: Database) -> None:
    harms = person(demo_db, Role.MANAGER).harms.list(where={"community_id": None}).items
    retired = [h for h in harms if h.data.retired]
    assert [h.data.name for h in retired] == ["Children begging at the market"]
    assert len(harms) > len(retired)


def test_attached_files_are_a_real_picture_and_real_scans(demo_db: Database) -> None:
    services = person(demo_db, Role.FACILITATOR)
    files = services.attachments.list(limit=None).items
    kinds = {(f.data.entity_type, f.data.media_type) for f in files}
    assert {("community", "image/png"), ("community", "application/pdf")} <= kinds
    assert ("meeting", "application/pdf") in kinds
    for attached in files:
        content = services.attachments.content(attached.id)
        assert attached.data.size == len(content)
        if attached.data.media_type == "image/png":
            assert_png(content)
        else:
            pdf = pypdfium2.PdfDocument(content)
            text = pdf[0].get_textpage().get_text_range()
            assert text.split("\n")[0].strip() in ("Partnership agreement", "Attendance sheet")


def assert_png(content: bytes) -> None:
    """A well-formed RGB PNG: the signature, the header and every row of pixels."""
    assert content[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, depth, colour = struct.unpack(">IIBB", content[16:26])
    assert (depth, colour) == (8, 2)
    length = struct.unpack(">I", content[33:37])[0]
    assert content[37:41] == b"IDAT"
    pixels = zlib.decompress(content[41 : 41 + length])
    assert len(pixels) == height * (1 + 3 * width)


def test_each_kind_of_record_gets_comment_threads(demo_db: Database) -> None:
    kinds = {kind for (kind,) in rows(demo_db, "SELECT DISTINCT subject_kind FROM comment")}
    assert set(KINDS) | {"mentor_review"} <= kinds


def test_the_facilitator_replies_and_threads_are_resolved_or_open(demo_db: Database) -> None:
    people = "SELECT count(*) FROM comment WHERE updated_by != 'demo' AND "
    assert count(demo_db, people + "parent_id IS NOT NULL AND author = 'facilitator'")
    assert count(demo_db, people + "parent_id IS NULL AND resolved_on = ?", DAY)
    assert count(demo_db, people + "parent_id IS NULL AND resolved_on IS NULL")


def test_recent_comments_are_unread_for_both_sides(demo_db: Database) -> None:
    assert person(demo_db, Role.MENTOR).comments.unread_total() > 0
    assert person(demo_db, Role.FACILITATOR).comments.unread_total() > 0


def test_every_comment_written_by_a_person_is_audited(demo_db: Database) -> None:
    written = {
        str(uuid.UUID(bytes=stored))
        for (stored,) in rows(demo_db, "SELECT id FROM comment WHERE updated_by != 'demo'")
    }
    with demo_db.session() as session:
        audited = set(
            session.scalars(
                select(AuditEvent.entity_id).where(
                    AuditEvent.entity_type == "comment", AuditEvent.action == "create"
                )
            )
        )
    assert written and written <= audited


def _threads(db: Database) -> list[tuple[Any, ...]]:
    """The comments people wrote, without their ids and times (which the services make)."""
    return rows(
        db,
        "SELECT c.subject_kind, c.subject_id, c.author, c.body, c.resolved_on, "
        "p.body FROM comment c LEFT JOIN comment p ON p.id = c.parent_id "
        "WHERE c.updated_by != 'demo' ORDER BY c.subject_id, c.body",
    )


def test_the_threads_follow_the_seed(tmp_path: Path) -> None:
    made = {}
    for name, seed in (("a", 4), ("b", 4), ("c", 6)):
        with demo_database(tmp_path / f"{name}.db", communities=20, seed=seed, today=TODAY) as (
            db,
            _summary,
        ):
            made[name] = _threads(db)
    assert made["a"] and made["a"] == made["b"]
    assert made["a"] != made["c"]
