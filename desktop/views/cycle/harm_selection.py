"""Harm selection: the harms considered, the rank each participant group gave them, the harms
the community selected and why, and the inclusion check of the deciding meetings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCheckBox, QPlainTextEdit, QTableWidgetItem, QWidget

from desktop.i18n import N_
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
    return {"groups": dict(group_names(cycle)), "harms": harm_names(cycle)}


HARM_SELECTION = SectionSpec(
    entity="harm_priority",
    service="priorities",
    title=N_("Harms considered"),
    introduction=(
        N_(
            "The harms the community considered, the rank each group gave them (1 = most "
            "serious), and the ones the community selected to act on, with its reasons."
        )
    ),
    empty=N_("No harms considered yet. Use “Consider a harm” to add one."),
    add=N_("&Consider a harm…"),
    headers=(N_("Harm"), N_("Selected"), N_("Why")),
    lookups=_names,
)


class HarmSelectionSection(RecordSection):
    """The harms considered, ranked by each participant group.

    A subclass because its columns are not fixed: one column per participant group of
    the office, between the harm and whether it was selected; the selected harms come
    first; and the inclusion check of the deciding meetings sits under the list.
    """

    def __init__(self, cycle: CycleRef, parent: QWidget | None = None) -> None:
        super().__init__(HARM_SELECTION, cycle, parent)
        self.inclusion = InclusionPanel(cycle)
        self.body.addWidget(self.inclusion)

    @property
    def _groups(self) -> list[tuple[str, str]]:
        """(code, name) of the participant groups, as of the last refresh."""
        return list(self.names.get("groups", {}).items())

    def refreshed(self) -> None:
        if hasattr(self, "inclusion"):
            self.inclusion.refresh()

    def headers(self) -> list[str]:
        harm, selected, why = super().headers()
        return [harm, *(name for _code, name in self._groups), selected, why]

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
            self.names["harms"].get(data.harm_id, "?"),
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
