"""Keyboard and screen-reader access: every screen of the tour, the tab order of the forms,
and the shortcuts the user guide lists."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desktop.storage import Database, open_database
from desktop.tour.base import Shot
from desktop.tour.run import run_tour, tour_actor
from desktop.views.communities.form import new_community_form
from desktop.views.forms import FormDialog
from desktop.views.forms.tables import fill_table, record_table, selected_id
from desktop.views.shell.context import AppContext
from desktop.views.shell.main_window import MainWindow
from tests.views.community_screens_support import (
    MANAGER,
    TODAY,
    ini_settings,
    make_demo,
    shown_window,
)
from tests.views.keyboard_audit import audit, reachable_fields, tab_through

USER_GUIDE = Path(__file__).resolve().parents[3] / "docs" / "user-guide.md"


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


def test_the_shortcuts_window_lists_every_shortcut_of_the_window(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    window = shown_window(qtbot, db, MANAGER, tmp_path)
    for entry in window.entries:  # every page, so its own commands exist too
        window.show_page(entry.key)
    native = QKeySequence.SequenceFormat.NativeText
    shortcuts = {
        keys.toString(native)
        for action in window.findChildren(QAction)
        for keys in action.shortcuts()
    }
    assert {"Ctrl+N", "Ctrl+Q", "F1", "Ctrl+Shift+E"} <= shortcuts
    listed = window.shortcuts_box()
    qtbot.addWidget(listed)
    assert shortcuts - listed.keys_listed() == set()
    assert {"Ctrl+S", "Esc", "Tab", "Enter"} <= listed.keys_listed()
    assert listed.table.rowCount() == len(listed.lines)


def test_enter_opens_the_current_row_and_tab_leaves_the_list(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    window = shown_window(qtbot, db, MANAGER, tmp_path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    table = window.page("communities").table  # type: ignore[attr-defined]
    table.setFocus(Qt.FocusReason.TabFocusReason)
    table.setCurrentIndex(table.model().index(1, 0))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not table  # Tab left the list
    table.setFocus(Qt.FocusReason.BacktabFocusReason)
    wanted = table.model().index(1, 0).data()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.detail is not None)
    assert wanted in window.windowTitle() or wanted in _texts(window.detail)


def _texts(widget: QWidget | None) -> str:
    if widget is None:
        return ""
    return " ".join(label.text() for label in widget.findChildren(QLabel))


@pytest.mark.parametrize("opens", [None, "itemDoubleClicked", "activated"])
def test_enter_on_a_list_opens_its_row_or_presses_the_default_button(
    qtbot: QtBot, opens: str | None
) -> None:
    """A list that opens rows opens the current one on Enter (and the dialog stays); one
    that opens nothing lets Enter press the dialog's default button."""
    dialog = QDialog()
    qtbot.addWidget(dialog)
    table = record_table(["Name"], "People")
    fill_table(table, [(1, ("Amina",)), (2, ("Baraka",))])
    ok = QPushButton("OK")
    ok.setDefault(True)
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(ok)
    happened: list[str] = []
    ok.clicked.connect(lambda: happened.append("ok"))
    if opens is not None:
        getattr(table, opens).connect(lambda *_: happened.append(f"opened {selected_id(table)}"))
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    table.setFocus()
    table.selectRow(1)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert happened == (["ok"] if opens is None else ["opened 2"])
