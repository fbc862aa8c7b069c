"""Reflection: review sessions — what worked, the challenges, and the adjustments decided,
linked to the actions those adjustments change."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPlainTextEdit

from desktop.services.framework.entity import EntityService
from desktop.services.framework.records import Record
from desktop.services.usecases.actions import ReflectionData
from desktop.views.cycle.check_list import CheckList
from desktop.views.cycle.choices import action_choices, meeting_choices, no_choice
from desktop.views.cycle.section import Cell, RecordSection, date_text, form_key, load_form
from desktop.views.forms import Form, OptionalDateEdit, choice_combo


class ReflectionSection(RecordSection):
    entity = "reflection"

    def list_name(self) -> str:
        return self.tr("Reflections")

    def introduction(self) -> str:
        return self.tr(
            "When the community looked back together: what worked, what was hard, and "
            "what it decided to change. Tick the actions an adjustment changes."
        )

    def empty_text(self) -> str:
        return self.tr("No reflections recorded yet.")

    def add_text(self) -> str:
        return self.tr("&Record reflection…")

    def service(self) -> EntityService[Any, Any]:
        return self.context.services.reflections

    def headers(self) -> list[str]:
        return [
            self.tr("Date"),
            self.tr("What worked"),
            self.tr("Challenges"),
            self.tr("Adjustments"),
            self.tr("Actions changed"),
        ]

    def stretch_column(self) -> int:
        return 3

    def refresh(self) -> None:
        self._actions = dict(action_choices(self.cycle))
        super().refresh()

    def cells(self, record: Record[Any]) -> list[Cell]:
        data: ReflectionData = record.data
        changed = sorted(self._actions.get(a, "?") for a in data.action_ids)
        return [
            date_text(data.held_on),
            data.what_worked.replace("\n", " "),
            data.challenges.replace("\n", " "),
            data.adjustments.replace("\n", " "),
            "; ".join(changed),
        ]

    def build_form(self, record: Record[Any] | None) -> Form:
        cycle_id = self.cycle.cycle_id

        def submit(values: dict[str, Any]) -> Record[ReflectionData]:
            values["action_ids"] = frozenset(values["action_ids"])
            data = ReflectionData(cycle_id=cycle_id, **values)
            return self.save(record, data)

        form = Form(
            self.context,
            form_key=form_key("reflection", record, cycle_id),
            title=self.tr("Reflection"),
            submit=submit,
        )
        form.add_field("held_on", self.tr("&Held on:"), OptionalDateEdit())
        form.add_field(
            "meeting_id",
            self.tr("At &meeting:"),
            choice_combo(meeting_choices(self.cycle, no_choice())),
        )
        for name, caption in (
            ("what_worked", self.tr("What &worked:")),
            ("challenges", self.tr("&Challenges:")),
            ("adjustments", self.tr("&Adjustments decided:")),
        ):
            box = form.add_field(name, caption, QPlainTextEdit())
            box.setTabChangesFocus(True)
            box.setMaximumHeight(box.fontMetrics().height() * 5 + 12)
        form.add_field(
            "action_ids",
            self.tr("Actio&ns changed:"),
            CheckList(action_choices(self.cycle)),
        )
        return load_form(form, record, "cycle_id", {"held_on": self.context.today()})
