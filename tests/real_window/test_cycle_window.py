"""A facilitator's day in the real window, keyboard only: find the community, start a
cycle, record a meeting with who came, then edit the cycle and close it. Each step is
typed into whatever has the focus; the database is read afterwards."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from desktop.services.facade import Services
from desktop.services.queries.community_list import CommunityQuery
from desktop.services.security.signin import sign_in
from tests.real_window.conftest import PASSWORD
from tests.real_window.screen import Screen

COUNTS = (12, 9, 15, 10, 4, 2)  # girls, boys, women, men, elders, people with disabilities


def _cycles_and_community(db_path: Path) -> tuple[str, set[str]]:
    """The facilitator's (first) community, and the ids of its cycles."""
    signed_in = sign_in(db_path, "facilitator", PASSWORD)
    try:
        services = Services(signed_in.db, signed_in.actor)
        community = services.list_communities(CommunityQuery()).items[0]
        cycles = services.cycles.list(where={"community_id": community.id}).items
        return community.name, {str(c.id) for c in cycles}
    finally:
        signed_in.db.close()


def test_a_cycle_started_edited_and_closed_with_a_meeting_by_keyboard(
    screen: Screen, demo_db: Path, tmp_path: Path
) -> None:
    name, before = _cycles_and_community(demo_db)
    today = date.today().isoformat()
    app: subprocess.Popen[bytes] = screen.start(
        [sys.executable, "-m", "desktop", "--db", str(demo_db)],
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    sign_in_window = screen.wait_window("Sign in", app=app)
    screen.type("facilitator")
    screen.key("Tab")
    screen.type(PASSWORD)
    screen.key("Return")
    screen.wait_gone(sign_in_window)
    screen.wait_window("CLCP Desktop", app=app)

    screen.key("ctrl+f")  # find the community and open it
    screen.type(name)
    screen.key("Return", "alt+y")  # its Cycles tab
    screen.key("alt+n")  # Start a new cycle…
    new_cycle = screen.wait_window("New cycle", app=app)
    screen.type("Safe roads to school")
    screen.key("Return")
    screen.wait_gone(new_cycle)
    screen.screenshot("workspace")

    screen.key("Down", "alt+r")  # the Meetings section, Record meeting…
    meeting = screen.wait_window("New meeting", app=app)
    screen.key("Tab", "Tab")  # held today, a whole-community meeting
    screen.type("School yard")
    screen.key("Tab")
    screen.type("Neema")  # facilitated by
    for count in COUNTS:
        screen.key("Tab")
        screen.type(str(count))
    screen.key("Return")
    screen.wait_gone(meeting)

    screen.key("alt+c")  # Edit cycle…: an end date, and closed
    edit = screen.wait_window("Edit cycle", app=app)
    screen.key("alt+e")
    screen.type(today)
    screen.key("alt+a")
    screen.type("Co")
    screen.screenshot("edit-cycle")
    screen.key("Return")
    screen.wait_gone(edit)
    screen.key("ctrl+q")
    assert app.wait(timeout=30) == 0, screen.output(app)
    assert "Traceback" not in screen.output(app), screen.output(app)

    signed_in = sign_in(demo_db, "facilitator", PASSWORD)
    try:
        services = Services(signed_in.db, signed_in.actor)
        community = services.list_communities(CommunityQuery()).items[0]
        cycles = services.cycles.list(where={"community_id": community.id}).items
        made = [c for c in cycles if str(c.id) not in before]
        assert len(made) == 1, [c.data.title for c in made]  # saved once, never twice
        cycle = made[0]
        assert cycle.data.title == "Safe roads to school"
        assert (cycle.data.status, str(cycle.data.end_on)) == ("completed", today)
        assert cycle.version > 1  # edited after it was made
        meetings = services.meetings.list(where={"cycle_id": cycle.id}).items
        assert len(meetings) == 1
        assert (meetings[0].data.place, meetings[0].data.facilitated_by) == ("School yard", "Neema")
        assert str(meetings[0].data.held_on) == today
        assert sum(meetings[0].data.attendance.values()) == sum(COUNTS)
    finally:
        signed_in.db.close()
