"""A community's partnership: where it stands now, every earlier decision, and changing it.

A community that declines is recorded like any other decision, with its reason,
and stays visible in the list and on its page.
"""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from desktop.labels import label, labels
from desktop.models.enums import PartnershipStatus
from desktop.services.framework.records import Record
from desktop.services.usecases.communities import CommunityData
from desktop.services.usecases.drafts import DraftEntry
from desktop.views.communities.widget import CommunityWidget
from desktop.views.forms import Form, FormDialog, OptionalDateEdit, choice_combo
from desktop.views.forms.registry import register_draft_opener
from desktop.views.forms.tables import fill_table, record_table
from desktop.views.shell.context import AppContext
from desktop.views.shell.operations import route_form


class PartnershipPanel(CommunityWidget):
    """Current status, a "Change status" button, and the history table."""

    changed = Signal()

    def __init__(
        self, context: AppContext, community_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, community_id, parent)
        self.current = QLabel()
        self.current.setWordWrap(True)
        self.change_button = QPushButton(self.tr("&Change partnership status…"))
        self.change_button.clicked.connect(self.change_status)
        self.history = record_table(
            [self.tr("Date"), self.tr("Status"), self.tr("Reason or note"), self.tr("Recorded by")],
            self.tr("Partnership history"),
            stretch=2,
        )
        top = QHBoxLayout()
        top.addWidget(self.current, 1)
        top.addWidget(self.change_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel(self.tr("History, oldest first:")))
        layout.addWidget(self.history, 1)
        self.reload()

    def reload(self) -> None:
        record = self.context.services.communities.get(self.community_id)
        data = record.data
        since = data.partnership_since.isoformat() if data.partnership_since else ""
        text = self.tr("<b>Partnership: {status}</b>").format(status=label(data.partnership_status))
        if since:
            text += self.tr(" since {date}").format(date=since)
        if data.partnership_reason:
            text += "<br>" + data.partnership_reason
        self.current.setText(text)
        entries = self.context.services.communities.partnership_history(self.community_id)
        fill_table(
            self.history,
            [
                (
                    None,
                    (
                        entry.changed_on.isoformat(),
                        label(entry.status),
                        entry.note,
                        entry.changed_by,
                    ),
                )
                for entry in entries
            ],
        )
        can_change = self.context.services.can("update", "community", self.community_id)
        self.change_button.setEnabled(can_change)
        self.change_button.setToolTip(
            "" if can_change else self.tr("Your role may see the partnership but not change it.")
        )

    def change_status(self) -> None:
        if change_partnership(self.context, self.community_id, self):
            self.reload()
            self.changed.emit()


def partnership_form(context: AppContext, record: Record[CommunityData]) -> Form:
    def submit(values: dict[str, Any]) -> Record[CommunityData]:
        data = dataclasses.replace(record.data, **values)
        return context.services.communities.update(record.id, data, expected_version=record.version)

    form = Form(
        context,
        form_key=f"partnership/{record.id}",
        title=context_title(record),
        submit=submit,
    )
    route_form(form, context)
    form.add_field(
        "partnership_status", form.tr("&Status:"), choice_combo(labels(PartnershipStatus))
    )
    form.add_field("partnership_since", form.tr("S&ince:"), OptionalDateEdit())
    reason = form.add_field(
        "partnership_reason",
        form.tr("&Reason or note:"),
        QPlainTextEdit(),
        hint=form.tr("If the community declined, say why, as they put it."),
    )
    reason.setTabChangesFocus(True)
    form.set_values(
        {
            "partnership_status": record.data.partnership_status,
            "partnership_since": context.today(),
            "partnership_reason": "",
        }
    )
    return form


def context_title(record: Record[CommunityData]) -> str:
    return QCoreApplication.translate("PartnershipPanel", "Partnership of {name}").format(
        name=record.data.name
    )


def change_partnership(
    context: AppContext, community_id: uuid.UUID, parent: QWidget | None = None
) -> bool:
    """Ask for the new status, its date and reason; True once saved."""
    record = context.services.communities.get(community_id)
    dialog = FormDialog(partnership_form(context, record), parent)
    dialog.setObjectName("partnership_dialog")
    return bool(dialog.exec())


def _reopen(context: AppContext, entry: DraftEntry, parent: QWidget | None) -> None:
    """``partnership/<community id>``: the community's page, then the status form again."""
    community_id = uuid.UUID(entry.form_key.split("/", 1)[1])
    context.navigator.open_community.emit(str(community_id))
    change_partnership(context, community_id, parent)


register_draft_opener("partnership", _reopen)
