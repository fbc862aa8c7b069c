"""The follow-ups a review asks for: what, who, by when, and whether it is done.

Who, by when and the status are changed right in the table (each change is saved when
the field is left, or when a status is picked); what is to be done is changed in a form
(Edit…). Mentors (and managers) add and change follow-ups; a facilitator may only
change the status (done, cancelled, open again), so the other fields are read-only for
them. A change the services refuse is explained below the table and nothing is saved.
An overdue follow-up is marked with a sign and a word, not by colour alone.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.labels import label, labels
from desktop.models.enums import FollowUpStatus
from desktop.services.framework.errors import ServiceError, ValidationError
from desktop.services.framework.records import Record
from desktop.services.usecases.reviews import FollowUpData
from desktop.views.communities.widget import CommunityWidget
from desktop.views.forms import Form, FormDialog, OptionalDateEdit, choice_combo
from desktop.views.forms.form import error_palette
from desktop.views.shell.context import AppContext
from desktop.views.shell.operations import announced, route_form
from desktop.views.widgets.keyboard import keep_after
from desktop.views.widgets.readonly import set_field_read_only

_ID_ROLE = Qt.ItemDataRole.UserRole


class FollowUpsTable(CommunityWidget):
    """The follow-ups of one review, with Add, Edit and Mark done."""

    follow_ups_changed = Signal()

    def __init__(
        self, context: AppContext, community_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, community_id, parent)
        self.review_id: uuid.UUID | None = None
        self.dialog: FormDialog | None = None
        self._records: dict[uuid.UUID, Record[FollowUpData]] = {}

        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("What"), self.tr("Who"), self.tr("Due"), self.tr("Status")]
        )
        self.table.setAccessibleName(self.tr("Follow-ups"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # what is to be done keeps room to be read when the other columns' words are long
        # (French, Portuguese): the table scrolls sideways rather than squeeze it
        header.setMinimumSectionSize(140)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.edit())

        self.note = QLabel()
        self.note.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        error_palette(self.message)
        self.add_button = QPushButton(self.tr("&Add follow-up…"))
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.edit_button.clicked.connect(self.edit)
        self.done_button = QPushButton(self.tr("Mark &done"))
        self.done_button.clicked.connect(self.mark_done)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.set_review(None)

    # --- what the role may do ------------------------------------------------------------

    def may_define(self) -> bool:
        """Whether the person may add follow-ups and change what they ask (mentors)."""
        return self.context.services.can("create", "follow_up", self.community_id)

    def may_update(self) -> bool:
        return self.context.services.can("update", "follow_up", self.community_id)

    # --- loading -------------------------------------------------------------------------

    def set_review(self, review_id: uuid.UUID | None) -> None:
        self.review_id = review_id
        if review_id is None:
            self.note.setText(self.tr("Save the review first, then add its follow-ups here."))
        else:
            self.note.setText(self.tr("What this review asks someone to do, and by when."))
        self.refresh()

    def refresh(self) -> None:
        records: list[Record[FollowUpData]] = []
        if self.review_id is not None:
            try:
                page = self.context.services.follow_ups.list(where={"review_id": self.review_id})
                records = list(page.items)
            except ServiceError as refused:
                self._show(str(refused))
        self._records = {r.id: r for r in records}
        today = self.context.today()
        self.table.setRowCount(len(records))
        for row, record in enumerate(records):
            data = record.data
            overdue = (
                data.status == FollowUpStatus.OPEN
                and data.due_on is not None
                and data.due_on < today
            )
            due = data.due_on.isoformat() if data.due_on else self.tr("No date")
            status = label(data.status)
            if overdue:
                status = self.tr("⚠ Overdue")
            elif data.closed_on is not None:
                status = self.tr("{status} {day}").format(
                    status=status, day=data.closed_on.isoformat()
                )
            cells = [data.description, data.owner, due, status]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(_ID_ROLE, str(record.id))
                item.setToolTip(text)
                if overdue:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, column, item)
            self._place_editors(row, record, status)
        self._fields_before_buttons(len(records))
        self.table.resizeRowsToContents()
        self._update_buttons()

    # --- changes in the table ------------------------------------------------------------

    def _place_editors(self, row: int, record: Record[FollowUpData], status: str) -> None:
        """Who, due and status of one row as fields, saved when changed."""
        data = record.data
        defines = self.may_define()
        who = QLineEdit(data.owner)
        who.setAccessibleName(self.tr("Who does it"))
        who.setEnabled(defines)
        who.editingFinished.connect(
            lambda: self._change(record.id, "owner", who.text().strip(), who)
        )
        due = OptionalDateEdit()
        due.set_value(data.due_on)
        due.setAccessibleName(self.tr("Due by"))
        due.setEnabled(defines)
        due.editingFinished.connect(lambda: self._change(record.id, "due_on", due.value(), due))
        due.calendarWidget().clicked.connect(
            lambda _day: self._change(record.id, "due_on", due.value(), due)
        )
        choices = labels(FollowUpStatus)
        choices[data.status] = status
        state = choice_combo(choices)
        state.setCurrentIndex(max(state.findData(data.status), 0))
        state.setAccessibleName(self.tr("Status"))
        state.setEnabled(self.may_update())
        state.activated.connect(
            lambda _index: self._change(record.id, "status", str(state.currentData()), state)
        )
        if status.startswith("⚠"):
            font = state.font()
            font.setBold(True)
            state.setFont(font)
        for column, widget in ((1, who), (2, due), (3, state)):
            self.table.setCellWidget(row, column, widget)

    def _fields_before_buttons(self, rows: int) -> None:
        """Tab goes through the table's fields row by row, then to the buttons under it:
        the fields are made after the buttons, and Qt's Tab order is the making order."""
        fields = [
            widget
            for row in range(rows)
            for column in (1, 2, 3)
            if (widget := self.editor(row, column)) is not None
        ]
        keep_after(self.table, [*fields, self.add_button, self.edit_button, self.done_button])

    def editor(self, row: int, column: int) -> QWidget | None:
        """The field in a cell (1 who, 2 due, 3 status)."""
        return self.table.cellWidget(row, column)

    def _change(self, follow_up_id: uuid.UUID, name: str, value: object, field: QWidget) -> None:
        record = self._records.get(follow_up_id)
        if record is None or getattr(record.data, name) == value:
            return
        changes: dict[str, Any] = {name: value}
        if name == "status":
            changes["closed_on"] = None if value == FollowUpStatus.OPEN else self._today()
        try:
            with announced(self.context, self):
                written = self.context.services.follow_ups.update(
                    record.id, replace(record.data, **changes), expected_version=record.version
                )
        except ValidationError as refused:
            names = {"owner": self.tr("Who does it"), "due_on": self.tr("Due by"),
                     "status": self.tr("Status"), "closed_on": self.tr("Closed on")}  # fmt: skip
            self._show(
                " ".join(
                    self.tr("{field}: {problem}").format(field=names.get(key, key), problem=text)
                    for key, text in refused.errors.items()
                )
            )
            field.setFocus()
            return
        except ServiceError as refused:
            self._show(str(refused))
            QTimer.singleShot(0, self.refresh)
            return
        self._records[written.id] = written
        # The fields are rebuilt once the one that announced the change is done with it.
        QTimer.singleShot(0, self._written)

    def selected(self) -> Record[FollowUpData] | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return self._records.get(uuid.UUID(str(item.data(_ID_ROLE)))) if item else None

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def _update_buttons(self) -> None:
        chosen = self.selected()
        has_review = self.review_id is not None
        self.add_button.setEnabled(has_review and self.may_define())
        self.edit_button.setEnabled(chosen is not None and self.may_update())
        self.done_button.setEnabled(
            chosen is not None and chosen.data.status == FollowUpStatus.OPEN and self.may_update()
        )

    # --- writing -------------------------------------------------------------------------

    def add(self) -> None:
        if self.review_id is None:
            return
        self._open_form(None, FollowUpData(review_id=self.review_id, description=""))

    def edit(self) -> None:
        chosen = self.selected()
        if chosen is not None and self.may_update():
            self._open_form(chosen, chosen.data)

    def mark_done(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        data = replace(chosen.data, status=FollowUpStatus.DONE.value, closed_on=self._today())
        try:
            with announced(self.context, self):
                self.context.services.follow_ups.update(
                    chosen.id, data, expected_version=chosen.version
                )
        except ServiceError as refused:
            self._show(str(refused))
            return
        self._written()

    def _today(self) -> date:
        return self.context.today()

    def _open_form(self, record: Record[FollowUpData] | None, data: FollowUpData) -> None:
        review_id = data.review_id

        def submit(values: dict[str, Any]) -> Record[FollowUpData]:
            entered = FollowUpData(review_id=review_id, **values)
            if record is None:
                return self.context.services.follow_ups.create(entered)
            return self.context.services.follow_ups.update(
                record.id, replace(entered, closed_on=record.data.closed_on),
                expected_version=record.version,
            )  # fmt: skip

        key = f"follow_up/{record.id}" if record else f"follow_up/new/{review_id}"
        form = Form(self.context, form_key=key, title=self.tr("Follow-up"), submit=submit)
        what = form.add_field("description", self.tr("&What is to be done"), QPlainTextEdit())
        who = form.add_field("owner", self.tr("Wh&o does it"), QLineEdit())
        due = form.add_field("due_on", self.tr("&Due by"), OptionalDateEdit())
        form.add_field("status", self.tr("&Status"), choice_combo(labels(FollowUpStatus)))
        form.set_values(
            {"description": data.description, "owner": data.owner, "due_on": data.due_on,
             "status": data.status}
        )  # fmt: skip
        if not self.may_define():  # the person may change the status only
            for widget in (what, who, due):
                set_field_read_only(widget, True)
        route_form(form, self.context, self)
        self.dialog = FormDialog(form, self)
        if self.dialog.exec():
            self._written()
        self.dialog = None

    def _written(self) -> None:
        self._show("")
        self.refresh()
        self.follow_ups_changed.emit()

    def _show(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
