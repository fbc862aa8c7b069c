"""A community's cycles: the list (overlapping cycles allowed), open one, start a new one.

A new cycle is started with the cycle workspace's own dialog when it is installed
(it can carry over unfinished actions and indicators from the last cycle); otherwise
with a short form here.
"""

from __future__ import annotations

import importlib
import uuid
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.labels import label
from desktop.services.cycles import CycleData
from desktop.services.records import Record
from desktop.views.community_widget import CommunityWidget
from desktop.views.context import AppContext
from desktop.views.forms import Form, FormDialog, OptionalDateEdit
from desktop.views.forms.tables import fill_table, record_table, selected_id


class CyclesPanel(CommunityWidget):
    def __init__(
        self, context: AppContext, community_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, community_id, parent)
        self.table = record_table(
            [
                self.tr("Title"),
                self.tr("No."),
                self.tr("Started"),
                self.tr("Ended"),
                self.tr("Status"),
            ],
            self.tr("Cycles"),
        )
        self.table.doubleClicked.connect(self._open_index)
        self.open_button = QPushButton(self.tr("&Open cycle"))
        self.open_button.clicked.connect(self.open_selected)
        self.new_button = QPushButton(self.tr("Start a &new cycle…"))
        self.new_button.clicked.connect(self.new_cycle)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        cycles = self.context.services.cycles.list(
            where={"community_id": self.community_id}, order_by="start_on"
        ).items
        fill_table(
            self.table,
            [
                (
                    cycle.id,
                    (
                        cycle.data.title or self.tr("Cycle {n}").format(n=cycle.data.number),
                        cycle.data.number,
                        cycle.data.start_on.isoformat(),
                        cycle.data.end_on.isoformat() if cycle.data.end_on else "",
                        label(cycle.data.status),
                    ),
                )
                for cycle in cycles
            ],
        )
        self.open_button.setEnabled(bool(cycles))
        self.new_button.setEnabled(self.context.services.can("create", "cycle", self.community_id))

    def _open_index(self, _index: QModelIndex) -> None:
        self.open_selected()

    def open_selected(self) -> None:
        cycle_id = selected_id(self.table)
        if cycle_id is not None:
            self.context.navigator.open_cycle.emit(str(cycle_id))

    def new_cycle(self) -> None:
        cycle_id = start_cycle(self.context, self.community_id, self)
        if cycle_id is not None:
            self.reload()
            self.context.navigator.open_cycle.emit(str(cycle_id))


def _workspace_dialog() -> Any:
    try:
        module = importlib.import_module("desktop.views.cycle.new_cycle_dialog")
    except ImportError:
        return None
    return getattr(module, "NewCycleDialog", None)


def start_cycle(
    context: AppContext, community_id: uuid.UUID, parent: QWidget | None = None
) -> uuid.UUID | None:
    """Start a cycle for the community; its id once saved, None if cancelled."""
    dialog_class = _workspace_dialog()
    if dialog_class is not None:
        dialog = dialog_class(context, community_id, parent)
        if not dialog.exec():
            return None
        context.navigator.data_changed.emit("cycle")
        created = getattr(dialog, "cycle_id", None)
        return created if isinstance(created, uuid.UUID) else None
    created_ids: list[uuid.UUID] = []

    def submit(values: dict[str, Any]) -> Record[CycleData]:
        record = context.services.cycles.create(CycleData(community_id=community_id, **values))
        created_ids.append(record.id)
        return record

    form = Form(
        context,
        form_key=f"cycle/new/{community_id}",
        title=QCoreApplication.translate("CyclesPanel", "New cycle"),
        submit=submit,
    )
    form.add_field("title", form.tr("&Title:"), QLineEdit())
    form.add_field("start_on", form.tr("&Starts on:"), OptionalDateEdit())
    form.set_values({"start_on": context.today()})
    dialog = FormDialog(form, parent)
    dialog.setObjectName("new_cycle_dialog")
    if not dialog.exec() or not created_ids:
        return None
    context.navigator.data_changed.emit("cycle")
    return created_ids[0]
