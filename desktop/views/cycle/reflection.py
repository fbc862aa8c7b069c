"""Reflection: review sessions — what worked, the challenges, and the adjustments decided,
linked to the actions those adjustments change."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPlainTextEdit

from desktop.i18n import N_
from desktop.services.framework.records import Record
from desktop.services.usecases.actions import ReflectionData
from desktop.views.cycle.check_list import CheckList
from desktop.views.cycle.choices import action_choices, meeting_choices, no_choice
from desktop.views.cycle.section import (
    Cell,
    CycleRef,
    Names,
    RecordSection,
    SectionSpec,
    date_text,
    form_key,
    load_form,
)
from desktop.views.forms import Form, OptionalDateEdit, choice_combo


def _names(cycle: CycleRef) -> Names:
    return {"actions": dict(action_choices(cycle))}


def _cells(section: RecordSection, record: Record[Any]) -> list[Cell]:
    data: ReflectionData = record.data
    actions = section.names["actions"]
    changed = sorted(actions.get(a, "?") for a in data.action_ids)
    return [
        date_text(data.held_on),
        data.what_worked.replace("\n", " "),
        data.challenges.replace("\n", " "),
        data.adjustments.replace("\n", " "),
        "; ".join(changed),
    ]


def _form(section: RecordSection, record: Record[Any] | None) -> Form:
    cycle_id = section.cycle.cycle_id

    def submit(values: dict[str, Any]) -> Record[ReflectionData]:
        values["action_ids"] = frozenset(values["action_ids"])
        return section.save(record, ReflectionData(cycle_id=cycle_id, **values))

    form = Form(
        section.context,
        form_key=form_key("reflection", record, cycle_id),
        title=section.tr("Reflection"),
        submit=submit,
    )
    form.add_field("held_on", section.tr("&Held on:"), OptionalDateEdit())
    form.add_field(
        "meeting_id",
        section.tr("At &meeting:"),
        choice_combo(meeting_choices(section.cycle, no_choice())),
    )
    for name, caption in (
        ("what_worked", section.tr("What &worked:")),
        ("challenges", section.tr("&Challenges:")),
        ("adjustments", section.tr("&Adjustments decided:")),
    ):
        box = form.add_field(name, caption, QPlainTextEdit())
        box.setTabChangesFocus(True)
        box.setMaximumHeight(box.fontMetrics().height() * 5 + 12)
    form.add_field(
        "action_ids",
        section.tr("Actio&ns changed:"),
        CheckList(action_choices(section.cycle)),
    )
    return load_form(form, record, "cycle_id", {"held_on": section.context.today()})


REFLECTION = SectionSpec(
    entity="reflection",
    service="reflections",
    title=N_("Reflections"),
    introduction=(
        N_(
            "When the community looked back together: what worked, what was hard, and "
            "what it decided to change. Tick the actions an adjustment changes."
        )
    ),
    empty=N_("No reflections recorded yet."),
    add=N_("&Record reflection…"),
    headers=(
        N_("Date"),
        N_("What worked"),
        N_("Challenges"),
        N_("Adjustments"),
        N_("Actions changed"),
    ),
    cells=_cells,
    form=_form,
    stretch=3,
    lookups=_names,
)
