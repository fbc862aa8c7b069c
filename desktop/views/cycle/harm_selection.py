"""Harm selection: the harms considered, the rank each participant group gave them, the harms
the community selected and why, and the inclusion check of the deciding meetings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCheckBox, QPlainTextEdit, QTableWidgetItem, QWidget

from desktop.services.framework.entity import EntityService
from desktop.services.framework.records import Record
from desktop.services.usecases.harms import HarmPriorityData
from desktop.views.cycle.choices import (
    group_names,
    harm_choices,
    harm_names,
    meeting_choices,
    no_choice,
)
from desktop.views.cycle.group_numbers import GroupNumbers
from desktop.views.cycle.inclusion_panel import InclusionPanel
from desktop.views.cycle.section import Cell, CycleRef, RecordSection, form_key, load_form
from desktop.views.forms import Form, choice_combo


class HarmSelectionSection(RecordSection):
    entity = "harm_priority"

    def __init__(self, cycle: CycleRef, parent: QWidget | None = None) -> None:
        self._groups: list[tuple[str, str]] = []
        super().__init__(cycle, parent)
        self.inclusion = InclusionPanel(cycle)
        self.body.addWidget(self.inclusion)

    def list_name(self) -> str:
        return self.tr("Harms considered")

    def introduction(self) -> str:
        return self.tr(
            "The harms the community considered, the rank each group gave them (1 = most "
            "serious), and the ones the community selected to act on, with its reasons."
        )

    def empty_text(self) -> str:
        return self.tr("No harms considered yet. Use “Consider a harm” to add one.")

    def add_text(self) -> str:
        return self.tr("&Consider a harm…")

    def service(self) -> EntityService[Any, Any]:
        return self.context.services.priorities

    def refresh(self) -> None:
        self._groups = group_names(self.cycle)
        self._harms = harm_names(self.cycle)
        super().refresh()

    def refreshed(self) -> None:
        if hasattr(self, "inclusion"):
            self.inclusion.refresh()

    def headers(self) -> list[str]:
        return [
            self.tr("Harm"),
            *(name for _code, name in self._groups),
            self.tr("Selected"),
            self.tr("Why"),
        ]

    def stretch_column(self) -> int:
        return len(self._groups) + 2

    def records(self) -> Sequence[Record[Any]]:
        items = super().records()
        # Selected harms first, then by how seriously the groups ranked them on average.
        return sorted(items, key=lambda r: (not r.data.selected, _average_rank(r.data)))

    def cells(self, record: Record[Any]) -> list[Cell]:
        data: HarmPriorityData = record.data
        ranks: list[Cell] = []
        for code, _name in self._groups:
            rank = QTableWidgetItem(str(data.ranks[code]) if code in data.ranks else "")
            rank.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            ranks.append(rank)
        selected = QTableWidgetItem(self.tr("✔ Selected") if data.selected else self.tr("no"))
        if data.selected:
            font = QFont(selected.font())
            font.setBold(True)
            selected.setFont(font)
        return [
            self._harms.get(data.harm_id, "?"),
            *ranks,
            selected,
            data.reasons.replace("\n", " "),
        ]

    def build_form(self, record: Record[Any] | None) -> Form:
        cycle_id = self.cycle.cycle_id

        def submit(values: dict[str, Any]) -> Record[HarmPriorityData]:
            data = HarmPriorityData(cycle_id=cycle_id, **values)
            return self.save(record, data)

        form = Form(
            self.context,
            form_key=form_key("harm_priority", record, cycle_id),
            title=self.tr("Harm considered"),
            submit=submit,
        )
        current = record.data.harm_id if record else None
        form.add_field(
            "harm_id", self.tr("&Harm:"), choice_combo(harm_choices(self.cycle, current=current))
        )
        form.add_field(
            "ranks",
            self.tr("&Rank given by:"),
            GroupNumbers(self._groups or group_names(self.cycle)),
            hint=self.tr(
                "1 = the most serious for that group. Leave empty if a group did not rank."
            ),
        )
        form.add_field(
            "decided_at_meeting_id",
            self.tr("Decided at &meeting:"),
            choice_combo(meeting_choices(self.cycle, no_choice())),
        )
        form.add_field(
            "selected", self.tr("&Selected:"), QCheckBox(self.tr("The community will act on it"))
        )
        reasons = form.add_field("reasons", self.tr("&Why:"), QPlainTextEdit())
        reasons.setTabChangesFocus(True)
        return load_form(form, record, "cycle_id")


def _average_rank(data: HarmPriorityData) -> float:
    ranks = list(data.ranks.values())
    return sum(ranks) / len(ranks) if ranks else float("inf")
