"""Keyboard and screen-reader access: every screen of the tour, the tab order of the forms,
and the shortcuts the user guide lists."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.storage import Database, open_database
from desktop.views.community_form import new_community_form
from desktop.views.context import AppContext
from desktop.views.forms import FormDialog
from desktop.views.main_window import MainWindow
from desktop.views.screenshot_tour import Shot, run_tour, tour_actor
from tests.gui.community_screens_support import MANAGER, TODAY, ini_settings, make_demo
from tests.gui.keyboard_audit import audit, reachable_fields, tab_through

USER_GUIDE = Path(__file__).resolve().parents[2] / "docs" / "user-guide.md"


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(make_demo(tmp_path / "demo.db"))
    yield database
    database.close()


def test_every_screen_names_its_controls_and_shows_focus(db: Database, tmp_path: Path) -> None:
    problems: dict[str, list[str]] = {}
    visited: list[str] = []

    def check(shot: Shot, widget: QWidget) -> None:
        visited.append(shot.name)
        found = audit(widget.window())
        if found:
            problems[shot.name] = found

    run_tour(db, tmp_path / "shots", actor=tour_actor(db, None), today=TODAY, visit=check)
    assert len(visited) > 20
    assert problems == {}


def test_the_community_form_tabs_from_top_to_bottom(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    context = AppContext.create(db, MANAGER, settings=ini_settings(tmp_path), today=TODAY)
    form = new_community_form(context)
    dialog = FormDialog(form)
    qtbot.addWidget(dialog)
    dialog.show()
    fields = reachable_fields(form)
    order = tab_through(qtbot, form, form.field(fields[0]), len(fields) * 2)
    assert order[: len(fields)] == fields


def test_the_shortcuts_are_in_the_user_guide(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    window = MainWindow(db, actor=MANAGER, settings=ini_settings(tmp_path), today=TODAY)
    qtbot.addWidget(window)
    text = USER_GUIDE.read_text(encoding="utf-8")
    guide = text.split("### Keyboard shortcuts", 1)[1].split("\n## ", 1)[0]
    missing = [f"{name} ({keys})" for name, keys in window.shortcut_lines() if keys not in guide]
    assert missing == []
