"""Phases: when each stretch of the cycle (learning, feedback, planning, ...) began and ended."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPlainTextEdit

from desktop.i18n import N_
from desktop.labels import label, labels
from desktop.models.enums import PhaseKind
from desktop.services.framework.records import Record
from desktop.services.usecases.cycles import PhaseData
from desktop.views.cycle.section import (
    Cell,
    RecordSection,
    SectionSpec,
    date_text,
    form_key,
    load_form,
)
from desktop.views.forms import Form, OptionalDateEdit, choice_combo


def _cells(section: RecordSection, record: Record[Any]) -> list[Cell]:
    data: PhaseData = record.data
    ended = date_text(data.end_on) or section.tr("going on")
    return [label(data.kind), data.notes, date_text(data.start_on), ended]


def _form(section: RecordSection, record: Record[Any] | None) -> Form:
    cycle_id = section.cycle.cycle_id

    def submit(values: dict[str, Any]) -> Record[PhaseData]:
        return section.save(record, PhaseData(cycle_id=cycle_id, **values))

    title = section.tr("Phase") if record else section.tr("New phase")
    form = Form(
        section.context, form_key=form_key("phase", record, cycle_id), title=title, submit=submit
    )
    form.add_field("kind", section.tr("&Phase:"), choice_combo(labels(PhaseKind)))
    form.add_field("start_on", section.tr("&Started on:"), OptionalDateEdit())
    form.add_field(
        "end_on",
        section.tr("&Ended on:"),
        OptionalDateEdit(),
        hint=section.tr("Leave as “Not set” while the phase goes on."),
    )
    notes = form.add_field("notes", section.tr("&Notes:"), QPlainTextEdit())
    notes.setTabChangesFocus(True)
    return load_form(form, record, "cycle_id", {"start_on": section.context.today()})


PHASES = SectionSpec(
    entity="phase",
    service="phases",
    title=N_("Phases"),
    introduction=(
        N_(
            "The stretches of this cycle, as the community went through them. A phase "
            "still going on has no end date yet. Phases may overlap."
        )
    ),
    empty=N_("No phases recorded yet. Use “Add phase” to record when one began."),
    add=N_("&Add phase…"),
    headers=(N_("Phase"), N_("Notes"), N_("Started"), N_("Ended")),
    cells=_cells,
    form=_form,
)
