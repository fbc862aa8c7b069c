"""Links between a community and formal actors: the list on the community page and the editor.

Each change of a linkage's status is kept with its date and note, so the history of a
referral pathway or an agreement can be read back.
"""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from desktop.labels import label, labels
from desktop.models.enums import LinkageKind, LinkageStatus
from desktop.services.framework.records import Record
from desktop.services.usecases.drafts import DraftEntry
from desktop.services.usecases.linkages import LinkageData
from desktop.views.communities.widget import CommunityWidget
from desktop.views.forms import Form, FormDialog, OptionalDateEdit, choice_combo
from desktop.views.forms.registry import register_draft_opener
from desktop.views.forms.tables import fill_table, record_table, selected_id
from desktop.views.shell.context import AppContext
from desktop.views.shell.operations import route_form
from desktop.views.widgets.readonly import set_dialog_read_only


def _tr(text: str) -> str:
    return QCoreApplication.translate("Linkages", text)


def stakeholder_names(context: AppContext) -> dict[uuid.UUID, str]:
    records = context.services.stakeholders.list(order_by="name").items
    return {record.id: record.data.name for record in records}


def _text(lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


def linkage_form(
    context: AppContext,
    *,
    community_id: uuid.UUID,
    record: Record[LinkageData] | None = None,
    stakeholder_id: uuid.UUID | None = None,
) -> Form:
    """The linkage editor; a new linkage when ``record`` is None."""

    def submit(values: dict[str, Any]) -> Record[LinkageData]:
        if record is None:
            return context.services.linkages.create(
                LinkageData(community_id=community_id, **values)
            )
        data = dataclasses.replace(record.data, **values)
        return context.services.linkages.update(record.id, data, expected_version=record.version)

    key = f"linkage/{record.id}" if record is not None else f"linkage/new/{community_id}"
    form = Form(
        context,
        form_key=key,
        title=_tr("Linkage") if record is not None else _tr("New linkage"),
        submit=submit,
    )
    route_form(form, context)
    form.add_field("stakeholder_id", _tr("&With:"), choice_combo(stakeholder_names(context)))
    form.add_field("kind", _tr("&Kind:"), choice_combo(labels(LinkageKind)))
    form.add_field("status", _tr("&Status:"), choice_combo(labels(LinkageStatus)))
    form.add_field(
        "status_note",
        _tr("Status &note:"),
        _text(2),
        hint=_tr("What happened, kept with this status in the history"),
    )
    form.add_field("agreed_on", _tr("Agreed &on:"), OptionalDateEdit())
    form.add_field("agreement", _tr("&Agreement:"), _text(3))
    form.add_field("notes", _tr("No&tes:"), _text(3))
    if record is not None:
        form.set_values(dataclasses.asdict(record.data))
        history = context.services.linkages.history(record.id)
        table = record_table(
            [_tr("Date"), _tr("Status"), _tr("Note"), _tr("By")], _tr("Status history"), stretch=2
        )
        fill_table(
            table,
            [
                (None, (e.changed_on.isoformat(), label(e.status), e.note, e.changed_by))
                for e in history
            ],
        )
        table.setMinimumHeight(110)
        form.add_section(_tr("Status history"))
        form.add_widget(table)
    elif stakeholder_id is not None:
        form.set_values({"stakeholder_id": stakeholder_id})
    return form


def edit_linkage(
    context: AppContext,
    community_id: uuid.UUID,
    linkage_id: uuid.UUID | None = None,
    parent: QWidget | None = None,
) -> bool:
    """Add (no ``linkage_id``) or edit a linkage; True once saved."""
    record = context.services.linkages.get(linkage_id) if linkage_id is not None else None
    dialog = FormDialog(linkage_form(context, community_id=community_id, record=record), parent)
    dialog.setObjectName("linkage_dialog")
    if record is not None and not context.services.can("update", "linkage", community_id):
        set_dialog_read_only(
            dialog, _tr("Read only: your role may see this linkage but not change it.")
        )
    return bool(dialog.exec())


class LinkagesPanel(CommunityWidget):
    """A community's linkages with formal actors."""

    def __init__(
        self, context: AppContext, community_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, community_id, parent)
        self.table = record_table(
            [_tr("With"), _tr("Kind"), _tr("Status"), _tr("Agreed on")], _tr("Linkages")
        )
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.empty = QLabel(_tr("No linkages with formal actors yet."))
        self.add_button = QPushButton(_tr("&Add linkage…"))
        self.edit_button = QPushButton(_tr("&Edit linkage…"))
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.empty, 1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        names = stakeholder_names(self.context)
        records = self.context.services.linkages.list(
            where={"community_id": self.community_id}
        ).items
        fill_table(
            self.table,
            [
                (
                    record.id,
                    (
                        names.get(record.data.stakeholder_id, "?"),
                        label(record.data.kind),
                        label(record.data.status),
                        record.data.agreed_on.isoformat() if record.data.agreed_on else "",
                    ),
                )
                for record in records
            ],
        )
        self.empty.setVisible(not records)
        self.edit_button.setEnabled(bool(records))
        self.edit_button.setToolTip("" if records else _tr("There is no linkage to open yet."))
        may_add = self.context.services.can("create", "linkage", self.community_id)
        self.add_button.setEnabled(may_add)
        self.add_button.setToolTip("" if may_add else _tr("Your role may not add linkages."))

    def add(self) -> None:
        if edit_linkage(self.context, self.community_id, None, self):
            self.reload()

    def edit_selected(self) -> None:
        linkage_id = selected_id(self.table)
        if linkage_id is not None and edit_linkage(
            self.context, self.community_id, linkage_id, self
        ):
            self.reload()


def _reopen(context: AppContext, entry: DraftEntry, parent: QWidget | None) -> None:
    """``linkage/<id>`` or ``linkage/new/<community id>``: the community, then the form."""
    parts = entry.form_key.split("/")
    if parts[1] == "new":
        community_id, linkage_id = uuid.UUID(parts[2]), None
    else:
        linkage_id = uuid.UUID(parts[1])
        community_id = context.services.linkages.get(linkage_id).data.community_id
    context.navigator.open_community.emit(str(community_id))
    edit_linkage(context, community_id, linkage_id, parent)


register_draft_opener("linkage", _reopen)
