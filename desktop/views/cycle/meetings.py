"""Meetings of any kind, with how many people of each participant group took part."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from desktop.labels import label, labels
from desktop.models.enums import MeetingKind
from desktop.services.framework.entity import EntityService
from desktop.services.framework.records import Record
from desktop.services.usecases.meetings import MeetingData
from desktop.views.cycle.group_numbers import GroupNumbers
from desktop.views.cycle.section import Cell, RecordSection, date_text, form_key, load_form
from desktop.views.forms import Form, OptionalDateEdit, choice_combo


class MeetingsSection(RecordSection):
    entity = "meeting"

    def list_name(self) -> str:
        return self.tr("Meetings")

    def introduction(self) -> str:
        return self.tr(
            "Every meeting of this cycle: whole community, small groups, home visits, the "
            "planning group, reflections and dialogues with formal actors. Count who came "
            "from each group: it shows whose voices were heard."
        )

    def empty_text(self) -> str:
        return self.tr("No meetings recorded yet.")

    def add_text(self) -> str:
        return self.tr("&Record meeting…")

    def service(self) -> EntityService[Any, Any]:
        return self.context.services.meetings

    def headers(self) -> list[str]:
        return [
            self.tr("Date"),
            self.tr("Kind"),
            self.tr("Place"),
            self.tr("People"),
            self.tr("Decisions"),
        ]

    def stretch_column(self) -> int:
        return 4

    def cells(self, record: Record[Any]) -> list[Cell]:
        data: MeetingData = record.data
        people = sum(data.attendance.values())
        return [
            date_text(data.held_on),
            label(data.kind),
            data.place,
            str(people) if data.attendance else self.tr("not counted"),
            data.decisions.replace("\n", " "),
        ]

    def build_form(self, record: Record[Any] | None) -> Form:
        cycle_id = self.cycle.cycle_id

        def submit(values: dict[str, Any]) -> Record[MeetingData]:
            data = MeetingData(cycle_id=cycle_id, **values)
            return self.save(record, data)

        title = self.tr("Meeting") if record else self.tr("New meeting")
        form = Form(
            self.context, form_key=form_key("meeting", record, cycle_id), title=title, submit=submit
        )
        form.add_field("held_on", self.tr("&Held on:"), OptionalDateEdit())
        form.add_field("kind", self.tr("&Kind:"), choice_combo(labels(MeetingKind)))
        form.add_field("place", self.tr("&Place:"), QLineEdit())
        form.add_field("facilitated_by", self.tr("&Facilitated by:"), QLineEdit())
        groups = [
            (g.data.code, g.data.name)
            for g in self.context.services.participant_groups.participant_groups()
        ]
        form.add_field(
            "attendance",
            self.tr("People &who took part:"),
            GroupNumbers(groups),
            hint=self.tr(
                "How many of each group. Leave a box empty if nobody counted; 0 means none came."
            ),
        )
        for name, caption in (
            ("decisions", self.tr("&Decisions:")),
            ("notes", self.tr("&Notes:")),
        ):
            box = form.add_field(name, caption, QPlainTextEdit())
            box.setTabChangesFocus(True)
        return load_form(form, record, "cycle_id", {"held_on": self.context.today()})
