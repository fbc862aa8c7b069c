"""Learning and feedback: what the learning phase found about each harm, and which findings
the community confirmed when they were taken back to it at the feedback meeting."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from desktop.i18n import N_
from desktop.labels import validated_labels
from desktop.services.framework.records import Record
from desktop.services.usecases.cycles import LearningFindingData
from desktop.views.cycle.choices import harm_choices, harm_names, meeting_choices, no_choice
from desktop.views.cycle.section import (
    Cell,
    CycleRef,
    Names,
    RecordSection,
    SectionSpec,
    form_key,
    load_form,
)
from desktop.views.forms import Form, choice_combo


def _names(cycle: CycleRef) -> Names:
    return {"harms": harm_names(cycle), "meetings": meeting_choices(cycle, "")}


def _cells(section: RecordSection, record: Record[Any]) -> list[Cell]:
    data: LearningFindingData = record.data
    harms, meetings = section.names["harms"], section.names["meetings"]
    feedback = validated_labels()[data.validated]
    if data.feedback_meeting_id is not None:
        meeting = meetings.get(data.feedback_meeting_id, "")
        feedback = f"{feedback} ({meeting.split(' · ')[0]})" if meeting else feedback
    harm = harms.get(data.harm_id, "") if data.harm_id else section.tr("(any harm)")
    return [harm, data.summary.replace("\n", " "), data.method, feedback]


def _form(section: RecordSection, record: Record[Any] | None) -> Form:
    cycle, cycle_id = section.cycle, section.cycle.cycle_id

    def submit(values: dict[str, Any]) -> Record[LearningFindingData]:
        return section.save(record, LearningFindingData(cycle_id=cycle_id, **values))

    form = Form(
        section.context,
        form_key=form_key("learning_finding", record, cycle_id),
        title=section.tr("Learning finding"),
        submit=submit,
    )
    current = record.data.harm_id if record else None
    form.add_field(
        "harm_id",
        section.tr("&Harm:"),
        choice_combo(harm_choices(cycle, current=current, none=no_choice())),
    )
    summary = form.add_field("summary", section.tr("&What was found:"), QPlainTextEdit())
    summary.setTabChangesFocus(True)
    method = form.add_field("method", section.tr("How it was &learned:"), QLineEdit())
    method.setPlaceholderText(section.tr("e.g. body mapping with girls, talks with parents"))
    form.add_section(section.tr("Feedback to the community"))
    form.add_field(
        "feedback_meeting_id",
        section.tr("Feedback &meeting:"),
        choice_combo(meeting_choices(cycle, no_choice())),
    )
    form.add_field("validated", section.tr("&Confirmed?"), choice_combo(validated_labels()))
    return load_form(form, record, "cycle_id")


LEARNING = SectionSpec(
    entity="learning_finding",
    service="findings",
    title=N_("Learning findings"),
    introduction=(
        N_(
            "What the community learned about harms to its children (from children, "
            "parents and others), and whether the community confirmed it when the "
            "findings were taken back at the feedback meeting."
        )
    ),
    empty=N_("No findings recorded yet."),
    add=N_("&Add finding…"),
    headers=(N_("Harm"), N_("Finding"), N_("How learned"), N_("Feedback")),
    cells=_cells,
    form=_form,
    lookups=_names,
)
