"""File > Import submissions… in the real window, from the keyboard: a facilitator opens it
(Alt+F, U), types the file's path, previews with Alt+P, imports with Alt+I and closes with
Escape. The meetings are in the database once, the rejected one is not."""

from __future__ import annotations

import csv
import sys
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.models import AuditEvent, Community, CommunityAssignment, Cycle, Meeting, User
from desktop.services.security.signin import sign_in
from tests.real_window.conftest import PASSWORD
from tests.real_window.screen import Screen

pytestmark = pytest.mark.timeout(150)


def _facilitator_community(db_path: Path) -> str:
    signed_in = sign_in(db_path, "manager", PASSWORD, read_only=True)
    try:
        with signed_in.db.session() as session:
            return str(
                session.scalars(
                    select(Community.id)
                    .join(CommunityAssignment, CommunityAssignment.community_id == Community.id)
                    .join(User, User.id == CommunityAssignment.user_id)
                    .join(Cycle, Cycle.community_id == Community.id)
                    .where(User.username == "facilitator", Cycle.status == "active")
                ).first()
            )
    finally:
        signed_in.db.close()


def _counts(db_path: Path) -> tuple[int, int]:
    signed_in = sign_in(db_path, "manager", PASSWORD, read_only=True)
    try:
        with signed_in.db.session() as session:
            meetings = session.scalar(select(func.count()).select_from(Meeting)) or 0
            imported = session.scalar(
                select(func.count()).where(
                    AuditEvent.action == "import", AuditEvent.entity_type == "submission"
                )
            )
            return int(meetings), int(imported or 0)
    finally:
        signed_in.db.close()


def test_submissions_are_previewed_then_imported_from_the_keyboard(
    screen: Screen, demo_db: Path, tmp_path: Path
) -> None:
    community = _facilitator_community(demo_db)
    file = tmp_path / "meetings.csv"
    with file.open("w", encoding="utf-8", newline="") as handle:
        rows = csv.writer(handle)
        rows.writerow(["community_id", "held_on", "kind", "attendance-count_girls",
                       "meta-instanceID", "ReviewState"])  # fmt: skip
        for review in ("", "", "rejected"):
            rows.writerow([community, "2026-05-20", "small_group", "6", uuid.uuid4(), review])
    meetings, imported = _counts(demo_db)
    app = screen.start(
        [sys.executable, "-m", "desktop", "--db", str(demo_db)],
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    signing_in = screen.wait_window("Sign in", app=app)
    screen.type("facilitator")
    screen.key("Tab")
    screen.type(PASSWORD)
    screen.key("Return")
    screen.wait_gone(signing_in)
    screen.wait_window("CLCP Desktop", app=app)
    screen.key("alt+f", "u")
    dialog = screen.wait_window("Import submissions", app=app)
    screen.type(str(file))
    screen.key("alt+p")
    time.sleep(3)  # the preview reads the file in the background
    screen.screenshot("import-submissions-preview")
    assert _counts(demo_db) == (meetings, imported)  # a preview writes nothing
    screen.key("alt+i")
    deadline = time.monotonic() + 60
    while _counts(demo_db) != (meetings + 2, imported + 2):
        assert app.poll() is None, screen.output(app)
        assert time.monotonic() < deadline, f"not imported: {screen.output(app)}"
        time.sleep(0.5)
    screen.screenshot("import-submissions-imported")
    screen.key("Escape")
    screen.wait_gone(dialog)
    screen.key("ctrl+q")
    assert app.wait(timeout=60) == 0, screen.output(app)
    assert "Traceback" not in screen.output(app)
    assert _counts(demo_db) == (meetings + 2, imported + 2)


def _communities(db_path: Path) -> dict[str, int | None]:
    signed_in = sign_in(db_path, "manager", PASSWORD, read_only=True)
    try:
        with signed_in.db.session() as session:
            rows = session.execute(select(Community.name, Community.population_estimate))
            return {str(name): population for name, population in rows}
    finally:
        signed_in.db.close()


def test_a_list_is_mapped_column_by_column_and_imported_from_the_keyboard(
    screen: Screen, demo_db: Path, tmp_path: Path
) -> None:
    """The manager opens File > Import a list… (Alt+F, I), types the path, Tabs to the
    Village column's field list and picks Name by typing N, Tabs past District (guessed)
    to Population and picks Population estimate by typing P, then imports with Alt+I."""
    before = _communities(demo_db)
    known = sorted(before)[0]
    file = tmp_path / "villages.csv"
    file.write_text(
        "Village,District,Population\nKéréwé Nord,Kigoma,1200\nTanghin,Kigoma,800\n",
        encoding="utf-8",
    )
    app = screen.start(
        [sys.executable, "-m", "desktop", "--db", str(demo_db)],
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    signing_in = screen.wait_window("Sign in", app=app)
    screen.type("manager")
    screen.key("Tab")
    screen.type(PASSWORD)
    screen.key("Return")
    screen.wait_gone(signing_in)
    screen.wait_window("CLCP Desktop", app=app)
    screen.key("alt+f", "i")
    dialog = screen.wait_window("Import a list", app=app)
    screen.type(str(file))
    screen.key("Tab", "Tab", "Tab", "Tab")  # Browse, List of, Duplicates, then Village's field
    screen.type("N")
    screen.key("Tab", "Tab")  # District's field (guessed), then Population's
    screen.type("P")
    time.sleep(1)
    screen.screenshot("import-list-mapped")
    assert _communities(demo_db) == before  # nothing written yet
    screen.key("alt+i")
    deadline = time.monotonic() + 60
    while len(_communities(demo_db)) < len(before) + 2:
        assert app.poll() is None, screen.output(app)
        assert time.monotonic() < deadline, f"not imported: {screen.output(app)}"
        time.sleep(0.5)
    screen.screenshot("import-list-imported")
    screen.key("Escape")
    screen.wait_gone(dialog)
    screen.key("ctrl+q")
    assert app.wait(timeout=60) == 0, screen.output(app)
    after = _communities(demo_db)
    assert after["Kéréwé Nord"] == 1200 and after["Tanghin"] == 800
    assert after[known] == before[known]
