"""The mentor's home: "what needs my attention?" in four lists.

The mentor's communities (with unread comments and open follow-ups), cycles awaiting a
review and why, follow-ups due or overdue, and new comments. A manager sees every
community. Double-click or Enter on a row opens the review it is about (a new one for a
cycle awaiting review); the summary of all of it prints from here.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.labels import record_kind
from desktop.services.framework.changes import Changes
from desktop.services.framework.errors import ServiceError
from desktop.services.queries.mentoring import (
    MentorHome,
    UnreadComment,
)
from desktop.views.forms.form import error_palette
from desktop.views.reviews.editor import ReviewDialog
from desktop.views.reviews.history import ReviewHistoryDialog
from desktop.views.reviews.labels import awaiting_reason
from desktop.views.reviews.printing import save_summary_pdf
from desktop.views.shell.context import AppContext

_KEY_ROLE = Qt.ItemDataRole.UserRole
#: Records whose comments open in the review rather than the cycle workspace.
_REVIEW_SUBJECTS = ("mentor_review", "follow_up")
_WATCHED = ("mentor_review", "follow_up", "comment", "comment_read", "cycle", "phase")


def _table(name: str, headers: Sequence[str], stretch: int) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    for column in range(len(headers)):
        mode = (
            QHeaderView.ResizeMode.Stretch
            if column == stretch
            else QHeaderView.ResizeMode.Interactive
        )
        header.setSectionResizeMode(column, mode)
    return table


def _fill(table: QTableWidget, rows: Sequence[tuple[str, Sequence[str], bool]]) -> None:
    """Rows of (key, cells, stands out); a row that stands out is bold. Columns other
    than the stretching one fit their contents, up to a width that leaves it room."""
    table.setRowCount(len(rows))
    for row, (key, cells, bold) in enumerate(rows):
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(_KEY_ROLE, key)
            item.setToolTip(text)
            if bold:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            table.setItem(row, column, item)
    header = table.horizontalHeader()
    widest = table.fontMetrics().horizontalAdvance("M" * 17)
    for column in range(table.columnCount()):
        if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive:
            table.resizeColumnToContents(column)
            table.setColumnWidth(column, min(table.columnWidth(column), widest))


class ReviewsPage(QWidget):
    """The mentor's home; see the module docstring."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.home: MentorHome | None = None
        self.replies: list[UnreadComment] = []
        self.dialog: QWidget | None = None

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        error_palette(self.message)

        self._build_tables()
        bar = self._build_bar()

        grid = QGridLayout()
        grid.addWidget(self._box(self.tr("Cycles awaiting review"), self.awaiting), 0, 0)
        grid.addWidget(self._box(self.tr("Follow-ups due or overdue"), self.follow_ups), 0, 1)
        grid.addWidget(self._box(self.tr("My communities"), self.communities), 1, 0)
        grid.addWidget(self._box(self.tr("New comments"), self.replies_table), 1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addLayout(grid, 1)
        context.navigator.changes_made.connect(self._on_changes)
        self.refresh()

    def _build_tables(self) -> None:
        """The four lists of the home page; activating a row opens what it names."""
        self.communities = _table(
            self.tr("My communities"),
            [self.tr("Community"), self.tr("District"), self.tr("Last review"),
             self.tr("Open follow-ups"), self.tr("New comments")],
            0,
        )  # fmt: skip
        self.awaiting = _table(
            self.tr("Cycles awaiting review"),
            [self.tr("Community"), self.tr("Cycle"), self.tr("Why")],
            2,
        )
        self.follow_ups = _table(
            self.tr("Follow-ups due or overdue"),
            [self.tr("Due"), self.tr("Community"), self.tr("What"), self.tr("Who")],
            2,
        )
        self.replies_table = _table(
            self.tr("New comments"),
            [self.tr("Community"), self.tr("On"), self.tr("From"), self.tr("Comment")],
            3,
        )
        self.communities.activated.connect(lambda index: self.open_community(index.row()))
        self.awaiting.activated.connect(lambda index: self.open_awaiting(index.row()))
        self.follow_ups.activated.connect(lambda index: self.open_follow_up(index.row()))
        self.replies_table.activated.connect(lambda index: self.open_reply(index.row()))

    def _build_bar(self) -> QHBoxLayout:
        """The summary line with Earlier reviews, Print summary and Refresh."""
        self.history_button = QPushButton(self.tr("&Earlier reviews…"))
        self.history_button.setToolTip(self.tr("The selected community's reviews side by side"))
        self.history_button.clicked.connect(self.show_history)
        self.print_button = QPushButton(self.tr("&Print summary…"))
        self.print_button.setToolTip(self.tr("Save a summary of all your communities as PDF"))
        self.print_button.clicked.connect(self.save_summary)
        self.refresh_button = QPushButton(self.tr("Re&fresh"))
        self.refresh_button.clicked.connect(self.refresh)
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.history_button)
        bar.addWidget(self.print_button)
        bar.addWidget(self.refresh_button)
        return bar

    def _box(self, title: str, table: QTableWidget) -> QGroupBox:
        box = QGroupBox(title)
        inner = QVBoxLayout(box)
        inner.addWidget(table)
        return box

    # --- loading -------------------------------------------------------------------------

    def refresh(self) -> None:
        today = self.context.today()
        try:
            home = self.context.services.reads.mentor_home(today)
            replies = self.context.services.reads.unread_comments()
        except ServiceError as refused:
            self._show(str(refused))
            return
        self.home, self.replies = home, replies
        self._fill_home(home)
        _fill(
            self.replies_table,
            [
                (str(r.comment_id), [r.community_name, self._subject(r), r.author, r.body], True)
                for r in replies
            ],
        )
        self._show_summary(home)
        self._show("")

    def _fill_home(self, home: MentorHome) -> None:
        """My communities, the cycles awaiting review and the follow-ups due."""
        _fill(
            self.communities,
            [
                (
                    str(c.community_id),
                    [
                        c.name,
                        c.district,
                        c.last_review_on.isoformat() if c.last_review_on else self.tr("Never"),
                        str(c.open_follow_ups) if c.open_follow_ups else "",
                        self.tr("{count} new").format(count=c.unread_comments)
                        if c.unread_comments
                        else "",
                    ],
                    c.unread_comments > 0,
                )
                for c in home.communities
            ],
        )
        _fill(
            self.awaiting,
            [
                (
                    str(a.cycle_id),
                    [a.community_name, str(a.cycle_number), awaiting_reason(a)],
                    False,
                )
                for a in home.awaiting_review
            ],
        )
        _fill(
            self.follow_ups,
            [
                (
                    str(f.follow_up_id),
                    [
                        self._due_text(f.due_on.isoformat() if f.due_on else "", f.overdue),
                        f.community_name,
                        f.description,
                        f.owner,
                    ],
                    f.overdue,
                )
                for f in home.follow_ups
            ],
        )

    def _show_summary(self, home: MentorHome) -> None:
        overdue = sum(1 for f in home.follow_ups if f.overdue)
        self.summary.setText(
            self.tr(
                "{communities} communities · {awaiting} cycles awaiting review · "
                "{overdue} follow-ups overdue · {unread} new comments"
            ).format(
                communities=len(home.communities),
                awaiting=len(home.awaiting_review),
                overdue=overdue,
                unread=home.unread_comments,
            )
        )

    def _due_text(self, day: str, overdue: bool) -> str:
        if overdue:
            return self.tr("⚠ Overdue since {day}").format(day=day)
        return day or self.tr("No date")

    def _subject(self, reply: UnreadComment) -> str:
        what = record_kind(reply.subject_kind)
        return self.tr("Cycle {number}: {what}").format(number=reply.cycle_number, what=what)

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(*_WATCHED) and self.isVisible():
            self.refresh()

    # --- opening -------------------------------------------------------------------------

    def open_review(self, cycle_id: uuid.UUID, review_id: uuid.UUID | None) -> ReviewDialog | None:
        """Show the review (a new one when ``review_id`` is None) in its own window."""
        try:
            dialog = ReviewDialog(self.context, cycle_id, review_id, self)
        except ServiceError as refused:
            self._show(str(refused))
            return None
        dialog.finished.connect(lambda _result: self.refresh())
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_awaiting(self, row: int) -> None:
        if self.home is not None and 0 <= row < len(self.home.awaiting_review):
            item = self.home.awaiting_review[row]
            if not self.context.services.can("create", "mentor_review", item.community_id):
                self._show(self.tr("Your role cannot write reviews; the cycle opens read-only."))
                self.context.navigator.open_cycle.emit(str(item.cycle_id))
                return
            self.open_review(item.cycle_id, None)

    def open_follow_up(self, row: int) -> None:
        if self.home is not None and 0 <= row < len(self.home.follow_ups):
            item = self.home.follow_ups[row]
            self.open_review(item.cycle_id, item.review_id)

    def open_community(self, row: int) -> None:
        """The community's latest review, or its history when it has none yet."""
        if self.home is None or not 0 <= row < len(self.home.communities):
            return
        community = self.home.communities[row]
        history = self.context.services.reads.review_history(community.community_id)
        if history:
            latest = history[-1]
            self.open_review(latest.cycle_id, latest.review_id)
        else:
            self.show_history()

    def open_reply(self, row: int) -> None:
        if not 0 <= row < len(self.replies):
            return
        reply = self.replies[row]
        services = self.context.services
        try:
            if reply.subject_kind == "mentor_review":
                self.open_review(reply.cycle_id, reply.subject_id)
            elif reply.subject_kind == "follow_up":
                review_id = services.follow_ups.get(reply.subject_id).data.review_id
                self.open_review(reply.cycle_id, review_id)
            else:
                self.context.navigator.open_record.emit(reply.subject_kind, str(reply.subject_id))
        except ServiceError as refused:
            self._show(str(refused))

    def show_history(self) -> None:
        if self.home is None:
            return
        rows = self.communities.selectionModel().selectedRows()
        if not rows:
            self._show(self.tr("Select a community under “My communities” first."))
            return
        community = self.home.communities[rows[0].row()]
        dialog = ReviewHistoryDialog(self.context, community.community_id, community.name, self)
        dialog.history.open_review.connect(
            lambda cycle, review: self.open_review(uuid.UUID(cycle), uuid.UUID(review))
        )
        self.dialog = dialog
        dialog.open()

    def save_summary(self, path: str | None = None) -> None:
        if not path:
            path, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Save the summary as PDF"), "mentor-summary.pdf",
                self.tr("PDF files (*.pdf)"),
            )  # fmt: skip
            if not path:
                return
        try:
            saved = save_summary_pdf(self.context, path)
        except (OSError, ServiceError) as failed:
            self._show(self.tr("The PDF was not saved: {reason}").format(reason=str(failed)))
            return
        self._show("")
        self.summary.setText(self.tr("Summary saved as {file}.").format(file=str(saved)))

    def _show(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
