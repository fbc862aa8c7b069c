"""Comments on the records of a cycle, inside the cycle workspace: the mentor asks about
an action, the facilitator sees the badge and answers there, the mentor resolves it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QSplitter
from pytestqt.qtbot import QtBot

from desktop.services.framework.actor import Actor
from desktop.services.usecases.comments import CommentData
from desktop.storage import Database
from desktop.views.cycle.workspace import CycleWorkspace, Section
from desktop.views.reviews.comment_panel import CommentsPanel, unread_badge
from desktop.views.reviews.cycle_comments import CycleComments
from desktop.views.reviews.page import ReviewsPage
from desktop.views.shell.main_window import MainWindow
from tests.views.reviews.review_world import TODAY, ReviewWorld, build_review_world


@pytest.fixture
def world(db: Database) -> ReviewWorld:
    return build_review_world(db)


def _workspace_on_the_action(qtbot: QtBot, world: ReviewWorld, context: object) -> CycleWorkspace:
    workspace = CycleWorkspace(context, world.cycle_id)  # type: ignore[arg-type]
    qtbot.addWidget(workspace)
    workspace.resize(1200, 800)
    workspace.show()
    workspace.show_section(Section.ACTIONS)
    assert workspace.comments.shown() is None  # nothing selected yet
    assert not workspace.comments.hint.isHidden()
    assert workspace.action_plan.select_record(world.action_id)
    assert workspace.comments.shown() == ("action", world.action_id)
    return workspace


def _panel(comments: CycleComments) -> CommentsPanel:
    """The shown comments panel, opened from the one-line bar if the record has none."""
    if comments.is_compact():
        comments.open_button.click()
    shown = [p for p in comments.findChildren(CommentsPanel) if p.isVisible()]
    assert shown == [comments.panel]  # one panel, even when showing it marks comments read
    return shown[0]


def _open_threads_note(workspace: CycleWorkspace) -> str:
    item = workspace.action_plan.table.item(0, 0)
    note = item.data(Qt.ItemDataRole.AccessibleDescriptionRole)
    return str(note) if note and not item.icon().isNull() else ""


def test_mentor_asks_facilitator_answers_mentor_resolves_in_the_workspace(
    qtbot: QtBot, db: Database, world: ReviewWorld
) -> None:
    mentor = world.context(db, "achen", "mentor")
    workspace = _workspace_on_the_action(qtbot, world, mentor)
    assert "Talk with parents" in workspace.comments.title.text()
    panel = _panel(workspace.comments)
    assert panel.editor.isEnabled()  # a mentor cannot change the action, but comments on it
    assert workspace.action_plan.edit_button.isHidden()
    qtbot.keyClicks(panel.editor, "Who leads this action?")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert [c.data.body for c in world.manager.comments.thread("action", world.action_id)] == [
        "Who leads this action?"
    ]
    # The list shows the action has an open thread; the same panel stays shown.
    assert _open_threads_note(workspace) == "1 open comment thread"
    assert workspace.comments.panel is panel and panel.tree.topLevelItemCount() == 1

    facilitator = world.context(db, "okello", "facilitator")
    assert unread_badge(facilitator) == 1
    theirs = _workspace_on_the_action(qtbot, world, facilitator)
    assert _open_threads_note(theirs) == "1 open comment thread"
    answer = _panel(theirs.comments)
    assert answer.tree.topLevelItem(0).text(1) == "Achen Lamwaka"  # the display name
    assert answer.tree.topLevelItem(0).text(3).startswith("New")
    assert unread_badge(facilitator) == 0
    answer.tree.setCurrentItem(answer.tree.topLevelItem(0))
    qtbot.keyClicks(answer.editor, "The chair of the planning group.")
    qtbot.mouseClick(answer.reply_button, Qt.MouseButton.LeftButton)
    assert unread_badge(mentor) == 1

    workspace.comments.show_record(None)
    workspace.comments.show_record("action", world.action_id, "Talk with parents")
    panel.refresh()
    assert unread_badge(mentor) == 0
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    assert panel.resolve_button.text() == "Mark resol&ved"
    qtbot.mouseClick(panel.resolve_button, Qt.MouseButton.LeftButton)
    thread = world.manager.comments.thread("action", world.action_id)
    assert thread[0].data.resolved_by == "achen"
    assert _open_threads_note(workspace) == ""  # no open thread left


def test_people_edit_their_own_comment_and_others_see_it_was_edited(
    qtbot: QtBot, db: Database, world: ReviewWorld
) -> None:
    mentor = world.context(db, "achen", "mentor")
    workspace = _workspace_on_the_action(qtbot, world, mentor)
    panel = _panel(workspace.comments)
    qtbot.keyClicks(panel.editor, "Who leads thsi?")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    assert panel.edit_button.isEnabled()
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    assert panel.editor.toPlainText() == "Who leads thsi?"
    assert panel.add_button.text() == "Save c&hange" and not panel.reply_button.isEnabled()
    panel.editor.clear()
    qtbot.keyClicks(panel.editor, "Who leads this?")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    first = panel.tree.topLevelItem(0)
    assert first.text(0) == "Who leads this?" and first.text(2).endswith("(edited)")
    assert panel.add_button.text() == "Add co&mment" and panel.editing is None

    facilitator = world.context(db, "okello", "facilitator")
    theirs = _workspace_on_the_action(qtbot, world, facilitator)
    other = _panel(theirs.comments)
    other.tree.setCurrentItem(other.tree.topLevelItem(0))
    assert other.tree.topLevelItem(0).text(2).endswith("(edited)")
    assert not other.edit_button.isEnabled()  # not theirs to change


def test_the_facilitator_goes_from_the_badge_to_the_action_and_answers(
    qtbot: QtBot, db: Database, world: ReviewWorld, tmp_path: Path
) -> None:
    mentor = world.context(db, "achen", "mentor")
    mentor.services.comments.create(
        CommentData(
            cycle_id=world.cycle_id,
            subject_kind="action",
            subject_id=world.action_id,
            body="Who leads this action?",
        )
    )
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        db,
        actor=Actor("okello", role="facilitator"),
        settings=settings,
        today=TODAY,
        offer_drafts_at_start=False,
    )
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    assert _nav_text(window, "reviews") == "Reviews (1)"

    window.request_page("reviews")
    home = window.page("reviews")
    assert isinstance(home, ReviewsPage) and home.replies_table.rowCount() == 1
    home.replies_table.setCurrentCell(0, 0)
    qtbot.keyClick(home.replies_table, Qt.Key.Key_Return)
    workspace = window.detail
    assert isinstance(workspace, CycleWorkspace)
    assert workspace.current_section() == Section.ACTIONS
    assert workspace.comments.shown() == ("action", world.action_id)
    assert _nav_text(window, "reviews") == "Reviews"  # shown, so read
    assert not workspace.comments.is_compact()  # the record has comments: shown at once

    panel = _panel(workspace.comments)
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    qtbot.keyClicks(panel.editor, "The chair of the planning group.")
    qtbot.mouseClick(panel.reply_button, Qt.MouseButton.LeftButton)
    thread = world.manager.comments.thread("action", world.action_id)
    assert [(c.data.author, c.data.body) for c in thread][1] == (
        "okello",
        "The chair of the planning group.",
    )
    assert unread_badge(mentor) == 1


def test_a_record_without_comments_leaves_the_room_to_the_section(
    qtbot: QtBot, db: Database, world: ReviewWorld
) -> None:
    workspace = _workspace_on_the_action(qtbot, world, world.context(db, "achen", "mentor"))
    comments = workspace.comments
    pane = comments.parentWidget()
    assert isinstance(pane, QSplitter)
    qtbot.waitUntil(lambda: pane.sizes()[1] == comments.maximumHeight())
    bar_height = comments.maximumHeight()
    assert comments.is_compact() and comments.panel is not None and comments.panel.isHidden()
    assert "No comments on the action “Talk with parents”" in comments.title.text()
    assert bar_height < 3 * comments.open_button.sizeHint().height()
    assert pane.sizes()[0] > 10 * bar_height  # the section keeps the room

    qtbot.mouseClick(comments.open_button, Qt.MouseButton.LeftButton)
    assert not comments.is_compact() and comments.panel.isVisible()
    assert comments.open_button.isHidden()
    assert comments.panel.editor.hasFocus()
    assert pane.sizes()[1] >= sum(pane.sizes()) * 2 // 5 - 1  # room to read and write
    assert comments.title.text() == "Comments on the action “Talk with parents”"

    # Another record without comments folds back to the bar.
    comments.show_record(None)
    assert comments.is_compact() and not comments.hint.isHidden()


def _nav_text(window: MainWindow, key: str) -> str:
    for row in range(window.nav.count()):
        item = window.nav.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == key:
            return str(item.text())
    raise AssertionError(key)
