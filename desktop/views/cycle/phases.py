"""Phases: when each stretch of the cycle (learning, feedback, planning, ...) began and ended."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPlainTextEdit

from desktop.labels import label, labels
from desktop.models.enums import PhaseKind
from desktop.services.framework.entity import EntityService
from desktop.services.framework.records import Record
from desktop.services.usecases.cycles import PhaseData
from desktop.views.cycle.section import Cell, RecordSection, date_text, form_key, load_form
from desktop.views.forms import Form, OptionalDateEdit, choice_combo


class PhasesSection(RecordSection):
    entity = "phase"

    def list_name(self) -> str:
        return self.tr("Phases")

    def introduction(self) -> str:
        return self.tr(
            "The stretches of this cycle, as the community went through them. A phase "
            "still going on has no end date yet. Phases may overlap."
        )

    def empty_text(self) -> str:
        return self.tr("No phases recorded yet. Use “Add phase” to record when one began.")

    def add_text(self) -> str:
        return self.tr("&Add phase…")

    def service(self) -> EntityService[Any, Any]:
        return self.context.services.phases

    def headers(self) -> list[str]:
        return [self.tr("Phase"), self.tr("Notes"), self.tr("Started"), self.tr("Ended")]

    def cells(self, record: Record[Any]) -> list[Cell]:
        data: PhaseData = record.data
        ended = date_text(data.end_on) or self.tr("going on")
        return [label(data.kind), data.notes, date_text(data.start_on), ended]

    def build_form(self, record: Record[Any] | None) -> Form:
        cycle_id = self.cycle.cycle_id

        def submit(values: dict[str, Any]) -> Record[PhaseData]:
            data = PhaseData(cycle_id=cycle_id, **values)
            return self.save(record, data)

        title = self.tr("Phase") if record else self.tr("New phase")
        form = Form(
            self.context, form_key=form_key("phase", record, cycle_id), title=title, submit=submit
        )
        form.add_field("kind", self.tr("&Phase:"), choice_combo(labels(PhaseKind)))
        form.add_field("start_on", self.tr("&Started on:"), OptionalDateEdit())
        form.add_field(
            "end_on",
            self.tr("&Ended on:"),
            OptionalDateEdit(),
            hint=self.tr("Leave as “Not set” while the phase goes on."),
        )
        notes = form.add_field("notes", self.tr("&Notes:"), QPlainTextEdit())
        notes.setTabChangesFocus(True)
        return load_form(form, record, "cycle_id", {"start_on": self.context.today()})
