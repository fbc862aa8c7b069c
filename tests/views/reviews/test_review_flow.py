"""A mentor reviews a cycle, asks for a follow-up and comments on an action; the
facilitator sees the badge, replies and closes the follow-up; the mentor signs off.
Driven through the real screens over a real database file."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from desktop.services.framework.errors import PermissionDenied
from desktop.services.usecases.comments import CommentData
from desktop.services.usecases.reviews import FollowUpData, MentorReviewData
from desktop.storage import Database
from desktop.views.cycle.actions import ActionsSection
from desktop.views.cycle.section import CycleRef
from desktop.views.forms import OptionalDateEdit
from desktop.views.reviews.comment_panel import CommentsPanel, unread_badge
from desktop.views.reviews.editor import ReviewEditor
from desktop.views.reviews.page import ReviewsPage
from tests.views.reviews.review_world import TODAY, ReviewWorld, build_review_world


@pytest.fixture
def world(db: Database) -> ReviewWorld:
    return build_review_world(db)


def _comment_panel(qtbot: QtBot, panel: CommentsPanel) -> CommentsPanel:
    qtbot.addWidget(panel)
    panel.show()
    return panel


def test_a_mentor_reviews_raises_a_follow_up_and_comments_on_an_action(
    qtbot: QtBot, db: Database, world: ReviewWorld
) -> None:
    context = world.context(db, "achen", "mentor")
    home = ReviewsPage(context)
    qtbot.addWidget(home)
    home.show()
    # The cycle has run for months without a review: it waits, and says why.
    assert home.awaiting.rowCount() == 1
    assert "Never reviewed" in home.awaiting.item(0, 2).text()

    home.awaiting.setCurrentCell(0, 0)
    qtbot.keyClick(home.awaiting, Qt.Key.Key_Return)
    assert home.dialog is not None
    editor: ReviewEditor = home.dialog.editor  # type: ignore[attr-defined]
    assert editor.record is None
    ratings = editor.ratings
    ratings.ratings["inclusive_participation"].setCurrentIndex(
        ratings.ratings["inclusive_participation"].findData("needs_attention")
    )
    qtbot.keyClicks(ratings.comments["inclusive_participation"], "Elders were not there.")
    overall = editor.form.field("overall_comment")
    assert isinstance(overall, QPlainTextEdit)
    qtbot.keyClicks(overall, "A good start.")
    # The facilitator writes the response, not the mentor.
    response = editor.form.field("facilitator_response")
    assert isinstance(response, QPlainTextEdit) and response.isReadOnly()
    assert editor.form.save_button is not None
    qtbot.mouseClick(editor.form.save_button, Qt.MouseButton.LeftButton)

    saved = world.manager.reviews.list(where={"cycle_id": world.cycle_id}).items
    assert len(saved) == 1
    review = saved[0].data
    assert review.ratings == {
        "inclusive_participation": ("needs_attention", "Elders were not there.")
    }
    assert review.overall_comment == "A good start."
    assert review.reviewed_on == TODAY
    assert editor.record is not None and editor.follow_ups.add_button.isEnabled()

    def fill_follow_up() -> None:
        dialog = editor.follow_ups.dialog
        assert dialog is not None
        what = dialog.form.field("description")
        assert isinstance(what, QPlainTextEdit)
        what.setPlainText("Invite the elders to the next meeting")
        who = dialog.form.field("owner")
        assert isinstance(who, QLineEdit)
        who.setText("Facilitator")
        due = dialog.form.field("due_on")
        assert isinstance(due, OptionalDateEdit)
        due.set_value(date(2024, 9, 20))
        dialog.accept()

    QTimer.singleShot(0, fill_follow_up)
    qtbot.mouseClick(editor.follow_ups.add_button, Qt.MouseButton.LeftButton)
    follow_ups = world.manager.follow_ups.list(where={"review_id": saved[0].id}).items
    assert [(f.data.description, f.data.owner, f.data.status) for f in follow_ups] == [
        ("Invite the elders to the next meeting", "Facilitator", "open")
    ]
    assert editor.follow_ups.table.rowCount() == 1

    panel = _comment_panel(qtbot, CommentsPanel(context, world.cycle_id, "action", world.action_id))
    assert not panel.add_button.isEnabled()  # nothing typed yet
    qtbot.keyClicks(panel.editor, "Who leads this action?")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    thread = world.manager.comments.thread("action", world.action_id)
    assert [(c.data.author, c.data.body) for c in thread] == [("achen", "Who leads this action?")]
    assert panel.tree.topLevelItemCount() == 1
    assert panel.editor.toPlainText() == ""


def _mentor_wrote(world: ReviewWorld, db: Database) -> tuple[object, object]:
    mentor = world.context(db, "achen", "mentor").services
    review = mentor.reviews.create(MentorReviewData(cycle_id=world.cycle_id, reviewed_on=TODAY))
    follow_up = mentor.follow_ups.create(
        FollowUpData(review_id=review.id, description="Invite the elders", due_on=TODAY)
    )
    mentor.comments.create(
        CommentData(
            cycle_id=world.cycle_id,
            subject_kind="action",
            subject_id=world.action_id,
            body="Who leads this action?",
        )
    )
    return review, follow_up


def test_the_facilitator_sees_the_badge_replies_and_closes_the_follow_up(
    qtbot: QtBot, db: Database, world: ReviewWorld
) -> None:
    review, _follow_up = _mentor_wrote(world, db)
    context = world.context(db, "okello", "facilitator")
    assert unread_badge(context) == 1
    home = ReviewsPage(context)
    qtbot.addWidget(home)
    assert home.replies_table.rowCount() == 1
    assert home.replies_table.item(0, 3).text() == "Who leads this action?"
    assert home.replies_table.item(0, 2).text() == "Achen Lamwaka"  # names, not usernames
    assert home.communities.item(0, 4).text() == "1 new"

    panel = _comment_panel(qtbot, CommentsPanel(context, world.cycle_id, "action", world.action_id))
    assert unread_badge(context) == 0  # shown, so read
    assert panel.tree.topLevelItem(0).text(3).startswith("New")
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    qtbot.keyClicks(panel.editor, "The chair of the planning group.")
    qtbot.mouseClick(panel.reply_button, Qt.MouseButton.LeftButton)
    thread = world.manager.comments.thread("action", world.action_id)
    assert [(c.data.author, c.data.parent_id is not None) for c in thread] == [
        ("achen", False),
        ("okello", True),
    ]
    assert unread_badge(world.context(db, "achen", "mentor")) == 1

    editor = ReviewEditor(context, world.cycle_id, review.id)  # type: ignore[attr-defined]
    qtbot.addWidget(editor)
    assert "Last changed by Achen Lamwaka" in editor.who.text()
    # The facilitator answers the review but cannot change the mentor's part.
    response = editor.form.field("facilitator_response")
    assert isinstance(response, QPlainTextEdit) and not response.isReadOnly()
    overall = editor.form.field("overall_comment")
    assert isinstance(overall, QPlainTextEdit) and overall.isReadOnly()
    assert editor.ratings.ratings["community_ownership"].isHidden()  # a read-only line shows it
    assert not editor.follow_ups.add_button.isEnabled()
    response = editor.form.field("facilitator_response")
    assert isinstance(response, QPlainTextEdit)
    qtbot.keyClicks(response, "We will visit the elders.")
    assert editor.form.save()
    editor.follow_ups.select_row(0)
    assert "Overdue" not in editor.follow_ups.table.item(0, 3).text()  # due today
    qtbot.mouseClick(editor.follow_ups.done_button, Qt.MouseButton.LeftButton)
    stored = world.manager.reviews.get(review.id)  # type: ignore[attr-defined]
    assert stored.data.facilitator_response == "We will visit the elders."
    follow_ups = world.manager.follow_ups.list(where={"review_id": stored.id}).items
    assert [(f.data.status, f.data.closed_on) for f in follow_ups] == [("done", TODAY)]


def test_the_mentor_signs_off_a_phase(qtbot: QtBot, db: Database, world: ReviewWorld) -> None:
    review, _follow_up = _mentor_wrote(world, db)
    context = world.context(db, "achen", "mentor")
    editor = ReviewEditor(context, world.cycle_id, review.id)  # type: ignore[attr-defined]
    qtbot.addWidget(editor)
    qtbot.mouseClick(editor.sign_off_button, Qt.MouseButton.LeftButton)
    assert editor.form.values()["signed_off_phase"] == "planning"  # the phase under way
    assert editor.form.dirty
    assert editor.form.save_button is not None
    qtbot.mouseClick(editor.form.save_button, Qt.MouseButton.LeftButton)
    stored = world.manager.reviews.get(review.id)  # type: ignore[attr-defined]
    assert (stored.data.signed_off_phase, stored.data.signed_off_on) == ("planning", TODAY)
    assert editor.history.table.item(6, 0).text().startswith("Planning")


def test_a_sign_off_without_a_phase_is_refused_beside_the_field(
    qtbot: QtBot, db: Database, world: ReviewWorld
) -> None:
    context = world.context(db, "achen", "mentor")
    editor = ReviewEditor(context, world.cycle_id)
    qtbot.addWidget(editor)
    date_field = editor.form.field("signed_off_on")
    assert isinstance(date_field, OptionalDateEdit)
    date_field.set_value(TODAY)
    assert not editor.form.save()
    assert editor.form.error("signed_off_phase") == "Say which phase is signed off."
    assert world.manager.reviews.list(where={"cycle_id": world.cycle_id}).items == []


def test_a_mentor_cannot_edit_an_action(qtbot: QtBot, db: Database, world: ReviewWorld) -> None:
    context = world.context(db, "achen", "mentor")
    action = context.services.actions.get(world.action_id)
    with pytest.raises(PermissionDenied):
        context.services.actions.update(action.id, action.data, expected_version=action.version)
    section = ActionsSection(CycleRef(context, world.cycle_id, world.community_id))
    qtbot.addWidget(section)
    assert section.add_button.isHidden()
    assert section.edit_button.isHidden()
    assert section.delete_button.isHidden()
    # ... yet the mentor may comment on it.
    panel = _comment_panel(qtbot, CommentsPanel(context, world.cycle_id, "action", world.action_id))
    assert panel.editor.isEnabled()


def test_an_administrator_reads_reviews_but_cannot_write_them(
    qtbot: QtBot, db: Database, world: ReviewWorld
) -> None:
    review, _follow_up = _mentor_wrote(world, db)
    context = world.context(db, "root-admin", "admin")
    editor = ReviewEditor(context, world.cycle_id, review.id)  # type: ignore[attr-defined]
    qtbot.addWidget(editor)
    assert editor.form.save_button is not None and not editor.form.save_button.isEnabled()
    assert not editor.sign_off_button.isEnabled()
    assert "cannot change" in editor.message.text()
    panel = editor.comments
    assert panel is not None and not panel.editor.isEnabled()


def test_the_review_and_the_mentor_summary_print(
    qtbot: QtBot, db: Database, world: ReviewWorld, tmp_path: Path
) -> None:
    review, _follow_up = _mentor_wrote(world, db)
    context = world.context(db, "achen", "mentor")
    editor = ReviewEditor(context, world.cycle_id, review.id)  # type: ignore[attr-defined]
    qtbot.addWidget(editor)
    saved = editor.save_pdf(str(tmp_path / "review.pdf"))
    assert saved is not None
    text = _pdf_text(saved)
    assert "Mentor review" in text and "Invite the elders" in text

    home = ReviewsPage(context)
    qtbot.addWidget(home)
    home.save_summary(str(tmp_path / "summary.pdf"))
    summary = _pdf_text(tmp_path / "summary.pdf")
    assert "Mentor's summary" in summary
    assert "Kéréwé" in summary and "Invite the elders" in summary
    assert "Achen Lamwaka" in summary  # the mentor by name, not by username


def _pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_follow_ups_are_changed_in_the_table_and_refusals_show_beside_it(
    qtbot: QtBot, db: Database, world: ReviewWorld
) -> None:
    review, follow_up = _mentor_wrote(world, db)
    context = world.context(db, "achen", "mentor")
    editor = ReviewEditor(context, world.cycle_id, review.id)  # type: ignore[attr-defined]
    qtbot.addWidget(editor)
    editor.show()
    table = editor.follow_ups
    who = table.editor(0, 1)
    assert isinstance(who, QLineEdit) and who.isEnabled()
    who.clear()
    qtbot.keyClicks(who, "Okello, with the elders")
    qtbot.keyClick(who, Qt.Key.Key_Return)
    stored = world.manager.follow_ups.get(follow_up.id)  # type: ignore[attr-defined]
    assert stored.data.owner == "Okello, with the elders"
    qtbot.waitUntil(lambda: table.editor(0, 1) is not who)  # the row shows the saved values

    due = table.editor(0, 2)
    assert isinstance(due, OptionalDateEdit)
    due.set_value(date(2024, 8, 1))  # before the review: refused, nothing saved
    due.editingFinished.emit()
    assert table.message.text() == "Due by: Cannot be before the review (2024-09-01)."
    assert world.manager.follow_ups.get(follow_up.id).data.due_on == TODAY  # type: ignore[attr-defined]
    due.set_value(date(2024, 9, 30))
    due.editingFinished.emit()
    assert world.manager.follow_ups.get(follow_up.id).data.due_on == date(2024, 9, 30)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: table.message.isHidden())

    # The facilitator only changes the status, right in the table.
    theirs = ReviewEditor(world.context(db, "okello", "facilitator"), world.cycle_id, review.id)  # type: ignore[attr-defined]
    qtbot.addWidget(theirs)
    assert not theirs.follow_ups.editor(0, 1).isEnabled()  # type: ignore[union-attr]
    assert not theirs.follow_ups.editor(0, 2).isEnabled()  # type: ignore[union-attr]
    status = theirs.follow_ups.editor(0, 3)
    assert isinstance(status, QComboBox) and status.isEnabled()
    status.setCurrentIndex(status.findData("cancelled"))
    status.activated.emit(status.currentIndex())
    closed = world.manager.follow_ups.get(follow_up.id).data  # type: ignore[attr-defined]
    assert (closed.status, closed.closed_on) == ("cancelled", TODAY)
    events = world.manager.audit_log.history("follow_up", follow_up.id)  # type: ignore[attr-defined]
    assert [e.username for e in events] == ["achen", "achen", "achen", "okello"]


def test_the_comments_tab_counts_the_review_s_open_threads(
    qtbot: QtBot, db: Database, world: ReviewWorld
) -> None:
    review, _follow_up = _mentor_wrote(world, db)
    facilitator = world.context(db, "okello", "facilitator")
    facilitator.services.comments.create(
        CommentData(
            cycle_id=world.cycle_id,
            subject_kind="mentor_review",
            subject_id=review.id,  # type: ignore[attr-defined]
            body="Can we talk about the elders on Friday?",
        )
    )
    editor = ReviewEditor(world.context(db, "achen", "mentor"), world.cycle_id, review.id)  # type: ignore[attr-defined]
    qtbot.addWidget(editor)
    assert editor.tabs.tabText(1) == "Comments (1 open)"
    panel = editor.comments
    assert panel is not None
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    qtbot.mouseClick(panel.resolve_button, Qt.MouseButton.LeftButton)
    assert editor.tabs.tabText(1) == "Comments"
