"""Monitoring: the community's own indicators, the results entered for each, and a trend chart.

Picking an indicator shows its results below it, period by period, and its chart.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit, QSplitter, QWidget

from desktop.i18n import N_
from desktop.labels import labels
from desktop.models.enums import ObservationKind
from desktop.services.framework.records import Record
from desktop.services.usecases.actions import IndicatorData, ObservationData, as_count
from desktop.views.cycle.choices import action_choices, harm_choices, no_choice
from desktop.views.cycle.section import (
    Cell,
    CycleRef,
    RecordSection,
    SectionSpec,
    date_text,
    form_key,
    load_form,
)
from desktop.views.cycle.trend_chart import TrendChart, as_number
from desktop.views.forms import Form, NumberEdit, OptionalDateEdit, choice_combo
from desktop.views.forms.typed_input import KeepEverything, ProblemMark


class CountOrWords(QLineEdit):
    """An indicator's baseline or target: a number while the indicator is counted, the
    community's words otherwise. Kept as text either way (the record stores text); while
    counted, what is not a number is marked at once and refused beside the field on
    saving, like every number box (:class:`~desktop.views.forms.NumberEdit`)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counted = True
        self.setValidator(KeepEverything(self, self._problem))
        self.mark = ProblemMark(self)
        self.textChanged.connect(self._typed)

    def set_counted(self, counted: bool) -> None:
        self.counted = counted
        self.setPlaceholderText(self.tr("a number, e.g. 12") if counted else "")
        self.mark.show_problem(self.input_error())

    def value(self) -> str:
        return self.text()

    def set_value(self, value: str | None) -> None:
        self.setText(value or "")

    def _problem(self, text: str) -> str:
        if self.counted and text.strip() and as_count(text) is None:
            return self.tr("Only a number, e.g. 12 or 12.5.")
        return ""

    def input_error(self) -> str:
        return self._problem(self.text())

    def _typed(self, _text: str) -> None:
        self.mark.show_problem(self.input_error())
        self.changed.emit()


def _indicator_cells(_section: RecordSection, record: Record[Any]) -> list[Cell]:
    data: IndicatorData = record.data
    unit = f" {data.unit}" if data.unit else ""
    return [
        data.wording.replace("\n", " "),
        data.collected_by,
        data.frequency,
        f"{data.baseline}{unit}" if data.baseline else "",
        f"{data.target}{unit}" if data.target else "",
    ]


def _indicator_form(section: RecordSection, record: Record[Any] | None) -> Form:
    cycle, cycle_id = section.cycle, section.cycle.cycle_id

    def submit(values: dict[str, Any]) -> Record[IndicatorData]:
        return section.save(record, IndicatorData(cycle_id=cycle_id, **values))

    form = Form(
        section.context,
        form_key=form_key("indicator", record, cycle_id),
        title=section.tr("Indicator"),
        submit=submit,
    )
    wording = form.add_field(
        "wording",
        section.tr("In the community's &words:"),
        QPlainTextEdit(),
        hint=section.tr("Write it as the community said it."),
    )
    wording.setTabChangesFocus(True)
    wording.setMaximumHeight(wording.fontMetrics().height() * 4 + 12)
    form.add_field(
        "defined_by_community",
        "",
        QCheckBox(section.tr("The community defined this indicator")),
    )
    current = record.data.harm_id if record else None
    form.add_field(
        "harm_id",
        section.tr("&Harm:"),
        choice_combo(harm_choices(cycle, current=current, none=no_choice())),
    )
    actions: dict[uuid.UUID | None, str] = {None: no_choice()}
    actions.update(action_choices(cycle))
    form.add_field("action_id", section.tr("&Action:"), choice_combo(actions))
    form.add_field("method", section.tr("How it is &checked:"), QLineEdit())
    form.add_field("collected_by", section.tr("Who co&llects:"), QLineEdit())
    form.add_field("frequency", section.tr("How &often:"), QLineEdit()).setPlaceholderText(
        section.tr("e.g. every month")
    )
    follow_kind = _add_results_fields(section, form)
    load_form(form, record, "cycle_id", {"defined_by_community": True})
    follow_kind()
    return form


def _add_results_fields(section: RecordSection, form: Form) -> Callable[[], None]:
    """What results are (counted or described), with the unit, baseline and target; the
    baseline and target take numbers only while results are counted. Returns what makes
    them follow the kind shown (call it again once the record is loaded)."""
    kind = form.add_field(
        "value_kind", section.tr("Results are:"), choice_combo(labels(ObservationKind))
    )
    form.add_field("unit", section.tr("&Unit:"), QLineEdit()).setPlaceholderText(
        section.tr("e.g. girls, families")
    )
    baseline = form.add_field("baseline", section.tr("&Baseline:"), CountOrWords())
    target = form.add_field("target", section.tr("&Target:"), CountOrWords())

    def follow_kind() -> None:
        counted = kind.currentData() == ObservationKind.NUMBER
        baseline.set_counted(counted)
        target.set_counted(counted)

    kind.currentIndexChanged.connect(follow_kind)
    return follow_kind


INDICATORS = SectionSpec(
    entity="indicator",
    service="indicators",
    title=N_("Indicators"),
    introduction=(
        N_(
            "Signs of change the community chose, in its own words: how it checks them, "
            "who collects, how often, where things started and what it hopes for."
        )
    ),
    empty=N_("No indicators yet."),
    add=N_("&Add indicator…"),
    headers=(
        N_("In the community's words"),
        N_("Who collects"),
        N_("How often"),
        N_("Baseline"),
        N_("Target"),
    ),
    cells=_indicator_cells,
    form=_indicator_form,
    stretch=0,
)

OBSERVATIONS = SectionSpec(
    entity="observation",
    service="observations",
    title=N_("Results"),
    introduction=N_("<b>Results</b> of the indicator picked above, one row per period."),
    empty=N_("No results entered yet for this indicator."),
    add=N_("Enter &result…"),
    headers=(N_("Date"), N_("Result"), N_("Note"), N_("Recorded by")),
    stretch=2,
    parent="indicator_id",
)


class ObservationsSection(RecordSection):
    """The results entered for the indicator picked above.

    A subclass because its list follows another list: it shows one indicator's results
    (none until one is picked), its Add button waits for that pick, and a result is
    read and written as that indicator says (a number in its unit, or words).
    """

    def __init__(self, cycle: CycleRef, parent: QWidget | None = None) -> None:
        self.indicator: Record[IndicatorData] | None = None
        super().__init__(OBSERVATIONS, cycle, parent)

    def empty_text(self) -> str:
        if self.indicator is None:
            return self.tr("Pick an indicator above to see and enter its results.")
        return super().empty_text()

    def show_indicator(self, indicator: Record[IndicatorData] | None) -> None:
        self.indicator = indicator
        self.empty.setText(self.empty_text())
        self.refresh()

    def records(self) -> Sequence[Record[Any]]:
        if self.indicator is None:
            return []
        return self.service().list(where={"indicator_id": self.indicator.id}).items

    def cells(self, record: Record[Any]) -> list[Cell]:
        data: ObservationData = record.data
        if data.value_number is not None:
            unit = self.indicator.data.unit if self.indicator else ""
            value = f"{data.value_number:g} {unit}".strip()
        else:
            value = data.value_text
        return [date_text(data.observed_on), value, data.note, data.recorded_by]

    def _update_buttons(self) -> None:
        super()._update_buttons()
        self.add_button.setEnabled(self.indicator is not None)

    def build_form(self, record: Record[Any] | None) -> Form:
        indicator = self.indicator
        assert indicator is not None  # the Add button is disabled until one is picked

        def submit(values: dict[str, Any]) -> Record[ObservationData]:
            values.setdefault("value_number", None)
            values.setdefault("value_text", "")
            data = ObservationData(indicator_id=indicator.id, **values)
            return self.save(record, data)

        form = Form(
            self.context,
            form_key=form_key("observation", record, indicator.id),
            title=self.tr("Result: {indicator}").format(indicator=indicator.data.wording[:60]),
            submit=submit,
        )
        form.add_field("observed_on", self.tr("&Date:"), OptionalDateEdit())
        if indicator.data.value_kind == "number":
            value = form.add_field("value_number", self.tr("&Result:"), NumberEdit(decimals=2))
            if indicator.data.unit:
                value.setPlaceholderText(indicator.data.unit)
        else:
            text = form.add_field("value_text", self.tr("&What was seen:"), QPlainTextEdit())
            text.setTabChangesFocus(True)
        form.add_field("note", self.tr("&Note:"), QLineEdit())
        form.add_field("recorded_by", self.tr("Recorded &by:"), QLineEdit())
        return load_form(
            form,
            record,
            "indicator_id",
            {"observed_on": self.context.today(), "recorded_by": indicator.data.collected_by},
        )


class MonitoringPage(QSplitter):
    """Indicators above; the picked indicator's results and trend chart below."""

    def __init__(self, cycle: CycleRef, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.indicators = RecordSection(INDICATORS, cycle)
        self.observations = ObservationsSection(cycle)
        self.chart = TrendChart()
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.observations)
        lower.addWidget(self.chart)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 2)
        self.addWidget(self.indicators)
        self.addWidget(lower)
        # Results pile up period after period; indicators are few: give results the room.
        self.setStretchFactor(0, 2)
        self.setStretchFactor(1, 3)
        self.setChildrenCollapsible(False)
        self.indicators.table.itemSelectionChanged.connect(self._picked)
        self.observations.records_changed.connect(self._update_chart)
        self.indicators.records_changed.connect(self._picked)

    def refresh(self) -> None:
        self.indicators.refresh()
        self._picked()

    def _picked(self) -> None:
        indicator = self.indicators.current()
        if indicator is None and self.indicators.shown_ids():
            first = self.indicators.shown_ids()[0]
            if first is not None:
                self.indicators.select_record(first)
                return  # selecting calls back here
        self.observations.show_indicator(indicator)
        self._update_chart()

    def _update_chart(self) -> None:
        indicator = self.observations.indicator
        if indicator is None:
            self.chart.set_data([], message=self.tr("Pick an indicator to see its trend."))
            return
        if indicator.data.value_kind != "number":
            self.chart.set_data(
                [], message=self.tr("This indicator is described in words: see the results.")
            )
            return
        points = [
            (r.data.observed_on, r.data.value_number)
            for r in self.observations.records()
            if r.data.value_number is not None
        ]
        self.chart.set_data(
            points,
            baseline=as_number(indicator.data.baseline),
            target=as_number(indicator.data.target),
            title=indicator.data.wording,
        )
