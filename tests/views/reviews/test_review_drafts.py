"""A review left unsaved when the app closed unexpectedly is offered back at start-up and
reopens with the typing in it."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from desktop.services.usecases.reviews import MentorReviewData
from desktop.storage import Database
from desktop.views.forms.registry import reopen_draft, reopenable_drafts
from desktop.views.reviews.editor import ReviewDialog
from tests.views.reviews.review_world import TODAY, ReviewWorld, build_review_world


@pytest.fixture
def world(db: Database) -> ReviewWorld:
    return build_review_world(db)


def _type_and_crash(qtbot: QtBot, dialog: ReviewDialog, text: str) -> None:
    """Type into the overall comment, let the draft be written, and never close."""
    qtbot.addWidget(dialog)
    dialog.open()
    overall = dialog.editor.form.field("overall_comment")
    assert isinstance(overall, QPlainTextEdit)
    ratings = dialog.editor.ratings.ratings["community_ownership"]
    ratings.setCurrentIndex(ratings.findData("on_track"))
    overall.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(overall, text)
    dialog.editor.form.flush_draft()


def _reopened(world: ReviewWorld, db: Database, host: QWidget) -> ReviewDialog:
    """Start again as the mentor: the draft is offered, and reopening shows the review."""
    context = world.context(db, "achen", "mentor")
    drafts = [d for d in reopenable_drafts(context) if d.kind == "mentor_review"]
    assert len(drafts) == 1
    assert reopen_draft(context, drafts[0], host)
    dialogs = host.findChildren(ReviewDialog)
    assert len(dialogs) == 1
    return dialogs[0]


def test_a_new_review_left_unsaved_comes_back(
    qtbot: QtBot, db: Database, world: ReviewWorld
) -> None:
    context = world.context(db, "achen", "mentor")
    _type_and_crash(qtbot, ReviewDialog(context, world.cycle_id), "Elders were missing.")

    host = QWidget()  # the main window
    qtbot.addWidget(host)
    dialog = _reopened(world, db, host)
    form = dialog.editor.form
    assert dialog.editor.record is None
    assert form.values()["overall_comment"] == "Elders were missing."
    assert form.values()["ratings"] == {"community_ownership": ("on_track", "")}
    assert form.dirty  # restored, not saved: Save keeps it
    assert form.save()
    saved = world.manager.reviews.list(where={"cycle_id": world.cycle_id}).items
    assert [r.data.overall_comment for r in saved] == ["Elders were missing."]
    assert reopenable_drafts(context) == []


def test_changes_to_a_saved_review_left_unsaved_come_back(
    qtbot: QtBot, db: Database, world: ReviewWorld
) -> None:
    context = world.context(db, "achen", "mentor")
    review = context.services.reviews.create(
        MentorReviewData(cycle_id=world.cycle_id, reviewed_on=TODAY, overall_comment="Good.")
    )
    _type_and_crash(qtbot, ReviewDialog(context, world.cycle_id, review.id), " More to say.")

    host = QWidget()  # the main window
    qtbot.addWidget(host)
    dialog = _reopened(world, db, host)
    assert dialog.editor.record is not None and dialog.editor.record.id == review.id
    assert dialog.editor.form.values()["overall_comment"] == "Good. More to say."
    assert world.manager.reviews.get(review.id).data.overall_comment == "Good."
