"""Edit cycle…: a cycle's title, dates and status (its number is shown, not edited).

The number is given by the app when the cycle starts and stays unique within the
community, so it is shown read-only as a number and never sent back as a change: the
saved data always carries the number the record has.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLineEdit, QWidget

from desktop.labels import labels
from desktop.models.enums import CycleStatus
from desktop.services.framework.records import Record
from desktop.services.usecases.cycles import CycleData
from desktop.views.forms import (
    Form,
    FormDialog,
    NumberEdit,
    OptionalDateEdit,
    choice_combo,
    fit_width,
)
from desktop.views.shell.context import AppContext
from desktop.views.shell.operations import route_form

#: Shown in the form but never submitted.
READ_ONLY_FIELDS = ("number",)


class EditCycleDialog(FormDialog):
    """Saves the cycle with the version it was opened at (a change made meanwhile by
    someone else is refused, not overwritten); what it saves is announced by the runner."""

    def __init__(
        self, context: AppContext, record: Record[CycleData], parent: QWidget | None = None
    ) -> None:
        self.context = context
        self.record = record
        form = Form(
            context,
            form_key=f"cycle/{record.id}",
            submit=self._submit,
        )
        route_form(form, context, self)
        super().__init__(form, parent)
        form.title = self.tr("Cycle {n}").format(n=record.data.number)
        self.setWindowTitle(self.tr("Edit cycle {n}").format(n=record.data.number))
        self.setObjectName("edit_cycle_dialog")
        number = form.add_field("number", self.tr("Number:"), NumberEdit())
        number.setReadOnly(True)
        number.setFrame(False)  # shown as text: nothing to type here
        palette = number.palette()
        palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
        number.setPalette(palette)
        number.setToolTip(self.tr("Given when the cycle starts; unique in the community"))
        fit_width(number, 6)
        form.add_field("title", self.tr("&Title:"), QLineEdit())
        form.add_field("start_on", self.tr("&Starts on:"), OptionalDateEdit())
        form.add_field("end_on", self.tr("&Ends on:"), OptionalDateEdit())
        form.add_field("status", self.tr("St&atus:"), choice_combo(labels(CycleStatus)))
        values = asdict(record.data)
        values.pop("community_id")
        form.set_values(values)
        form.saved.connect(self._on_saved)

    def _submit(self, values: dict[str, Any]) -> Record[CycleData]:
        changes = {name: value for name, value in values.items() if name not in READ_ONLY_FIELDS}
        data = CycleData(
            community_id=self.record.data.community_id, number=self.record.data.number, **changes
        )
        return self.context.services.cycles.update(
            self.record.id, data, expected_version=self.record.version
        )

    def _on_saved(self, record: object) -> None:
        if isinstance(record, Record):
            self.record = record
