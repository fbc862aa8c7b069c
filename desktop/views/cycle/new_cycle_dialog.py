"""Start a new cycle for a community: from the last one, carrying over its unfinished actions
and its indicators if the person asks, or as the community's first cycle."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QWidget

from desktop.i18n import ngettext
from desktop.services.framework.records import Record
from desktop.services.usecases.actions import UNFINISHED_ACTION_STATUSES
from desktop.services.usecases.cycles import CycleData
from desktop.views.forms import Form, FormDialog, OptionalDateEdit
from desktop.views.shell.context import AppContext
from desktop.views.shell.operations import route_form


class NewCycleDialog(FormDialog):
    """After ``exec()`` returns true, ``cycle_id`` is the new cycle's id."""

    def __init__(
        self, context: AppContext, community_id: uuid.UUID | str, parent: QWidget | None = None
    ) -> None:
        community_id = uuid.UUID(str(community_id))
        services = context.services
        cycles = services.cycles.list(
            where={"community_id": community_id}, order_by="number", descending=True, limit=1
        ).items
        self.previous = cycles[0] if cycles else None
        self.cycle_id: uuid.UUID | None = None
        self.carried: tuple[int, int] = (0, 0)

        self.context = context
        self.community_id = community_id
        form = Form(context, form_key=f"cycle/new/{community_id}", submit=self._submit)
        route_form(form, context, self)
        super().__init__(form, parent)
        form.title = self.tr("New cycle")
        self.setWindowTitle(form.title)
        self.setObjectName("new_cycle_dialog")

        title = form.add_field("title", self.tr("&Title:"), QLineEdit())
        title.setPlaceholderText(self.tr("e.g. Keeping girls in school"))
        form.add_field("start_on", self.tr("&Starts on:"), OptionalDateEdit())
        form.add_field(
            "end_on",
            self.tr("&Ends on:"),
            OptionalDateEdit(),
            hint=self.tr("Usually left open. Cycles of one community may overlap."),
        )
        self.carry_actions = QCheckBox()
        self.carry_indicators = QCheckBox()
        #: What is said instead of a box to tick when there is nothing to carry over.
        self.nothing_to_carry: list[str] = []
        if self.previous is not None:
            self._offer_carry_over(form, self.previous)
        form.set_values({"start_on": context.today()})
        self.resize(self.sizeHint().expandedTo(self.size()))

    def _offer_carry_over(self, form: Form, previous: Record[CycleData]) -> None:
        """Boxes to copy the last cycle's unfinished actions and its indicators, or a
        line saying there are none."""
        services = self.context.services
        unfinished = sum(
            services.actions.list(where={"cycle_id": previous.id, "status": status}, limit=0).total
            for status in UNFINISHED_ACTION_STATUSES
        )
        indicators = services.indicators.list(where={"cycle_id": previous.id}, limit=0).total
        name = previous.data.title or self.tr("cycle {n}").format(n=previous.data.number)
        form.add_section(self.tr("Carry over from “{cycle}”").format(cycle=name))
        self.carry_actions.setText(
            ngettext(
                "Its {n} unfinished action (planned or under way)",
                "Its {n} unfinished actions (planned or under way)",
                unfinished,
            ).format(n=unfinished)
        )
        self.carry_indicators.setText(
            ngettext("Its {n} indicator", "Its {n} indicators", indicators).format(n=indicators)
        )
        if unfinished:
            form.add_field("carry_actions", "", self.carry_actions)
        else:
            self._say(form, self.tr("No unfinished actions to carry over"))
        if indicators:
            form.add_field("carry_indicators", "", self.carry_indicators)
        else:
            self._say(form, self.tr("No indicators to carry over"))
        if unfinished or indicators:
            form.add_widget(
                self._hint(
                    self.tr(
                        "Copies go into the new cycle; the last cycle keeps its records "
                        "as they are."
                    )
                )
            )

    def _say(self, form: Form, text: str) -> None:
        self.nothing_to_carry.append(text)
        form.add_widget(QLabel(text))

    @staticmethod
    def _hint(text: str) -> QLabel:
        note = QLabel(text)
        note.setWordWrap(True)
        note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        return note

    def _submit(self, values: dict[str, Any]) -> Record[CycleData]:
        values = dict(values)  # the form's own copy stays whole
        carry_actions = bool(values.pop("carry_actions", False))
        carry_indicators = bool(values.pop("carry_indicators", False))
        data = CycleData(community_id=self.community_id, **values)
        cycles = self.context.services.cycles
        if self.previous is None:
            record = cycles.create(data)
        else:
            result = cycles.start_from(
                self.previous.id,
                data,
                carry_actions=carry_actions,
                carry_indicators=carry_indicators,
            )
            record = result.cycle
            self.carried = (result.actions, result.indicators)
        self.cycle_id = record.id
        return record
