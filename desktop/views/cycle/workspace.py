"""The cycle workspace: one community's planning and action cycle, section by section,
in the order the community goes through it.

Sections are listed on the left: phases, meetings, learning and feedback, harm selection,
the action plan, monitoring and reflection. ``show_record("action", id)`` (also reached
through ``navigator.open_record``) opens the section that holds a record and selects it.
Every write is announced on the navigator; other writes refresh the section when it is
next shown.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.labels import label
from desktop.services.framework.changes import Changes
from desktop.services.framework.errors import NotFoundError
from desktop.services.framework.records import Record
from desktop.services.usecases.cycles import CycleData
from desktop.views.cycle.actions import ActionsSection
from desktop.views.cycle.drafts import remember_workspace
from desktop.views.cycle.edit_cycle_dialog import EditCycleDialog
from desktop.views.cycle.harm_selection import HarmSelectionSection
from desktop.views.cycle.learning import LEARNING
from desktop.views.cycle.meetings import MEETINGS
from desktop.views.cycle.monitoring import MonitoringPage
from desktop.views.cycle.new_cycle_dialog import NewCycleDialog
from desktop.views.cycle.phases import PHASES
from desktop.views.cycle.planning_group import PLANNING_GROUP
from desktop.views.cycle.reflection import REFLECTION
from desktop.views.cycle.section import CycleRef, RecordSection, date_text
from desktop.views.forms import FormDialog
from desktop.views.reviews.cycle_comments import CycleComments
from desktop.views.shell.context import AppContext

D = TypeVar("D", bound=FormDialog)
#: A section as the workspace lists it: key, title, widget, how to refresh it.
Page = tuple[str, str, QWidget, Callable[[], None]]


class Section:
    """The keys of the sections, in the order they are listed."""

    PHASES = "phases"
    MEETINGS = "meetings"
    LEARNING = "learning"
    HARMS = "harms"
    ACTIONS = "actions"
    MONITORING = "monitoring"
    REFLECTION = "reflection"


class CycleWorkspace(QWidget):
    def __init__(
        self, context: AppContext, cycle_id: str | uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.cycle: Record[CycleData] = context.services.cycles.get(uuid.UUID(str(cycle_id)))
        ref = CycleRef(context, self.cycle.id, self.cycle.data.community_id)
        self.ref = ref
        self.dialog: QWidget | None = None
        remember_workspace(self.cycle.id, self)

        pages = self._build_sections(ref)
        self.keys = [key for key, *_rest in pages]
        self._refreshers = {key: refresh for key, _t, _w, refresh in pages}
        self._stale = set(self.keys)
        self._build_navigation(pages)
        header = self._build_header(ref)
        # The comments on the record selected in the shown section, below it.
        self.comments = CycleComments(context, self.cycle.id, self._commented_sections())
        pane = QSplitter(Qt.Orientation.Vertical)
        pane.addWidget(self.stack)
        pane.addWidget(self.comments)
        # The section's list keeps most of a small (1366x768, or 150 %) screen.
        pane.setStretchFactor(0, 3)
        pane.setStretchFactor(1, 1)
        pane.setSizes([720, 280])
        pane.setChildrenCollapsible(False)
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(pane, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 6)
        layout.addLayout(header)
        layout.addLayout(body, 1)

        self._show_header()
        context.navigator.changes_made.connect(self._on_changes)
        context.navigator.open_record.connect(self._on_open_record)
        self.nav.setCurrentRow(0)

    # --- building ----------------------------------------------------------------------

    def _build_sections(self, ref: CycleRef) -> list[Page]:
        """Every section, in the order the community goes through them."""
        self.phases = RecordSection(PHASES, ref)
        self.meetings = RecordSection(MEETINGS, ref)
        self.planning_group = RecordSection(PLANNING_GROUP, ref)
        self.learning = RecordSection(LEARNING, ref)
        self.harms = HarmSelectionSection(ref)
        self.action_plan = ActionsSection(ref)
        self.monitoring = MonitoringPage(ref)
        self.reflection = RecordSection(REFLECTION, ref)
        meetings_page = QSplitter(Qt.Orientation.Vertical)
        meetings_page.addWidget(self.meetings)
        meetings_page.addWidget(self.planning_group)
        meetings_page.setStretchFactor(0, 3)
        meetings_page.setStretchFactor(1, 1)

        pages: list[Page] = [
            (Section.PHASES, self.tr("Phases"), self.phases, self.phases.refresh),
            (Section.MEETINGS, self.tr("Meetings"), meetings_page, self._refresh_meetings),
            (
                Section.LEARNING,
                self.tr("Learning and feedback"),
                self.learning,
                self.learning.refresh,
            ),
            (Section.HARMS, self.tr("Harm selection"), self.harms, self.harms.refresh),
            (Section.ACTIONS, self.tr("Action plan"), self.action_plan, self.action_plan.refresh),
            (Section.MONITORING, self.tr("Monitoring"), self.monitoring, self.monitoring.refresh),
            (Section.REFLECTION, self.tr("Reflection"), self.reflection, self.reflection.refresh),
        ]
        return pages

    def _build_navigation(self, pages: list[Page]) -> None:
        """The list of sections on the left and the stack showing the chosen one."""
        self.nav = QListWidget()
        self.nav.setAccessibleName(self.tr("Sections of the cycle"))
        self.stack = QStackedWidget()
        for _key, title, widget, _refresh in pages:
            self.nav.addItem(title)
            self.stack.addWidget(widget)
        self.nav.setSpacing(3)
        self.nav.setFixedWidth(self.nav.sizeHintForColumn(0) + 32)
        self.nav.currentRowChanged.connect(self._show_row)

    def _build_header(self, ref: CycleRef) -> QHBoxLayout:
        """The cycle's title and facts, with Edit cycle and Start next cycle."""
        self.title_label = QLabel()
        font = QFont(self.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts_label = QLabel()
        self.edit_button = QPushButton(self.tr("Edit &cycle…"))
        self.edit_button.clicked.connect(self.edit_cycle)
        self.new_button = QPushButton(self.tr("Start &next cycle…"))
        self.new_button.setToolTip(
            self.tr("A new cycle of this community; unfinished actions can come along")
        )
        self.new_button.clicked.connect(self.new_cycle)
        self.edit_button.setVisible(ref.can("update", "cycle"))
        self.new_button.setVisible(ref.can("create", "cycle"))

        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title_label)
        titles.addWidget(self.facts_label)
        header.addLayout(titles, 1)
        header.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignTop)
        return header

    # --- sections ------------------------------------------------------------------------

    def first_focus(self) -> QWidget:
        """Where the keyboard starts when the workspace opens: its list of sections."""
        return self.nav

    def show_section(self, key: str) -> None:
        self.nav.setCurrentRow(self.keys.index(key))

    def current_section(self) -> str:
        return self.keys[self.nav.currentRow()]

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        key = self.keys[row]
        if key in self._stale:
            self._stale.discard(key)
            self._refreshers[key]()
        self.comments.page_shown(self.stack.currentWidget())

    def _refresh_meetings(self) -> None:
        self.meetings.refresh()
        self.planning_group.refresh()

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches("cycle", "phase"):
            self._reload_cycle()
        self._stale = set(self.keys)
        current = self.current_section()
        self._stale.discard(current)
        self._refreshers[current]()
        self.comments.refresh_marks()

    def _commented_sections(self) -> dict[RecordSection, str]:
        """The lists whose records take comments, and the kind of record of each."""
        return {
            self.phases: "phase",
            self.meetings: "meeting",
            self.learning: "finding",
            self.harms: "harm_priority",
            self.action_plan: "action",
            self.monitoring.indicators: "indicator",
            self.monitoring.observations: "observation",
            self.reflection: "reflection",
        }

    # --- records by id -------------------------------------------------------------------

    def show_record(self, entity: str, record_id: str | uuid.UUID) -> bool:
        """Open the section that holds the record and select it; False if it is not in
        this cycle (or not a kind of record the workspace shows)."""
        try:
            wanted = uuid.UUID(str(record_id))
        except ValueError:
            return False
        if entity == "observation":
            return self._show_observation(wanted)
        section = self.open_section_of(entity)
        return section is not None and section.select_record(wanted)

    def open_section_of(self, entity: str) -> RecordSection | None:
        """Show the section that lists records of ``entity``; that section, or None."""
        places: dict[str, tuple[str, RecordSection]] = {
            "phase": (Section.PHASES, self.phases),
            "meeting": (Section.MEETINGS, self.meetings),
            "planning_group_member": (Section.MEETINGS, self.planning_group),
            "finding": (Section.LEARNING, self.learning),
            "learning_finding": (Section.LEARNING, self.learning),
            "harm_priority": (Section.HARMS, self.harms),
            "action": (Section.ACTIONS, self.action_plan),
            "indicator": (Section.MONITORING, self.monitoring.indicators),
            "observation": (Section.MONITORING, self.monitoring.observations),
            "reflection": (Section.REFLECTION, self.reflection),
        }
        if entity not in places:
            return None
        key, section = places[entity]
        self.show_section(key)
        return section

    def _show_observation(self, observation_id: uuid.UUID) -> bool:
        try:
            observation = self.context.services.observations.get(observation_id)
        except NotFoundError:
            return False
        if not self.show_record("indicator", observation.data.indicator_id):
            return False
        return self.monitoring.observations.select_record(observation_id)

    def _on_open_record(self, entity: str, record_id: str) -> None:
        self.show_record(entity, record_id)

    # --- the cycle itself ----------------------------------------------------------------

    def _reload_cycle(self) -> None:
        try:
            self.cycle = self.context.services.cycles.get(self.cycle.id)
        except NotFoundError:
            return
        self._show_header()

    def _show_header(self) -> None:
        data = self.cycle.data
        community = self.context.services.communities.get(data.community_id).data.name
        name = self.tr("Cycle {n}").format(n=data.number)
        if data.title:
            name = f"{name}: {data.title}"
        self.title_label.setText(f"{community} — {name}")
        if data.end_on is not None:
            dates = self.tr("{start} to {end}").format(
                start=date_text(data.start_on), end=date_text(data.end_on)
            )
        else:
            dates = self.tr("since {start}").format(start=date_text(data.start_on))
        status = label(data.status)
        self.facts_label.setText(f"{status} · {dates}")

    def edit_cycle(self) -> EditCycleDialog:
        return self._open(EditCycleDialog(self.context, self.cycle, self))

    def new_cycle(self) -> NewCycleDialog:
        dialog = NewCycleDialog(self.context, self.cycle.data.community_id, self)
        dialog.accepted.connect(lambda: self._opened_new(dialog))
        return self._open(dialog)

    def _opened_new(self, dialog: NewCycleDialog) -> None:
        if dialog.cycle_id is not None:
            self.context.navigator.open_cycle.emit(str(dialog.cycle_id))

    def _open(self, dialog: D) -> D:
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.form.offer_draft()
        dialog.open()
        return dialog
