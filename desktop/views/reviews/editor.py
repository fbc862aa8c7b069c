"""The review of one cycle: benchmark ratings, overall comment, the facilitator's response,
sign-off, and beside them the follow-ups, comments and earlier reviews of the community.

Who may change what follows the permission matrix: a mentor (or manager) writes the
ratings, comments, follow-ups and sign-off; the facilitator writes only the response and
the status of follow-ups; everyone else reads. The review prints from here.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.labels import labels
from desktop.models.enums import PhaseKind, Role
from desktop.services.framework.errors import ServiceError
from desktop.services.framework.records import Record
from desktop.services.usecases.drafts import DraftEntry
from desktop.services.usecases.reviews import MentorReviewData
from desktop.views.forms import Form, OptionalDateEdit, choice_combo, confirm_leave, fit_width
from desktop.views.forms.form import error_palette
from desktop.views.forms.registry import register_draft_opener
from desktop.views.reviews.benchmarks import BenchmarkRatings
from desktop.views.reviews.comment_panel import CommentsPanel
from desktop.views.reviews.follow_ups import FollowUpsTable
from desktop.views.reviews.history import ReviewHistoryTable
from desktop.views.reviews.inclusion import InclusionNote
from desktop.views.reviews.printing import save_review_pdf
from desktop.views.shell.context import AppContext
from desktop.views.shell.operations import route_form
from desktop.views.widgets.readonly import read_only_reason, set_field_read_only

MENTOR_FIELDS = ("reviewed_on", "ratings", "overall_comment", "signed_off_phase", "signed_off_on")


class ReviewEditor(QWidget):
    """One review of a cycle (``review_id`` None: a new one, saved on first Save)."""

    #: The review was saved (its id as text).
    review_saved = Signal(str)

    def __init__(
        self,
        context: AppContext,
        cycle_id: uuid.UUID,
        review_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.cycle_id = cycle_id
        self.record: Record[MentorReviewData] | None = None
        services = context.services
        cycle = services.cycles.get(cycle_id)
        self.community_id = cycle.data.community_id
        self.community_name = services.communities.get(self.community_id).data.name
        self.cycle_number = cycle.data.number or 0
        if review_id is not None:
            self.record = services.reviews.get(review_id)

        self.form = self._build_form()
        self.follow_ups = FollowUpsTable(context, self.community_id)
        self.history = ReviewHistoryTable(context, self.community_id)
        self.history.open_review.connect(self._open_other)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.follow_ups, self.tr("Follow-ups"))
        self.comments: CommentsPanel | None = None
        self.tabs.addTab(self._comments_placeholder(), self.tr("Comments"))
        self.tabs.addTab(self.history, self.tr("Earlier reviews"))

        top = self._build_top()
        splitter = QSplitter()
        splitter.addWidget(self.form)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([620, 560])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        self._load()

    # --- building ------------------------------------------------------------------------

    def _build_top(self) -> QHBoxLayout:
        """Which review this is (heading, who wrote it) with Print beside it, and the line
        for messages below."""
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.who = QLabel()
        self.who.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        error_palette(self.message)
        self.print_button = QPushButton(self.tr("Print or save as PD&F…"))
        self.print_button.setToolTip(self.tr("Save the filled review form as a PDF to print"))
        self.print_button.clicked.connect(self.save_pdf)
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.who)
        top.addLayout(titles, 1)
        top.addWidget(self.print_button)
        return top

    def _build_form(self) -> Form:
        form = Form(self.context, title=self.tr("Mentor review"), submit=self._submit, buttons=True)
        fit_width(form.add_field("reviewed_on", self.tr("Revie&w date"), OptionalDateEdit()), 14)
        form.add_section(self.tr("Process benchmarks"))
        self.ratings = BenchmarkRatings()
        self.ratings.set_note("inclusive_participation", InclusionNote(self.context, self.cycle_id))
        form.add_field("ratings", self.tr("Ratings"), self.ratings)
        form.add_field("overall_comment", self.tr("&Overall comment"), QPlainTextEdit())
        form.add_section(self.tr("Facilitator's response"))
        form.add_field(
            "facilitator_response",
            self.tr("&Response"),
            QPlainTextEdit(),
            hint=self.tr("Written by the facilitator after reading the review."),
        )
        form.add_section(self.tr("Sign-off"))
        phases = {"": self.tr("Not signed off"), **labels(PhaseKind)}
        form.add_field("signed_off_phase", self.tr("Phase si&gned off"), choice_combo(phases))
        fit_width(
            form.add_field("signed_off_on", self.tr("Signed off o&n"), OptionalDateEdit()), 14
        )
        self.sign_off_button = QPushButton(self.tr("Sign off the current phase toda&y"))
        self.sign_off_button.clicked.connect(self.sign_off_today)
        form.add_widget(self.sign_off_button)
        form.saved.connect(self._saved)
        return route_form(form, self.context, self)

    def _count_open_threads(self) -> None:
        """The Comments tab says how many of the review's threads are still open."""
        count = 0
        if self.record is not None:
            try:
                threads = self.context.services.comments.open_threads(self.cycle_id)
            except ServiceError:
                threads = {}
            count = threads.get(("mentor_review", self.record.id), 0)
        title = self.tr("Comments")
        self.tabs.setTabText(1, self.tr("{title} ({n} open)").format(title=title, n=count)
                             if count else title)  # fmt: skip

    def _comments_placeholder(self) -> QWidget:
        note = QLabel(self.tr("Save the review first, then comment on it here."))
        note.setWordWrap(True)
        return note

    # --- loading -------------------------------------------------------------------------

    def _load(self) -> None:
        record = self.record
        self.heading.setText(
            self.tr("Review of {community}, cycle {number}").format(
                community=self.community_name, number=self.cycle_number
            )
        )
        if record is None:
            self.form.set_form_key(f"mentor_review/new/{self.cycle_id}")
            self.form.set_values({"reviewed_on": self.context.today()})
            self.who.setText(self.tr("A new review, not saved yet."))
        else:
            self.form.set_form_key(f"mentor_review/{record.id}")
            self.form.set_values(asdict(record.data))
            self.who.setText(
                self.tr("Last changed by {user} on {day}.").format(
                    user=self.context.services.reads.display_names([record.updated_by])[
                        record.updated_by
                    ],
                    day=record.updated_at.astimezone().date().isoformat(),
                )
            )
        review_id = record.id if record is not None else None
        self.follow_ups.set_review(review_id)
        if review_id is not None and self.comments is None:
            self.comments = CommentsPanel(self.context, self.cycle_id, "mentor_review", review_id)
            self.tabs.removeTab(1)
            self.tabs.insertTab(1, self.comments, self.tr("Comments"))
            self.comments.comments_changed.connect(self._count_open_threads)
        self._count_open_threads()
        self.print_button.setEnabled(record is not None)
        self._apply_permissions()

    def _apply_permissions(self) -> None:
        services = self.context.services
        writes = "update" if self.record is not None else "create"
        may_write = services.can(writes, "mentor_review", self.community_id)
        reviews = services.can("create", "mentor_review", self.community_id)
        mentor_part = may_write and reviews
        response = may_write and self.context.actor.role != Role.MENTOR and self.record is not None
        # Read-only, never disabled: the other role must still reach and read each field.
        for name in MENTOR_FIELDS:
            if name != "ratings":
                set_field_read_only(self.form.field(name), not mentor_part)
        self.form.field("ratings").setEnabled(True)
        self.ratings.set_read_only(not mentor_part)
        set_field_read_only(self.form.field("facilitator_response"), not response)
        self.sign_off_button.setEnabled(mentor_part)
        self.sign_off_button.setToolTip(
            "" if mentor_part else self.tr("Only the mentor who reviews may sign off.")
        )
        if self.form.save_button is not None:
            self.form.save_button.setEnabled(mentor_part or response)
            self.form.save_button.setToolTip("" if mentor_part or response else read_only_reason())
        if not may_write:
            self._show(self.tr("You can read this review; your role cannot change it."))

    # --- actions -------------------------------------------------------------------------

    def sign_off_today(self) -> None:
        """Fill in the sign-off: today, and the phase under way (if none was chosen)."""
        today = self.context.today()
        values: dict[str, Any] = {"signed_off_on": today}
        if not self.form.values()["signed_off_phase"]:
            values["signed_off_phase"] = self._current_phase(today)
        self.form.set_values(values, saved=False)

    def _current_phase(self, today: date) -> str:
        try:
            phases = self.context.services.phases.list(where={"cycle_id": self.cycle_id}).items
        except ServiceError:
            return ""
        started = [p.data for p in phases if p.data.start_on <= today]
        started.sort(key=lambda p: p.start_on)
        return started[-1].kind if started else ""

    def _submit(self, values: dict[str, Any]) -> Record[MentorReviewData]:
        services = self.context.services
        if self.record is None:
            data = MentorReviewData(cycle_id=self.cycle_id, mentor_id=self._mentor_id(), **values)
            return services.reviews.create(data)
        data = MentorReviewData(
            cycle_id=self.cycle_id, mentor_id=self.record.data.mentor_id, **values
        )
        return services.reviews.update(self.record.id, data, expected_version=self.record.version)

    def _mentor_id(self) -> uuid.UUID | None:
        """The signed-in person's account, when they review as a mentor."""
        actor = self.context.actor
        if actor.role != Role.MENTOR:
            return None
        found = self.context.services.users.list(where={"username": actor.username}).items
        return found[0].id if found else None

    def _saved(self, record: object) -> None:
        if not isinstance(record, Record):
            return
        self.record = record
        self._show("")
        self._load()
        self.history.refresh()
        self.review_saved.emit(str(record.id))

    def save_pdf(self, path: str | None = None) -> Path | None:
        """Save the filled review form; asks where unless ``path`` is given."""
        if self.record is None:
            return None
        if not path:
            name = f"mentor-review-{self.community_name}-cycle-{self.cycle_number}.pdf"
            path, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Save the review as PDF"), name, self.tr("PDF files (*.pdf)")
            )
            if not path:
                return None
        try:
            saved = save_review_pdf(self.context, self.cycle_id, path)
        except (OSError, ServiceError) as failed:
            self._show(self.tr("The PDF was not saved: {reason}").format(reason=str(failed)))
            return None
        self._show("")
        self.who.setText(self.tr("Saved as {file}.").format(file=str(saved)))
        return saved

    def _open_other(self, cycle_id: str, review_id: str) -> None:
        if self.record is not None and review_id == str(self.record.id):
            return
        dialog = ReviewDialog(self.context, uuid.UUID(cycle_id), uuid.UUID(review_id), self)
        dialog.open()

    def _show(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))


class ReviewDialog(QDialog):
    """A review in a window of its own; closing asks about unsaved changes."""

    def __init__(
        self,
        context: AppContext,
        cycle_id: uuid.UUID,
        review_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.editor = ReviewEditor(context, cycle_id, review_id)
        self.setWindowTitle(self.editor.heading.text())
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor)
        self.resize(1150, 760)

    def open(self) -> None:
        """Show the review; typing left unsaved when the app last closed is offered back."""
        self.editor.form.offer_draft()
        super().open()

    def reject(self) -> None:
        if confirm_leave(self.editor):
            self.editor.form.discard_draft()
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not confirm_leave(self.editor):
            event.ignore()
            return
        super().closeEvent(event)


def _reopen(context: AppContext, entry: DraftEntry, parent: QWidget | None) -> None:
    """Open the review a draft was typed in: ``mentor_review/<review id>`` or
    ``mentor_review/new/<cycle id>``."""
    parts = entry.form_key.split("/")
    try:
        if parts[1] == "new":
            cycle_id, review_id = uuid.UUID(parts[2]), None
        else:
            review_id = uuid.UUID(parts[1])
            cycle_id = context.services.reviews.get(review_id).data.cycle_id
        dialog = ReviewDialog(context, cycle_id, review_id, parent)
    except (IndexError, ValueError, ServiceError):
        return  # the review or its cycle is gone: the draft stays until discarded
    dialog.open()


register_draft_opener("mentor_review", _reopen)
