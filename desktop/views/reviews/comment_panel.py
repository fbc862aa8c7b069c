"""Comments on one record of a cycle: threads with their replies, reply, resolve or reopen,
and change the text of one's own comments (marked "edited" for everyone).

Any screen showing a record of a cycle (an action, an indicator, a meeting, a review)
can embed ``CommentsPanel(context, cycle_id, "action", action_id)``. Comments shown are
marked read for the signed-in person; the ones that were new to them are shown in bold
with "New" beside them. What the role may not do is disabled, and a refusal from the
services is shown as a message, never as an error dialog. ``heading()`` names the
record the way every screen does (:mod:`desktop.services.queries.record_names`: a harm by its
name in the catalogue, a meeting by its day), for whatever shows the panel.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QVBoxLayout,
    QWidget,
)

from desktop.labels import record_kind
from desktop.services.facade import Services
from desktop.services.framework.errors import ServiceError
from desktop.services.framework.records import Record
from desktop.services.queries.record_names import RecordName, name_record
from desktop.services.usecases.comments import CommentData
from desktop.views.forms.form import error_palette
from desktop.views.shell.context import AppContext
from desktop.views.shell.operations import announced, run_write

_ID_ROLE = Qt.ItemDataRole.UserRole
TEXT, AUTHOR, WHEN, STATE = range(4)


def unread_badge(context: AppContext) -> int:
    """How many comments by others the signed-in person has not seen (for the navigation)."""
    try:
        return context.services.comments.unread_total()
    except ServiceError:
        return 0


class CommentsPanel(QWidget):
    """The comment threads on one record; see the module docstring."""

    #: A comment was added, answered, resolved or reopened.
    comments_changed = Signal()

    def __init__(
        self,
        context: AppContext,
        cycle_id: uuid.UUID,
        subject_kind: str,
        subject_id: uuid.UUID,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.cycle_id = cycle_id
        self.subject_kind = subject_kind
        self.subject_id = subject_id
        self._comments: dict[uuid.UUID, Record[CommentData]] = {}
        #: The comment whose text is being changed in the editor, if any.
        self.editing: uuid.UUID | None = None
        self._names: dict[str, str] = {}
        self.community_id: uuid.UUID | None = None
        try:
            self.community_id = context.services.cycles.get(cycle_id).data.community_id
        except ServiceError:
            self.community_id = None
        #: What names the record the comments are on (None if it cannot be read).
        self.subject: RecordName | None = None
        try:
            self.subject = name_record(context.services, subject_kind, subject_id)
        except (ServiceError, KeyError):
            self.subject = None

        self._build_threads()
        buttons = self._build_writing()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.message)
        layout.addWidget(self.editor)
        layout.addLayout(buttons)
        self.refresh()

    def _build_threads(self) -> None:
        """The tree of threads (a comment, its replies under it) and the lines below it."""
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(
            [self.tr("Comment"), self.tr("Written by"), self.tr("On"), self.tr("State")]
        )
        self.tree.setAccessibleName(self.tr("Comments"))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setRootIsDecorated(True)
        header = self.tree.header()
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        for column in (AUTHOR, WHEN, STATE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.tree.itemSelectionChanged.connect(self._update_buttons)

        self.empty = QLabel(self.tr("No comments yet."))
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        error_palette(self.message)

    def _build_writing(self) -> QHBoxLayout:
        """The box to write in and its buttons (add, reply, edit, resolve)."""
        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText(self.tr("Write a comment or a reply…"))
        self.editor.setAccessibleName(self.tr("Comment text"))
        self.editor.setTabChangesFocus(True)
        self.editor.setMaximumHeight(self.editor.fontMetrics().lineSpacing() * 4 + 12)
        self.editor.textChanged.connect(self._update_buttons)

        self.add_button = QPushButton(self.tr("Add co&mment"))
        self.add_button.setToolTip(self.tr("Start a new thread on this record"))
        self.add_button.clicked.connect(self.add_comment)
        self.reply_button = QPushButton(self.tr("Re&ply"))
        self.reply_button.setToolTip(self.tr("Answer the selected thread"))
        self.reply_button.clicked.connect(self.reply)
        self.edit_button = QPushButton(self.tr("Edi&t"))
        self.edit_button.setToolTip(self.tr("Change the text of your selected comment"))
        self.edit_button.clicked.connect(self.toggle_editing)
        self.resolve_button = QPushButton(self.tr("Mark resol&ved"))
        self.resolve_button.clicked.connect(self.toggle_resolved)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.reply_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.resolve_button)
        return buttons

    def heading(self, any_comments: bool = True) -> str:
        """ "Comments on the harm considered “Child marriage”", or "No comments on …"."""
        subject = self.subject
        what = subject.phrase() if subject is not None else record_kind(self.subject_kind)
        if any_comments:
            return self.tr("Comments on the {record}").format(record=what)
        return self.tr("No comments on the {record}").format(record=what)

    # --- permissions ----------------------------------------------------------------------

    def _may(self, action: str) -> bool:
        if self.community_id is None:
            return False
        return self.context.services.can(action, "comment", self.community_id)

    # --- loading --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Load the threads again and mark what is shown as read."""
        comments = self.context.services.comments
        try:
            thread = comments.thread(self.subject_kind, self.subject_id)
            unread = comments.unread_among(c.id for c in thread)
            edited = comments.edited_among(c.id for c in thread)
        except ServiceError as refused:
            self._show_message(str(refused))
            thread, unread, edited = [], set(), set()
        self._names = self.context.services.reads.display_names({c.data.author for c in thread})
        selected = self.selected_id()
        self._comments = {c.id: c for c in thread}
        self.tree.clear()
        roots: dict[uuid.UUID, QTreeWidgetItem] = {}
        for comment in thread:
            item = self._item(comment, comment.id in unread, comment.id in edited)
            parent_id = comment.data.parent_id
            if parent_id is not None and parent_id in roots:
                roots[parent_id].addChild(item)
            else:
                roots[comment.id] = item
                self.tree.addTopLevelItem(item)
            if comment.id == selected:
                self.tree.setCurrentItem(item)
        self.tree.expandAll()
        self.empty.setVisible(not thread)
        self.tree.setVisible(bool(thread))
        if unread:
            with announced(self.context, self), contextlib.suppress(ServiceError):
                self.context.services.comments.mark_read(unread)  # if not, the badge stays
        self._update_buttons()

    def _item(self, comment: Record[CommentData], new: bool, edited: bool) -> QTreeWidgetItem:
        data = comment.data
        when = comment.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        if edited:
            when = self.tr("{when} (edited)").format(when=when)
        if data.parent_id is not None:
            state = ""
        elif data.resolved_on is not None:
            state = self.tr("Resolved {day}").format(day=data.resolved_on.isoformat())
        else:
            state = self.tr("Open", "status")
        if new:
            state = self.tr("New") + (f" · {state}" if state else "")
        author = self._names.get(data.author, data.author)
        item = QTreeWidgetItem([data.body, author, when, state])
        item.setData(TEXT, _ID_ROLE, str(comment.id))
        item.setToolTip(TEXT, data.body)
        if new:
            for column in range(4):
                font = item.font(column)
                font.setBold(True)
                item.setFont(column, font)
        return item

    # --- selection ------------------------------------------------------------------------

    def selected_id(self) -> uuid.UUID | None:
        item = self.tree.currentItem()
        if item is None or not item.isSelected():
            return None
        return uuid.UUID(str(item.data(TEXT, _ID_ROLE)))

    def select(self, comment_id: uuid.UUID) -> None:
        iterator = QTreeWidgetItemIterator(self.tree)
        while (item := iterator.value()) is not None:
            if item.data(TEXT, _ID_ROLE) == str(comment_id):
                self.tree.setCurrentItem(item)
                return
            iterator += 1

    def _selected_comment(self) -> Record[CommentData] | None:
        selected = self.selected_id()
        return self._comments.get(selected) if selected is not None else None

    def _selected_root(self) -> Record[CommentData] | None:
        comment = self._selected_comment()
        if comment is None:
            return None
        root_id = comment.data.parent_id or comment.id
        return self._comments.get(root_id)

    def _update_buttons(self) -> None:
        has_text = bool(self.editor.toPlainText().strip())
        root = self._selected_root()
        may_write = self._may("create")
        selected = self._selected_comment()
        mine = selected is not None and selected.data.author == self.context.actor.username
        editing = self.editing is not None
        self.editor.setEnabled(may_write)
        self.add_button.setEnabled(may_write and has_text)
        self.add_button.setText(self.tr("Save c&hange") if editing else self.tr("Add co&mment"))
        self.reply_button.setEnabled(may_write and has_text and root is not None and not editing)
        self.edit_button.setEnabled(editing or (mine and self._may("update")))
        self.edit_button.setText(self.tr("Cancel edi&t") if editing else self.tr("Edi&t"))
        self.resolve_button.setEnabled(self._may("update") and root is not None)
        resolved = root is not None and root.data.resolved_on is not None
        self.resolve_button.setText(self.tr("Re&open") if resolved else self.tr("Mark resol&ved"))
        if not may_write:
            self.editor.setPlaceholderText(self.tr("Your role cannot comment here."))

    # --- writing --------------------------------------------------------------------------

    def toggle_editing(self) -> None:
        """Start changing the selected comment (one's own) in the editor, or stop."""
        selected = self._selected_comment()
        if self.editing is not None or selected is None:
            self.editing = None
            self.editor.clear()
        else:
            self.editing = selected.id
            self.editor.setPlainText(selected.data.body)
            self.editor.setFocus()
        self._update_buttons()

    def add_comment(self) -> None:
        if self.editing is not None:
            self._save_edit(self._comments[self.editing])
            return
        data = CommentData(
            cycle_id=self.cycle_id,
            subject_kind=self.subject_kind,
            subject_id=self.subject_id,
            body=self.editor.toPlainText().strip(),
        )
        self._write(lambda services: services.comments.create(data))

    def reply(self) -> None:
        root = self._selected_root()
        if root is None:
            return
        body = self.editor.toPlainText().strip()
        self._write(lambda services: services.comments.reply(root.id, body))

    def toggle_resolved(self) -> None:
        root = self._selected_root()
        if root is None:
            return
        resolved = root.data.resolved_on is None
        today = self.context.today()
        self._write(
            lambda services: services.comments.resolve(root.id, resolved=resolved, on=today),
            keep_text=True,
        )

    def _save_edit(self, comment: Record[CommentData]) -> None:
        body = self.editor.toPlainText().strip()
        self._write(
            lambda services: services.comments.edit(
                comment.id, body, expected_version=comment.version
            )
        )

    def _write(self, call: Callable[[Services], object], *, keep_text: bool = False) -> None:
        outcome = run_write(
            self,
            self.context,
            call,
            failed=self.tr("The comment was not saved."),
            reload=self.refresh,
        )
        if not outcome.ok:
            return
        made = outcome.value
        self._show_message("")
        if not keep_text:
            self.editing = None
            self.editor.clear()
        self.refresh()
        if isinstance(made, Record):
            self.select(made.id)
        self.comments_changed.emit()

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
