"""Scopes and checksums by USB stick: a bundle's answer removes a community that left its
user's assignments, sends one that came back whole, and a drift found in an answer is
repaired by the next bundle's answer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select, text

from desktop.models import Meeting
from desktop.sync.laptop import meta
from desktop.sync.repair import REPAIR_KEY
from tests.sync.bundle_support import carry, link
from tests.sync.office_world import Laptop, Office
from tests.sync.test_scope import assign, held_rows, name_of, unassign

MakeLaptop = Callable[[str], Laptop]


def test_a_community_leaves_and_comes_back_by_usb(
    demo_office: Office, demo_laptop: MakeLaptop, tmp_path: Path
) -> None:
    office, mine = demo_office, demo_laptop("facilitator")
    link(mine)
    leaving = office.other_community_id
    unassign(office, "facilitator", leaving)
    answered = carry(mine, tmp_path)
    assert answered.download.left.communities == (name_of(office, leaving),)
    assert "1 community left your assignments" in answered.line()
    assert held_rows(mine.db, leaving) == 0
    assign(office, "facilitator", leaving)
    carry(mine, tmp_path)
    assert held_rows(mine.db, leaving) == held_rows(office.db, leaving) > 0


def test_a_drift_found_in_an_answer_is_repaired_by_the_next_one(
    demo_office: Office, demo_laptop: MakeLaptop, tmp_path: Path
) -> None:
    mine = demo_laptop("facilitator")
    link(mine)
    with mine.db.sessions.begin() as session:  # past the app
        meeting = session.scalars(select(Meeting.id).order_by(Meeting.id)).first()
        session.execute(
            text("UPDATE meeting SET version = version + 3 WHERE id = :id"), {"id": meeting.bytes}
        )
    first = carry(mine, tmp_path)
    assert first.download.differing == ("meeting",)
    assert "the next bundle repairs them" in first.line()
    assert meta(mine.db, REPAIR_KEY) == '["meeting"]'
    second = carry(mine, tmp_path)
    assert (second.download.repaired, second.download.differing) == (1, ())
    assert "repaired 1 record" in second.line()
    assert meta(mine.db, REPAIR_KEY) == "[]"
