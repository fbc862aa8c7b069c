"""Tab through every screen of the tour, as each role, with real key events: no trap (Tab
leaves every control within a few presses and comes back round to the first stop), every
stop has a name a screen reader can say, and forms are walked top to bottom."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.storage import Database
from desktop.tour.base import Shot
from desktop.tour.run import run_tour, tour_actor
from tests.views.community_screens_support import TODAY
from tests.views.keyboard_audit import out_of_order, tab_walk, unnamed

ROLES = ("admin", "manager", "facilitator", "mentor")
HOLD_TAB = ("QTableWidget 'Follow-ups'",)


@pytest.mark.parametrize("role", ROLES)
def test_tab_walks_every_screen_without_a_trap(
    qtbot: QtBot, tour_db: Database, tmp_path: Path, role: str
) -> None:
    problems: dict[str, list[str]] = {}
    screens = stops = 0
    held: dict[str, int] = {}

    def visit(shot: Shot, widget: QWidget) -> None:
        nonlocal screens, stops
        walk = tab_walk(qtbot, widget.window())
        screens += 1
        stops += len(walk.stops)
        found = [walk.trap] if walk.trap else []
        held.update({f"{shot.name}: {name}": n for name, n in walk.held.items()})
        found += [f"{name}: no name" for name in unnamed(widget.window(), walk.stops)]
        found += [f"fields out of order: {order}" for order in out_of_order(walk.stops)]
        if len(walk.stops) < 2 and not walk.trap:
            found.append("fewer than two stops")
        if found:
            problems[shot.name] = found

    run_tour(tour_db, tmp_path / "shots", actor=tour_actor(tour_db, role), today=TODAY, visit=visit)
    print(f"{role}: {screens} screens, {stops} stops, {len(problems)} with problems",
          file=sys.stderr)  # fmt: skip
    print("held", held, file=sys.stderr)
    assert screens > 20
    assert problems == {}
    # Only the follow-ups table keeps Tab for a while, then lets it go: it has fields in
    # its cells (who, due, status). The community timeline leaves on one Tab.
    assert [name for name in held if not any(ok in name for ok in HOLD_TAB)] == []
