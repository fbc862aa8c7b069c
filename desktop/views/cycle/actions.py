"""Action plan: what the community decided to do about each selected harm, who leads, when,
with what resources and which formal actors. Overdue actions say so in words and colour;
marking an action done is one click."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidgetItem,
    QWidget,
)

from desktop.i18n import N_
from desktop.labels import label, labels
from desktop.models.enums import ActionStatus
from desktop.services.framework.records import Record
from desktop.services.usecases.actions import UNFINISHED_ACTION_STATUSES, ActionData, is_overdue
from desktop.views.cycle.check_list import CheckList
from desktop.views.cycle.choices import harm_names, selected_harm_choices
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
from desktop.views.shell.operations import run_write

CRITERIA = ("is_manageable", "is_sustainable", "is_do_no_harm", "is_inclusive")


def _names(cycle: CycleRef) -> Names:
    return {"harms": harm_names(cycle)}


ACTIONS = SectionSpec(
    entity="action",
    service="actions",
    title=N_("Action plan"),
    introduction=(
        N_(
            "What the community decided to do about each harm it selected. "
            "Overdue actions are marked ⚠ Overdue."
        )
    ),
    empty=(
        N_(
            "No actions yet. Select harms first (Harm selection), then add the actions "
            "the community planned for them."
        )
    ),
    add=N_("&Add action…"),
    headers=(N_("Harm"), N_("What"), N_("Who leads"), N_("Due"), N_("Status")),
    lookups=_names,
)


class ActionsSection(RecordSection):
    """The action plan.

    A subclass because actions behave differently from the other lists: a Mark done
    button finishes the selected action today, overdue actions stand out in colour and
    bold, and the list is ordered by harm and then by due date.
    """

    def __init__(self, cycle: CycleRef, parent: QWidget | None = None) -> None:
        super().__init__(ACTIONS, cycle, parent)

    def extra_buttons(self) -> None:
        self.done_button = QPushButton(self.tr("Mark &done"))
        self.done_button.setToolTip(self.tr("The selected action is finished (done today)"))
        self.done_button.clicked.connect(self.mark_done)
        self.buttons.addWidget(self.done_button)

    def records(self) -> Sequence[Record[Any]]:
        items = super().records()
        names = self.names["harms"]
        return sorted(
            items,
            key=lambda r: (
                names.get(r.data.harm_id, "~") if r.data.harm_id else "~",
                r.data.due_on is None,
                r.data.due_on or self.context.today(),
            ),
        )

    def cells(self, record: Record[Any]) -> list[Cell]:
        data: ActionData = record.data
        status = QTableWidgetItem(label(data.status))
        due = QTableWidgetItem(date_text(data.due_on))
        if is_overdue(data, self.context.today()):
            status.setText(self.tr("⚠ Overdue · {status}").format(status=status.text()))
            status.setToolTip(self.tr("Past its due date and not done"))
            colour = _attention_brush(self.palette())
            font = QFont(status.font())
            font.setBold(True)
            for item in (status, due):
                item.setForeground(colour)
                item.setFont(font)
        elif data.status == "done" and data.completed_on:
            status.setText(self.tr("Done on {date}").format(date=date_text(data.completed_on)))
        harm = self.names["harms"].get(data.harm_id, "") if data.harm_id else self.tr("(no harm)")
        return [harm, data.what.replace("\n", " "), data.lead_role, due, status]

    def overdue_ids(self) -> list[Any]:
        today = self.context.today()
        return [r.id for r in self.records() if is_overdue(r.data, today)]

    def _update_buttons(self) -> None:
        super()._update_buttons()
        if hasattr(self, "done_button"):
            record = self.current()
            open_action = record is not None and record.data.status in UNFINISHED_ACTION_STATUSES
            self.done_button.setEnabled(open_action)
            self.done_button.setVisible(self.cycle.can("update", self.entity))

    def mark_done(self) -> None:
        record = self.current()
        if record is None or record.data.status not in UNFINISHED_ACTION_STATUSES:
            return
        outcome = run_write(
            self,
            self.context,
            lambda services: services.actions.mark_done(
                record.id, expected_version=record.version, on=self.context.today()
            ),
            failed=self.tr("The action was not marked done."),
            reload=self.refresh,
        )
        if outcome.ok:
            self.after_write(record.id)
        else:
            self.refresh()

    def build_form(self, record: Record[Any] | None) -> Form:
        cycle_id = self.cycle.cycle_id

        def submit(values: dict[str, Any]) -> Record[ActionData]:
            values["stakeholder_ids"] = frozenset(values["stakeholder_ids"])
            data = ActionData(cycle_id=cycle_id, **values)
            return self.save(record, data)

        form = Form(
            self.context,
            form_key=form_key("action", record, cycle_id),
            title=self.tr("Action") if record else self.tr("New action"),
            submit=submit,
        )
        harms = selected_harm_choices(self.cycle, self.tr("(no harm)"))
        if record is not None and record.data.harm_id not in harms:
            harms[record.data.harm_id] = self.names["harms"].get(record.data.harm_id, "?")
        form.add_field("harm_id", self.tr("For &harm:"), choice_combo(harms))
        what = form.add_field("what", self.tr("&What:"), QPlainTextEdit())
        what.setTabChangesFocus(True)
        what.setMaximumHeight(what.fontMetrics().height() * 4 + 12)
        form.add_field("lead_role", self.tr("Who &leads:"), QLineEdit()).setPlaceholderText(
            self.tr("a role, e.g. women's group chair")
        )
        form.add_field("participants", self.tr("Who takes &part:"), QLineEdit())
        form.add_field("start_on", self.tr("&Starts:"), OptionalDateEdit())
        form.add_field("due_on", self.tr("D&ue:"), OptionalDateEdit())
        form.add_field("status", self.tr("S&tatus:"), choice_combo(labels(ActionStatus)))
        form.add_field(
            "completed_on",
            self.tr("Done &on:"),
            OptionalDateEdit(),
            hint=self.tr("Filled in with today when the status becomes Done."),
        )
        form.add_section(self.tr("Resources and formal actors"))
        form.add_field("community_resources", self.tr("From the &community:"), QLineEdit())
        form.add_field("outside_resources", self.tr("From outs&ide:"), QLineEdit())
        stakeholders = self.context.services.stakeholders.list(order_by="name").items
        form.add_field(
            "stakeholder_ids",
            self.tr("&Formal actors:"),
            CheckList([(s.id, s.data.name) for s in stakeholders]),
        )
        form.add_section(self.tr("The community checked that the action is"))
        for name, text in zip(
            CRITERIA,
            (
                self.tr("Manageable with what the community has"),
                self.tr("Sustainable after outside support ends"),
                self.tr("Does no harm to any child or family"),
                self.tr("Inclusive of every group"),
            ),
            strict=True,
        ):
            form.add_field(name, "", QCheckBox(text))
        return load_form(form, record, "cycle_id")


def _attention_brush(palette: QPalette) -> QBrush:
    """Dark red on a light background, light red on a dark one."""
    light = palette.color(QPalette.ColorRole.Base).lightness() >= 128
    return QBrush(QColor("#a40000") if light else QColor("#ff8080"))
