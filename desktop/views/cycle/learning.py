"""Learning and feedback: what the learning phase found about each harm, and which findings
the community confirmed when they were taken back to it at the feedback meeting."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from desktop.labels import validated_labels
from desktop.services.framework.entity import EntityService
from desktop.services.framework.records import Record
from desktop.services.usecases.cycles import LearningFindingData
from desktop.views.cycle.choices import harm_choices, harm_names, meeting_choices, no_choice
from desktop.views.cycle.section import Cell, RecordSection, form_key, load_form
from desktop.views.forms import Form, choice_combo


class LearningSection(RecordSection):
    entity = "learning_finding"

    def list_name(self) -> str:
        return self.tr("Learning findings")

    def introduction(self) -> str:
        return self.tr(
            "What the community learned about harms to its children (from children, "
            "parents and others), and whether the community confirmed it when the "
            "findings were taken back at the feedback meeting."
        )

    def empty_text(self) -> str:
        return self.tr("No findings recorded yet.")

    def add_text(self) -> str:
        return self.tr("&Add finding…")

    def service(self) -> EntityService[Any, Any]:
        return self.context.services.findings

    def headers(self) -> list[str]:
        return [self.tr("Harm"), self.tr("Finding"), self.tr("How learned"), self.tr("Feedback")]

    def refresh(self) -> None:
        self._harms = harm_names(self.cycle)
        self._meetings = meeting_choices(self.cycle, "")
        super().refresh()

    def cells(self, record: Record[Any]) -> list[Cell]:
        data: LearningFindingData = record.data
        feedback = validated_labels()[data.validated]
        if data.feedback_meeting_id is not None:
            meeting = self._meetings.get(data.feedback_meeting_id, "")
            feedback = f"{feedback} ({meeting.split(' · ')[0]})" if meeting else feedback
        harm = self._harms.get(data.harm_id, "") if data.harm_id else self.tr("(any harm)")
        return [harm, data.summary.replace("\n", " "), data.method, feedback]

    def stretch_column(self) -> int:
        return 1

    def build_form(self, record: Record[Any] | None) -> Form:
        cycle_id = self.cycle.cycle_id

        def submit(values: dict[str, Any]) -> Record[LearningFindingData]:
            data = LearningFindingData(cycle_id=cycle_id, **values)
            return self.save(record, data)

        title = self.tr("Learning finding")
        form = Form(
            self.context,
            form_key=form_key("learning_finding", record, cycle_id),
            title=title,
            submit=submit,
        )
        current = record.data.harm_id if record else None
        form.add_field(
            "harm_id",
            self.tr("&Harm:"),
            choice_combo(harm_choices(self.cycle, current=current, none=no_choice())),
        )
        summary = form.add_field("summary", self.tr("&What was found:"), QPlainTextEdit())
        summary.setTabChangesFocus(True)
        method = form.add_field("method", self.tr("How it was &learned:"), QLineEdit())
        method.setPlaceholderText(self.tr("e.g. body mapping with girls, talks with parents"))
        form.add_section(self.tr("Feedback to the community"))
        form.add_field(
            "feedback_meeting_id",
            self.tr("Feedback &meeting:"),
            choice_combo(meeting_choices(self.cycle, no_choice())),
        )
        form.add_field("validated", self.tr("&Confirmed?"), choice_combo(validated_labels()))
        return load_form(form, record, "cycle_id")
