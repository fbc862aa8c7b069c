"""Meetings of any kind, with how many people of each participant group took part."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from desktop.i18n import N_
from desktop.labels import group_words, label, labels
from desktop.models.enums import MeetingKind
from desktop.services.framework.records import Record
from desktop.services.usecases.meetings import MeetingData
from desktop.views.cycle.group_numbers import GroupNumbers
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
    data: MeetingData = record.data
    people = sum(data.attendance.values())
    return [
        date_text(data.held_on),
        label(data.kind),
        data.place,
        str(people) if data.attendance else section.tr("not counted"),
        data.decisions.replace("\n", " "),
    ]


def _form(section: RecordSection, record: Record[Any] | None) -> Form:
    cycle_id = section.cycle.cycle_id

    def submit(values: dict[str, Any]) -> Record[MeetingData]:
        return section.save(record, MeetingData(cycle_id=cycle_id, **values))

    title = section.tr("Meeting") if record else section.tr("New meeting")
    form = Form(
        section.context, form_key=form_key("meeting", record, cycle_id), title=title, submit=submit
    )
    form.add_field("held_on", section.tr("&Held on:"), OptionalDateEdit())
    form.add_field("kind", section.tr("&Kind:"), choice_combo(labels(MeetingKind)))
    form.add_field("place", section.tr("&Place:"), QLineEdit())
    form.add_field("facilitated_by", section.tr("&Facilitated by:"), QLineEdit())
    groups = [
        (g.data.code, group_words(g.data.code, g.data.name))
        for g in section.context.services.participant_groups.participant_groups()
    ]
    form.add_field(
        "attendance",
        section.tr("People &who took part:"),
        GroupNumbers(groups),
        hint=section.tr(
            "How many of each group. Leave a box empty if nobody counted; 0 means none came."
        ),
    )
    for name, caption in (
        ("decisions", section.tr("&Decisions:")),
        ("notes", section.tr("&Notes:")),
    ):
        box = form.add_field(name, caption, QPlainTextEdit())
        box.setTabChangesFocus(True)
    return load_form(form, record, "cycle_id", {"held_on": section.context.today()})


MEETINGS = SectionSpec(
    entity="meeting",
    service="meetings",
    title=N_("Meetings"),
    introduction=(
        N_(
            "Every meeting of this cycle: whole community, small groups, home visits, the "
            "planning group, reflections and dialogues with formal actors. Count who came "
            "from each group: it shows whose voices were heard."
        )
    ),
    empty=N_("No meetings recorded yet."),
    add=N_("&Record meeting…"),
    headers=(N_("Date"), N_("Kind"), N_("Place"), N_("People"), N_("Decisions")),
    cells=_cells,
    form=_form,
    stretch=4,
)
