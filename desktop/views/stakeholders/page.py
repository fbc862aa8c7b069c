"""The Stakeholders page: the directory of formal and other actors, and who links with them."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.labels import label, labels
from desktop.models.enums import StakeholderLevel, StakeholderType
from desktop.services.framework.changes import Changes
from desktop.services.framework.records import Record
from desktop.services.usecases.drafts import DraftEntry
from desktop.services.usecases.linkages import StakeholderData
from desktop.views.forms import Form, FormDialog, choice_combo, confirm_leave
from desktop.views.forms.registry import register_draft_opener
from desktop.views.forms.tables import RECORD_ID_ROLE, fill_table, record_table, selected_id
from desktop.views.shell.context import AppContext
from desktop.views.shell.operations import route_form
from desktop.views.stakeholders.linkage import edit_linkage
from desktop.views.widgets.readonly import set_form_read_only


def _tr(text: str) -> str:
    return QCoreApplication.translate("Stakeholders", text)


def add_stakeholder_fields(form: Form) -> None:
    form.add_field("name", _tr("&Name:"), QLineEdit())
    form.add_field("type", _tr("&Type:"), choice_combo(labels(StakeholderType)))
    form.add_field("level", _tr("&Level:"), choice_combo(labels(StakeholderLevel)))
    form.add_field("district", _tr("&District:"), QLineEdit())
    form.add_field("contact_person", _tr("&Contact person:"), QLineEdit())
    form.add_field("phone", _tr("&Phone:"), QLineEdit())
    form.add_field("email", _tr("&E-mail:"), QLineEdit())
    address = form.add_field("address", _tr("&Address:"), QPlainTextEdit())
    notes = form.add_field("notes", _tr("N&otes:"), QPlainTextEdit())
    for box in (address, notes):
        box.setTabChangesFocus(True)
        box.setFixedHeight(box.fontMetrics().lineSpacing() * 3 + 14)


def create_stakeholder(context: AppContext, parent: QWidget | None = None) -> uuid.UUID | None:
    created: list[uuid.UUID] = []

    def submit(values: dict[str, Any]) -> Record[StakeholderData]:
        record = context.services.stakeholders.create(StakeholderData(**values))
        created.append(record.id)
        return record

    form = Form(context, form_key="stakeholder/new", title=_tr("New stakeholder"), submit=submit)
    route_form(form, context)
    add_stakeholder_fields(form)
    dialog = FormDialog(form, parent)
    dialog.setObjectName("new_stakeholder_dialog")
    if not dialog.exec() or not created:
        return None
    return created[0]


class StakeholdersPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.record: Record[StakeholderData] | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search names, districts, contact people…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search stakeholders"))
        self.search.textChanged.connect(self.reload)
        self.new_button = QPushButton(self.tr("&New stakeholder…"))
        self.new_button.clicked.connect(self.new_stakeholder)
        if not context.services.can("create", "stakeholder"):
            self.new_button.setEnabled(False)
            self.new_button.setToolTip(self.tr("Your role may not add stakeholders."))
        self.table = record_table(
            [self.tr("Name"), self.tr("Type"), self.tr("Level"), self.tr("District")],
            self.tr("Stakeholders"),
        )
        self.table.itemSelectionChanged.connect(self._on_selected)

        self.form = Form(context, title=self.tr("Stakeholder"), submit=self._save, buttons=True)
        add_stakeholder_fields(self.form)
        route_form(self.form, context, self)
        self.form.saved.connect(self._on_saved)
        self.links = record_table(
            [self.tr("Community"), self.tr("Kind"), self.tr("Status")],
            self.tr("Communities linked with this stakeholder"),
        )
        self.links.doubleClicked.connect(lambda _index: self._edit_link())
        self.links.setMinimumHeight(120)
        self.detail_title = QLabel()
        font = self.detail_title.font()
        font.setBold(True)
        self.detail_title.setFont(font)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail_title)
        right_layout.addWidget(self.form, 3)
        right_layout.addWidget(QLabel(self.tr("Linked communities (double-click to open one):")))
        right_layout.addWidget(self.links, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setSizes([480, 520])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        context.navigator.changes_made.connect(self._on_changes)
        self.reload()

    def reload(self) -> None:
        records = self.context.services.stakeholders.list(
            search=self.search.text() or None, order_by="name"
        ).items
        keep = self.record.id if self.record is not None else None
        self.table.blockSignals(True)
        fill_table(
            self.table,
            [
                (
                    r.id,
                    (
                        r.data.name,
                        label(r.data.type),
                        label(r.data.level),
                        r.data.district,
                    ),
                )
                for r in records
            ],
        )
        self.table.blockSignals(False)
        if keep is not None and any(r.id == keep for r in records):
            self.select_stakeholder(keep)
        else:
            self._on_selected()

    def select_stakeholder(self, stakeholder_id: uuid.UUID) -> None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(RECORD_ID_ROLE) == stakeholder_id:
                self.table.selectRow(row)
                return

    def _on_selected(self) -> None:
        stakeholder_id = selected_id(self.table)
        if self.record is not None and stakeholder_id == self.record.id:
            return
        if self.record is not None and not confirm_leave(self.form):
            self.table.blockSignals(True)
            self.select_stakeholder(self.record.id)
            self.table.blockSignals(False)
            return
        self._show(stakeholder_id)

    def _show(self, stakeholder_id: uuid.UUID | None) -> None:
        self.record = (
            self.context.services.stakeholders.get(stakeholder_id)
            if stakeholder_id is not None
            else None
        )
        self.form.setEnabled(self.record is not None)  # nothing to read or change yet
        if self.record is None:
            self.detail_title.setText(self.tr("No stakeholder chosen"))
            fill_table(self.links, [])
            return
        self.detail_title.setText(self.record.data.name)
        self.form.set_form_key(f"stakeholder/{self.record.id}", self.record.data.name)
        self.form.set_values(dataclasses.asdict(self.record.data))
        can_edit = self.context.services.can("update", "stakeholder")
        set_form_read_only(
            self.form,
            not can_edit,
            self.tr("Read only: your role may see stakeholders but not change them."),
        )
        self.form.offer_draft()
        self._show_links()

    def _show_links(self) -> None:
        if self.record is None:
            return
        linkages = self.context.services.linkages.list(
            where={"stakeholder_id": self.record.id}
        ).items
        rows = []
        for linkage in linkages:
            community = self.context.services.communities.get(linkage.data.community_id)
            rows.append(
                (
                    (linkage.data.community_id, linkage.id),
                    (
                        community.data.name,
                        label(linkage.data.kind),
                        label(linkage.data.status),
                    ),
                )
            )
        fill_table(self.links, rows)

    def _edit_link(self) -> None:
        ids = selected_id(self.links)
        if ids is not None:
            community_id, linkage_id = ids
            if edit_linkage(self.context, community_id, linkage_id, self):
                self._show_links()

    def _save(self, values: dict[str, Any]) -> Record[StakeholderData]:
        assert self.record is not None
        data = dataclasses.replace(self.record.data, **values)
        return self.context.services.stakeholders.update(
            self.record.id, data, expected_version=self.record.version
        )

    def _on_saved(self, record: Record[StakeholderData]) -> None:
        self.record = record
        self.detail_title.setText(record.data.name)

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches("stakeholder"):
            self.reload()
        elif changes.touches("linkage"):
            self._show_links()

    def new_stakeholder(self) -> None:
        if not confirm_leave(self.form):
            return
        stakeholder_id = create_stakeholder(self.context, self)
        if stakeholder_id is not None:
            self.select_stakeholder(stakeholder_id)


def _reopen(context: AppContext, entry: DraftEntry, parent: QWidget | None) -> None:
    """``stakeholder/new``: the new-stakeholder form; ``stakeholder/<id>``: the directory on
    that stakeholder (its form restores the draft)."""
    stakeholder_id: uuid.UUID | None = None
    if entry.form_key == "stakeholder/new":
        stakeholder_id = create_stakeholder(context, parent)
    else:
        stakeholder_id = uuid.UUID(entry.form_key.split("/", 1)[1])
    if stakeholder_id is not None:
        context.navigator.open_record.emit("stakeholder", str(stakeholder_id))


register_draft_opener("stakeholder", _reopen)
