"""The community's planning group: members by role or initials (full names are not needed)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit

from desktop.i18n import N_
from desktop.services.framework.records import Record
from desktop.services.usecases.meetings import PlanningGroupMemberData
from desktop.views.cycle.choices import group_names
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
    # every group, retired ones too: a member may be from one
    return {"groups": dict(group_names(cycle, active_only=False))}


def _cells(section: RecordSection, record: Record[Any]) -> list[Cell]:
    data: PlanningGroupMemberData = record.data
    group = section.names["groups"].get(data.group_code, data.group_code)
    return [data.label, group, date_text(data.from_on), date_text(data.to_on)]


def _form(section: RecordSection, record: Record[Any] | None) -> Form:
    community_id = section.cycle.community_id

    def submit(values: dict[str, Any]) -> Record[PlanningGroupMemberData]:
        return section.save(record, PlanningGroupMemberData(community_id=community_id, **values))

    form = Form(
        section.context,
        form_key=form_key("planning_group_member", record, community_id),
        title=section.tr("Planning group member"),
        submit=submit,
    )
    label = form.add_field("label", section.tr("&Role or initials:"), QLineEdit())
    label.setPlaceholderText(section.tr("e.g. youth leader, A.K."))
    groups = {"": section.tr("(no group)")} | dict(group_names(section.cycle))
    form.add_field("group_code", section.tr("&Group:"), choice_combo(groups))
    form.add_field("from_on", section.tr("&Member from:"), OptionalDateEdit())
    form.add_field("to_on", section.tr("&Until:"), OptionalDateEdit())
    return load_form(form, record, "community_id")


PLANNING_GROUP = SectionSpec(
    entity="planning_group_member",
    service="planning_members",
    title=N_("Planning group"),
    introduction=(
        N_(
            "<b>Planning group</b> of the community (shared by all its cycles). Write a role "
            "or initials, such as “women's group chair” or “A.K.”, not a full name."
        )
    ),
    empty=N_("No planning group members recorded."),
    add=N_("Add &member…"),
    headers=(N_("Role or initials"), N_("Group"), N_("From"), N_("Until")),
    cells=_cells,
    form=_form,
    stretch=0,
    parent="community_id",
    lookups=_names,
)
