"""The community's planning group: members by role or initials (full names are not needed)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QLineEdit

from desktop.services.framework.entity import EntityService
from desktop.services.framework.records import Record
from desktop.services.usecases.meetings import PlanningGroupMemberData
from desktop.views.cycle.section import Cell, RecordSection, date_text, form_key, load_form
from desktop.views.forms import Form, OptionalDateEdit, choice_combo


class PlanningGroupSection(RecordSection):
    entity = "planning_group_member"

    def list_name(self) -> str:
        return self.tr("Planning group")

    def introduction(self) -> str:
        return self.tr(
            "<b>Planning group</b> of the community (shared by all its cycles). Write a role "
            "or initials, such as “women's group chair” or “A.K.”, not a full name."
        )

    def empty_text(self) -> str:
        return self.tr("No planning group members recorded.")

    def add_text(self) -> str:
        return self.tr("Add &member…")

    def service(self) -> EntityService[Any, Any]:
        return self.context.services.planning_members

    def _groups(self) -> dict[str, str]:
        return {
            g.data.code: g.data.name
            for g in self.context.services.participant_groups.participant_groups(active_only=False)
        }

    def headers(self) -> list[str]:
        return [self.tr("Role or initials"), self.tr("Group"), self.tr("From"), self.tr("Until")]

    def stretch_column(self) -> int:
        return 0

    def records(self) -> Sequence[Record[Any]]:
        return self.service().list(where={"community_id": self.cycle.community_id}).items

    def cells(self, record: Record[Any]) -> list[Cell]:
        data: PlanningGroupMemberData = record.data
        group = self._groups().get(data.group_code, data.group_code)
        return [data.label, group, date_text(data.from_on), date_text(data.to_on)]

    def build_form(self, record: Record[Any] | None) -> Form:
        community_id = self.cycle.community_id

        def submit(values: dict[str, Any]) -> Record[PlanningGroupMemberData]:
            data = PlanningGroupMemberData(community_id=community_id, **values)
            return self.save(record, data)

        title = self.tr("Planning group member")
        form = Form(
            self.context,
            form_key=form_key("planning_group_member", record, community_id),
            title=title,
            submit=submit,
        )
        label = form.add_field("label", self.tr("&Role or initials:"), QLineEdit())
        label.setPlaceholderText(self.tr("e.g. youth leader, A.K."))
        groups = {"": self.tr("(no group)")} | {
            g.data.code: g.data.name
            for g in self.context.services.participant_groups.participant_groups()
        }
        form.add_field("group_code", self.tr("&Group:"), choice_combo(groups))
        form.add_field("from_on", self.tr("&Member from:"), OptionalDateEdit())
        form.add_field("to_on", self.tr("&Until:"), OptionalDateEdit())
        return load_form(form, record, "community_id")
